import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import { commandSuiteHooks, useScriptedUi } from './support/scriptedUi';
import { cleanupRun, createContainer, testDocker, uniqueName } from './support/testEngine';
import { waitFor } from './support/uiBridge';

describe('container lifecycle commands', function () {
  this.timeout(60_000);
  const docker = testDocker();
  let api: DockerExplorerApi;
  let ui: ReturnType<typeof useScriptedUi>;

  commandSuiteHooks((a, u) => {
    api = a;
    ui = u;
  });
  after(() => cleanupRun(docker));

  async function stateOf(name: string): Promise<string> {
    return (await docker.getContainer(name).inspect()).State.Status;
  }

  it('starts and stops a container given by name, as a keybinding or another extension would', async () => {
    const name = uniqueName('cmd');
    await createContainer(docker, name);
    await waitFor(async () => [...api.store.containers.values()].some((c) => c.name === name), `${name} known`);
    await vscode.commands.executeCommand('dockerExplorer.containers.start', name);
    assert.equal(await stateOf(name), 'running');
    await vscode.commands.executeCommand('dockerExplorer.containers.stop', name);
    assert.equal(await stateOf(name), 'exited');
    assert.deepEqual(ui.messages, []);
  });

  it('offers only stopped containers to start from the palette, several at once', async () => {
    const a = uniqueName('pa');
    const b = uniqueName('pb');
    const running = uniqueName('pr');
    await createContainer(docker, a);
    await createContainer(docker, b);
    await (await createContainer(docker, running)).start();
    await waitFor(
      async () => [a, b, running].every((n) => [...api.store.containers.values()].some((c) => c.name === n && (n !== running || c.state === 'running'))),
      'containers known',
    );
    ui.answer((asked) => {
      assert.ok(asked.options?.includes(a) && asked.options.includes(b), 'stopped containers offered');
      assert.ok(!asked.options?.includes(running), 'a running container is not offered to start');
      return `${a},${b}`;
    });
    await vscode.commands.executeCommand('dockerExplorer.containers.start');
    assert.equal(await stateOf(a), 'running');
    assert.equal(await stateOf(b), 'running');
  });

  it('says clearly when the named container does not exist, and changes nothing', async () => {
    await vscode.commands.executeCommand('dockerExplorer.containers.start', 'dxt-no-such-container');
    assert.equal(ui.messages.length, 1);
    assert.match(ui.messages[0].message, /No container is named or has the id "dxt-no-such-container"/);
  });

  it('reports a container removed from outside meanwhile as gone, not as a crash', async () => {
    const name = uniqueName('gone');
    await createContainer(docker, name);
    const model = await waitFor(async () => [...api.store.containers.values()].find((c) => c.name === name), `${name} known`);
    await docker.getContainer(name).remove({ force: true });
    await vscode.commands.executeCommand('dockerExplorer.containers.start', { kind: 'container', model });
    assert.equal(ui.messages.length, 1);
    assert.match(ui.messages[0].message, /No such container/i);
  });
});
