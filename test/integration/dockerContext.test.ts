import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import { activateExtension } from './support/extension';
import { cleanupRun, createContainer, testDocker, uniqueName } from './support/testEngine';
import { waitFor } from './support/uiBridge';

/** Writes a context the way `docker context create NAME --docker host=...` stores it. */
function writeContext(configDir: string, name: string, host: string, tlsFrom?: string): void {
  const digest = createHash('sha256').update(name).digest('hex');
  const meta = path.join(configDir, 'contexts', 'meta', digest);
  fs.mkdirSync(meta, { recursive: true });
  fs.writeFileSync(path.join(meta, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
  if (tlsFrom) {
    const tls = path.join(configDir, 'contexts', 'tls', digest, 'docker');
    fs.mkdirSync(tls, { recursive: true });
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) {
      fs.copyFileSync(path.join(tlsFrom, file), path.join(tls, file));
    }
  }
}

/** `docker context use NAME`: the CLI writes config.json anew (to a temporary file, then renamed). */
function useContext(configDir: string, name: string | undefined): void {
  const file = path.join(configDir, 'config.json');
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(name ? { currentContext: name } : {}));
  fs.renameSync(`${file}.tmp`, file);
}

describe("the docker CLI's current context, switched in a terminal", function () {
  this.timeout(120_000);
  // The harness gives the run its own DOCKER_CONFIG, so the user's ~/.docker is never read or written.
  const configDir = process.env.DOCKER_CONFIG ?? '';
  const dockerHost = process.env.DOCKER_HOST ?? '';
  const tlsHost = process.env.DX_TEST_TLS_HOST ?? '';
  const docker = testDocker();
  let api: DockerExplorerApi;

  before(async () => {
    assert.ok(configDir.includes('test-docker-config'), `the runner sets a test-owned DOCKER_CONFIG, got "${configDir}"`);
    assert.ok(tlsHost && process.env.DX_TEST_TLS_CERT_PATH, 'the runner passes the TLS endpoint');
    api = await activateExtension();
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    await waitFor(async () => api.engineState.current === 'ready' && api.endpoint?.host === dockerHost, 'ready on DOCKER_HOST', 30_000);
  });

  after(async () => {
    process.env.DOCKER_HOST = dockerHost;
    useContext(configDir, undefined);
    await waitFor(async () => api.endpoint?.source === 'DOCKER_HOST' && api.engineState.current === 'ready', 'back on DOCKER_HOST', 30_000);
    fs.rmSync(path.join(configDir, 'contexts'), { recursive: true, force: true });
    fs.rmSync(path.join(configDir, 'config.json'), { force: true });
    await cleanupRun(docker);
  });

  it('`docker context use` switches the views to that engine without a reload, and back; DOCKER_HOST still wins over a context', async () => {
    writeContext(configDir, 'dx-tls', tlsHost, process.env.DX_TEST_TLS_CERT_PATH);
    writeContext(configDir, 'dx-unix', dockerHost);
    // The context decides only when neither the host setting nor DOCKER_HOST does (the CLI's order).
    delete process.env.DOCKER_HOST;

    useContext(configDir, 'dx-tls');
    await waitFor(async () => api.endpoint?.contextName === 'dx-tls' && api.engineState.current === 'ready', 'ready on the context "dx-tls"', 30_000);
    assert.equal(api.endpoint?.host, tlsHost);
    assert.equal(api.endpoint?.tls?.verify, true, "with the context's TLS material");
    assert.equal(api.endpoint?.description, `${tlsHost} (from context "dx-tls")`);
    // Rows come from it: a container made now arrives through its events stream.
    const name = uniqueName('ctx');
    await createContainer(docker, name);
    await waitFor(async () => [...api.store.containers.values()].some((c) => c.name === name), `${name} listed over TLS`, 20_000);

    useContext(configDir, 'dx-unix');
    await waitFor(async () => api.endpoint?.contextName === 'dx-unix' && api.engineState.current === 'ready', 'ready on the context "dx-unix"', 30_000);
    assert.equal(api.endpoint?.host, dockerHost);
    await waitFor(async () => [...api.store.containers.values()].some((c) => c.name === name), `${name} listed again on the unix socket`);

    // DOCKER_HOST (as the extension host was started with it) wins: switching contexts changes nothing.
    process.env.DOCKER_HOST = dockerHost;
    useContext(configDir, 'dx-tls');
    await waitFor(async () => api.endpoint?.source === 'DOCKER_HOST', 'DOCKER_HOST chosen over the context', 10_000);
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal(api.endpoint?.source, 'DOCKER_HOST');
    assert.equal(api.endpoint?.host, dockerHost);
  });
});
