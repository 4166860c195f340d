import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import { commandSuiteHooks, useScriptedUi } from './support/scriptedUi';
import { cleanupRun, runId, runLabel, testDocker, testImage } from './support/testEngine';
import { waitFor } from './support/uiBridge';

describe('nobody redirected, nothing secret written', function () {
  this.timeout(60_000);
  const docker = testDocker();
  let api: DockerExplorerApi;
  let ui: ReturnType<typeof useScriptedUi>;

  commandSuiteHooks((a, u) => {
    api = a;
    ui = u;
  });
  after(() => cleanupRun(docker));

  it('ignores a workspace .vscode/settings.json that points dockerExplorer.host at another engine', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test window has a workspace folder');
    const dir = path.join(folder.uri.fsPath, '.vscode');
    const file = path.join(dir, 'settings.json');
    const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    const attacker = 'tcp://203.0.113.7:2375';
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ 'dockerExplorer.host': attacker, 'dockerExplorer.containers.sortBy': 'name' }));
    try {
      // The window-scoped setting written beside it proves VS Code has read the file.
      await waitFor(
        async () => vscode.workspace.getConfiguration('dockerExplorer').inspect('containers.sortBy')?.workspaceValue === 'name',
        'the workspace settings read',
      );
      const host = vscode.workspace.getConfiguration('dockerExplorer').inspect<string>('host');
      assert.notEqual(vscode.workspace.getConfiguration('dockerExplorer').get('host'), attacker, 'the effective value is not the workspace one');
      assert.notEqual(host?.workspaceValue, attacker, 'VS Code drops a machine-scoped setting from workspace settings');
      assert.equal(api.endpoint?.host, process.env.DOCKER_HOST, 'the extension still talks to the private engine');
      await api.service.ping();
      assert.deepEqual(ui.asked, [], 'no reload is offered for a setting that does not apply');
    } finally {
      if (previous === undefined) {
        fs.rmSync(file);
      } else {
        fs.writeFileSync(file, previous);
      }
    }
  });

  it('never writes a secret environment value to the output channel (run, copy run command, inspect)', async () => {
    const log = api.commands.log;
    const from = log.lines.length;
    const secret = 'hunter2-xyzzy';
    const token = 'tok-0123456789abcdef';
    const id = await vscode.commands.executeCommand<string>('dockerExplorer.containers.run', {
      image: testImage,
      command: ['sleep', '3600'],
      detach: true,
      init: true,
      env: [`DB_PASSWORD=${secret}`, `API_TOKEN=${token}`, 'MODE=visible'],
      labels: [`${runLabel}=${runId}`],
    });
    assert.ok(id, JSON.stringify(ui.messages));
    assert.ok((await docker.getContainer(id).inspect()).Config.Env.includes(`DB_PASSWORD=${secret}`), 'the container got the real value');
    await waitFor(async () => api.store.containers.has(id), 'the container in the store');
    const line = await vscode.commands.executeCommand<string>('dockerExplorer.containers.copyRunCommand', id);
    // Asked for explicitly, the clipboard keeps the real value; the screen and the log do not.
    assert.match(line, new RegExp(`DB_PASSWORD=${secret}`));
    await vscode.commands.executeCommand('dockerExplorer.containers.inspect', id);
    const written = log.lines.slice(from).join('\n');
    assert.match(written, /\$ docker run .*-e '?DB_PASSWORD=\*{8}/, `the run command is logged, masked:\n${written}`);
    assert.match(written, /MODE=visible/);
    for (const value of [secret, token]) {
      assert.ok(!written.includes(value), `the output channel holds ${value}:\n${written}`);
      for (const message of ui.messages) {
        assert.ok(!message.message.includes(value), `a notification holds ${value}: ${message.message}`);
      }
    }
  });

  it('never writes a host URL password or a private key to the output channel', () => {
    const log = api.commands.log;
    const from = log.lines.length;
    log.error('Cannot reach ssh://admin:pa55word@10.1.2.3:22 (from settings)');
    log.info('key: -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----');
    const written = log.lines.slice(from).join('\n');
    assert.ok(!written.includes('pa55word'), written);
    assert.ok(!written.includes('MIIEvQIBADAN'), written);
    assert.match(written, /ssh:\/\/admin:\*{8}@10\.1\.2\.3/);
  });
});
