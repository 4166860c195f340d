import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import Docker from 'dockerode';
import * as esbuild from 'esbuild';
import { DockerError } from '../../src/docker/errors';
import type { DockerExplorerApi } from '../../src/extension';
import { describeError } from '../../src/errorMessages';
import { activateExtension } from './support/extension';
import { cleanupRun, createContainer, testDocker, uniqueName } from './support/testEngine';
import { ui, waitFor } from './support/uiBridge';

/** The compiled service layer (plain Node, no vscode), as another user runs it. */
const servicePath = path.resolve(__dirname, '../../src/docker/service.js');
const nobody = 65534;

interface PingOutcome {
  ok: boolean;
  code?: string;
  message?: string;
  cause?: { code?: string; errno?: number; syscall?: string; address?: string; message?: string };
}

/** Where uid nobody's copy goes: /tmp is open to all, where os.tmpdir() here is code-server's private one. */
const openTmp = '/tmp';

/** A folder every user can enter, as nobody needs every folder above what it runs to be. */
function openToAll(dir: string): boolean {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    if ((fs.statSync(at).mode & 0o001) === 0) {
      return false;
    }
    if (at === path.dirname(at)) {
      return true;
    }
  }
}

interface NobodysCopy {
  dir: string;
  node: string;
  service: string;
}

/**
 * What uid nobody runs, in a folder of its own that nobody can read: the checkout may live in a
 * private folder (a 0700 home, /root, mktemp -d), where nobody can reach neither the compiled service
 * layer and the package.json files Node reads above it, nor the extension host's node.
 */
function nobodysCopy(): NobodysCopy {
  const dir = fs.mkdtempSync(path.join(openTmp, 'dx-perm-'));
  fs.chmodSync(dir, 0o755); // the directory is open to all: only the socket's own mode refuses
  assert.ok(openToAll(dir), `${dir} and every folder above it can be entered by any user`);
  const service = path.join(dir, 'service.js');
  esbuild.buildSync({
    entryPoints: [servicePath],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: service,
    external: ['cpu-features', '*.node'],
    logLevel: 'warning',
  });
  fs.chmodSync(service, 0o644);
  // Electron's binary needs the files beside it; code-server's node (the browser runner) runs alone.
  let node = process.execPath;
  if (!process.versions.electron) {
    node = path.join(dir, 'node');
    fs.copyFileSync(process.execPath, node);
    fs.chmodSync(node, 0o755);
  }
  return { dir, node, service };
}

/** Runs DockerService.ping() against `socketPath` in a child Node, as root or as uid/gid nobody. */
/** Asynchronous: the socket's server answers from this very process. */
async function pingAs(user: 'root' | 'nobody', copy: NobodysCopy, socketPath: string): Promise<PingOutcome> {
  const script = `
    const { DockerService } = require(${JSON.stringify(copy.service)});
    new DockerService(() => ({ socketPath: ${JSON.stringify(socketPath)} }), { timeoutMs: 10000 }).ping().then(
      () => console.log(JSON.stringify({ ok: true })),
      (e) => console.log(JSON.stringify({ ok: false, code: e.code, message: e.message,
        cause: e.cause && { code: e.cause.code, errno: e.cause.errno, syscall: e.cause.syscall, address: e.cause.address, message: e.cause.message } })),
    );`;
  const node = [copy.node, '-e', script];
  const [command, ...args] = user === 'root' ? node : ['setpriv', `--reuid=${nobody}`, `--regid=${nobody}`, '--clear-groups', ...node];
  // Its own folder as cwd too: Node reads the package.json files above the cwd for `-e`.
  const { stdout } = await promisify(execFile)(command, args, { cwd: copy.dir, encoding: 'utf8', timeout: 30_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  return JSON.parse(stdout) as PingOutcome;
}

/** A listening unix socket that answers /_ping like an engine, owned by root:root with mode 0660 (as /var/run/docker.sock is, with group docker). */
async function restrictedSocket(dir: string): Promise<{ socketPath: string; close(): Promise<void> }> {
  const socketPath = path.join(dir, 'docker.sock');
  const server = http.createServer((req, res) => {
    res.writeHead(req.url?.endsWith('/_ping') ? 200 : 404, { 'content-type': 'text/plain' });
    res.end(req.url?.endsWith('/_ping') ? 'OK' : 'not here');
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  fs.chownSync(socketPath, 0, 0);
  fs.chmodSync(socketPath, 0o660);
  return {
    socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

describe('permission denied on the Docker socket', function () {
  this.timeout(90_000);
  let copy: NobodysCopy;
  let socket: Awaited<ReturnType<typeof restrictedSocket>>;
  let denied: PingOutcome;

  before(async () => {
    assert.equal(process.getuid?.(), 0, 'the tests run as root, which the socket lets in');
    copy = nobodysCopy();
    socket = await restrictedSocket(copy.dir);
  });

  after(async () => {
    await socket?.close();
    if (copy) {
      fs.rmSync(copy.dir, { recursive: true, force: true });
    }
    await cleanupRun(testDocker());
  });

  it('a real EACCES: a user outside the socket\'s group gets code "permission" and the fix (add the user to the docker group)', async () => {
    // Root passes the socket's mode, so the same socket answers: the refusal below is its mode alone.
    assert.deepEqual(await pingAs('root', copy, socket.socketPath), { ok: true });
    // Open to all, the same socket lets nobody in: what nobody runs is readable, and nothing else refuses.
    fs.chmodSync(socket.socketPath, 0o666);
    assert.deepEqual(await pingAs('nobody', copy, socket.socketPath), { ok: true });
    fs.chmodSync(socket.socketPath, 0o660);
    denied = await pingAs('nobody', copy, socket.socketPath);
    assert.equal(denied.ok, false);
    assert.equal(denied.cause?.code, 'EACCES', JSON.stringify(denied));
    assert.equal(denied.cause?.syscall, 'connect');
    assert.equal(denied.code, 'permission', JSON.stringify(denied));

    const message = describeError(new DockerError('permission', denied.message ?? ''), `unix://${socket.socketPath}`);
    assert.equal(
      message,
      `Permission denied on the Docker socket at unix://${socket.socketPath}. Add your user to the docker group (sudo usermod -aG docker $USER, then log in again), or use rootless Docker.`,
    );
  });

  it('the views show the permission state with the fix on the page, and come back after Retry once access works', async () => {
    assert.ok(denied?.cause?.code === 'EACCES', 'the previous test captured the real EACCES');
    const api: DockerExplorerApi = await activateExtension();
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    const name = uniqueName('perm');
    await createContainer(testDocker(), name);
    api.store.start();
    await waitFor(async () => [...api.store.containers.values()].some((c) => c.name === name), `${name} listed`);

    // The extension host runs as root, where connect() cannot fail so: every connection the
    // extension opens now fails with the error uid nobody got above.
    const cause = denied.cause;
    const agent = new http.Agent();
    agent.createConnection = () => {
      const socketToNowhere = new net.Socket();
      process.nextTick(() =>
        socketToNowhere.destroy(Object.assign(new Error(cause.message), { code: cause.code, errno: cause.errno, syscall: cause.syscall, address: cause.address })),
      );
      return socketToNowhere;
    };
    const refused = new Docker({ socketPath: socket.socketPath, agent } as Docker.DockerOptions);
    Object.defineProperty(api.service, 'docker', { configurable: true, get: () => refused });
    try {
      api.store.stop();
      api.store.start();
      await waitFor(async () => api.engineState.current === 'permission', 'the permission state');
      assert.equal(api.store.containers.size, 0, 'no stale rows');
      assert.match(api.engineState.lastMessage ?? '', /^Permission denied on the Docker socket at unix:\/\/.*usermod -aG docker/);
      assert.equal(api.treeViews.containers.description, api.endpoint?.description, 'the view names the socket tried');
      const welcome = await waitFor(async () => {
        const texts = await ui.texts('.welcome-view-content');
        return texts.find((t) => /Permission denied on the Docker socket/.test(t));
      }, 'the permission welcome content on the page');
      assert.match(welcome, /Permission denied on the Docker socket shown above\./);
      assert.match(welcome, /Add your user to the docker group \(sudo usermod -aG docker \$USER, then log out and in again\), or use rootless Docker\. Then retry\./);
      assert.match(welcome, /Retry/);
      assert.doesNotMatch(welcome, /socket does not exist|refuses connections/, 'not the unreachable advice');
      await ui.screenshot('engine-permission');
    } finally {
      delete (api.service as unknown as { docker?: Docker }).docker;
    }
    // Access granted again (e.g. after logging in again in the docker group): Retry brings the rows back.
    await vscode.commands.executeCommand('dockerExplorer.engine.retry');
    await waitFor(async () => api.engineState.current === 'ready', 'the ready state after Retry', 20_000);
    await waitFor(async () => [...api.store.containers.values()].some((c) => c.name === name), `${name} listed again`);
  });
});
