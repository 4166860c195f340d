import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import { commandSuiteHooks, useScriptedUi } from './support/scriptedUi';
import { cleanupRun, runId, runLabel, testDocker, testImage, uniqueName, freePort } from './support/testEngine';
import { waitFor } from './support/uiBridge';

const label = `${runLabel}=${runId}`;

function httpGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

// What `docker run`'s options do, seen from outside the container, after Run through the extension.
describe('run options behave as with the docker CLI', function () {
  this.timeout(90_000);
  const docker = testDocker();
  let api: DockerExplorerApi;
  let ui: ReturnType<typeof useScriptedUi>;
  commandSuiteHooks((a, u) => {
    api = a;
    ui = u;
  });
  after(() => cleanupRun(docker));

  async function run(spec: Record<string, unknown>): Promise<string> {
    const id = await vscode.commands.executeCommand<string | undefined>('dockerExplorer.containers.run', { image: testImage, labels: [label], init: true, ...spec });
    assert.deepEqual(ui.messages, [], 'no error while running');
    assert.ok(id, 'Run returns the new container id');
    return id;
  }

  /** Waits for a container to exit and returns its exit code and output (non-TTY stream headers stripped). */
  async function finished(id: string): Promise<{ code: number; output: string }> {
    const container = docker.getContainer(id);
    const { StatusCode } = await container.wait();
    const raw = (await container.logs({ stdout: true, stderr: true })) as unknown as Buffer;
    let output = '';
    for (let i = 0; i + 8 <= raw.length;) {
      const size = raw.readUInt32BE(i + 4);
      output += raw.subarray(i + 8, i + 8 + size).toString('utf8');
      i += 8 + size;
    }
    return { code: StatusCode, output };
  }

  it('publishes a port reachable on loopback', async () => {
    const port = await freePort();
    await run({
      name: uniqueName('http'),
      ports: [`127.0.0.1:${port}:80`],
      command: ['sh', '-c', 'mkdir -p /www && echo hello from the container > /www/index.html && httpd -f -p 80 -h /www'],
    });
    const body = await waitFor(async () => httpGet(`http://127.0.0.1:${port}/`).catch(() => undefined), `http on 127.0.0.1:${port}`);
    assert.equal(body.trim(), 'hello from the container');
  });

  it('shares a bind-mounted host directory both ways', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxt-bind-'));
    fs.writeFileSync(path.join(dir, 'from-host.txt'), 'written by the host\n');
    const id = await run({
      name: uniqueName('bind'),
      volumes: [`${dir}:/shared`],
      command: ['sh', '-c', 'cat /shared/from-host.txt; echo written by the container > /shared/from-container.txt'],
    });
    const { code, output } = await finished(id);
    assert.equal(code, 0);
    assert.equal(output, 'written by the host\n');
    assert.equal(fs.readFileSync(path.join(dir, 'from-container.txt'), 'utf8'), 'written by the container\n');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shares a named volume between two containers, and keeps it after both are removed', async () => {
    const volume = uniqueName('shared');
    await docker.createVolume({ Name: volume, Labels: { [runLabel]: runId } });
    const writer = await run({ name: uniqueName('writer'), volumes: [`${volume}:/data`], command: ['sh', '-c', 'echo kept in the volume > /data/note'] });
    assert.equal((await finished(writer)).code, 0);
    const reader = await run({ name: uniqueName('reader'), volumes: [`${volume}:/data:ro`], command: ['cat', '/data/note'] });
    assert.equal((await finished(reader)).output, 'kept in the volume\n');
    await docker.getContainer(writer).remove();
    await docker.getContainer(reader).remove();
    const again = await run({ name: uniqueName('later'), volumes: [`${volume}:/data`], command: ['cat', '/data/note'] });
    assert.equal((await finished(again)).output, 'kept in the volume\n');
  });

  it('shares the volumes of another container with --volumes-from', async () => {
    const source = await run({ name: uniqueName('source'), volumes: ['/cache'], command: ['sh', '-c', 'echo from the source > /cache/file'] });
    assert.equal((await finished(source)).code, 0);
    const user = await run({ name: uniqueName('user'), volumesFrom: [source], command: ['cat', '/cache/file'] });
    assert.equal((await finished(user)).output, 'from the source\n');
  });

  it('makes a --link alias resolvable inside the container', async () => {
    const db = uniqueName('linkdb');
    await run({ name: db, command: ['sleep', '3600'] });
    const web = await run({
      name: uniqueName('linkweb'),
      links: [`${db}:database`],
      command: ['sh', '-c', 'ping -c 1 -W 3 database >/dev/null && echo reached database'],
    });
    const { code, output } = await finished(web);
    assert.equal(output, 'reached database\n');
    assert.equal(code, 0);
  });

  it('restarts a failing container under --restart on-failure:N, as the engine counts it', async () => {
    const id = await run({ name: uniqueName('flaky'), restart: 'on-failure:2', command: ['sh', '-c', 'exit 3'] });
    const info = await waitFor(
      async () => {
        const i = await docker.getContainer(id).inspect();
        return i.RestartCount === 2 && !i.State.Running && !i.State.Restarting && i;
      },
      'two restarts, then exited',
      30_000,
    );
    assert.equal(info.State.ExitCode, 3);
    await waitFor(async () => [...api.store.containers.values()].some((c) => c.id === id && c.state === 'exited'), 'the row shows it exited');
  });
});
