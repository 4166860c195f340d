import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EngineStore } from '../../src/docker/store';
import type { ContainerModel } from '../../src/docker/models';
import type { DockerExplorerApi } from '../../src/extension';
import { commandSuiteHooks, useScriptedUi } from './support/scriptedUi';
import { cleanupRun, createContainer, runId, runLabel, testDocker, testImage, uniqueName } from './support/testEngine';
import { waitFor } from './support/uiBridge';

describe('what a command acts on: the table filters selections, the clicked row, names the store does not know yet', function () {
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

  async function known(name: string, state?: string): Promise<ContainerModel> {
    return waitFor(
      async () => [...api.store.containers.values()].find((c) => c.name === name && (!state || c.state === state)),
      `${name} known${state ? ` as ${state}` : ''}`,
    );
  }

  const row = (model: ContainerModel) => ({ kind: 'container', model });

  /** Records the ids the extension's service is asked to start, while still starting them. */
  function recordStarts(): { ids: string[]; restore(): void } {
    const service = api.service;
    const original = service.startContainer;
    const ids: string[] = [];
    service.startContainer = function (id: string) {
      ids.push(id);
      return original.call(this, id);
    };
    return { ids, restore: () => void (service.startContainer = original) };
  }

  async function runningAndStopped(): Promise<{ running: ContainerModel; stopped: ContainerModel }> {
    const runningName = uniqueName('selr');
    const stoppedName = uniqueName('sels');
    await (await createContainer(docker, runningName)).start();
    await createContainer(docker, stoppedName);
    return { running: await known(runningName, 'running'), stopped: await known(stoppedName, 'created') };
  }

  it('starts only the stopped container of a mixed tree selection and names the one it left alone', async () => {
    const { running, stopped } = await runningAndStopped();
    const starts = recordStarts();
    try {
      // As the tree passes a multi-selection: the clicked row, then every selected row.
      await vscode.commands.executeCommand('dockerExplorer.containers.start', row(stopped), [row(running), row(stopped)]);
    } finally {
      starts.restore();
    }
    assert.deepEqual(starts.ids, [stopped.id], 'a start request for the stopped container only');
    assert.equal(await stateOf(stopped.name), 'running');
    assert.equal(ui.messages.length, 1, JSON.stringify(ui.messages));
    assert.equal(ui.messages[0].kind, 'info', 'what was left alone is not a failure');
    assert.match(ui.messages[0].message, new RegExp(`Left alone: ${running.name} \\(running\\)`));
  });

  it('starts only the stopped ones of an array of names and says which it left alone', async () => {
    const { running, stopped } = await runningAndStopped();
    const starts = recordStarts();
    try {
      await vscode.commands.executeCommand('dockerExplorer.containers.start', [running.name, stopped.name]);
    } finally {
      starts.restore();
    }
    assert.deepEqual(starts.ids, [stopped.id]);
    assert.equal(await stateOf(stopped.name), 'running');
    assert.deepEqual(
      ui.messages.map((m) => m.kind),
      ['info'],
    );
    assert.match(ui.messages[0].message, new RegExp(`${running.name} \\(running\\)`));
  });

  it('asks the engine before leaving alone a container the store still shows in another state', async () => {
    const name = uniqueName('lag');
    await createContainer(docker, name);
    const created = await known(name, 'created');
    await docker.getContainer(name).start();
    // The row still says created; the engine says running: pause applies.
    await vscode.commands.executeCommand('dockerExplorer.containers.pause', row(created), [row(created)]);
    assert.equal(await stateOf(name), 'paused');
    assert.deepEqual(ui.messages, []);
  });

  it('renames the clicked row of a multi-selection, not the first selected one', async () => {
    const { running: first, stopped: clicked } = await runningAndStopped();
    const renamed = `${clicked.name}-new`;
    ui.answer((asked) => {
      assert.equal(asked.kind, 'input');
      assert.match(asked.message, new RegExp(`Rename container ${clicked.name}$`));
      return renamed;
    });
    await vscode.commands.executeCommand('dockerExplorer.containers.rename', row(clicked), [row(first), row(clicked)]);
    assert.equal((await docker.getContainer(clicked.id).inspect()).Name, `/${renamed}`);
    assert.equal((await docker.getContainer(first.id).inspect()).Name, `/${first.name}`, 'the first selected one keeps its name');
  });

  it('copies the docker run command of the clicked row of a multi-selection', async () => {
    const { running: first, stopped: clicked } = await runningAndStopped();
    const line = await vscode.commands.executeCommand<string>('dockerExplorer.containers.copyRunCommand', row(clicked), [row(first), row(clicked)]);
    assert.match(line ?? '', new RegExp(`--name ${clicked.name}( |$)`));
  });

  it('starts a container named a moment after the engine created it, before the store knows it', async () => {
    const name = uniqueName('fresh');
    // The store learns a create from its event within milliseconds: with its stream closed it cannot, whatever the machine's load.
    api.store.stop();
    try {
      await createContainer(docker, name);
      assert.ok(![...api.store.containers.values()].some((c) => c.name === name), 'the store does not know it yet (else this proves nothing)');
      await vscode.commands.executeCommand('dockerExplorer.containers.start', name);
    } finally {
      api.store.start();
      await api.store.whenSettled();
    }
    assert.equal(await stateOf(name), 'running');
    assert.deepEqual(ui.messages, []);
  });

  it('starts a container given by an id prefix a moment after it was created', async () => {
    const container = await createContainer(docker, uniqueName('freshid'));
    await vscode.commands.executeCommand('dockerExplorer.containers.start', container.id.slice(0, 12));
    assert.equal((await container.inspect()).State.Status, 'running');
    assert.deepEqual(ui.messages, []);
  });

  it('renames a container right after the create command made it', async () => {
    const name = uniqueName('crn');
    const id = await vscode.commands.executeCommand<string>('dockerExplorer.containers.create', { image: testImage, name, labels: [`${runLabel}=${runId}`] });
    assert.ok(id, JSON.stringify(ui.messages));
    await vscode.commands.executeCommand('dockerExplorer.containers.rename', name, `${name}-2`);
    assert.equal((await docker.getContainer(id).inspect()).Name, `/${name}-2`);
    assert.deepEqual(ui.messages, []);
  });

  it('inspects an image tag made a moment ago', async () => {
    const repo = `dxt-fresh/${uniqueName('tag')}`;
    await docker.getImage(testImage).tag({ repo, tag: 'now' });
    try {
      await vscode.commands.executeCommand('dockerExplorer.images.inspect', `${repo}:now`);
      const document = vscode.window.activeTextEditor?.document;
      assert.equal(document?.uri.scheme, 'docker-explorer-inspect');
      assert.equal(JSON.parse(document?.getText() ?? '{}').Id, (await docker.getImage(testImage).inspect()).Id);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      assert.deepEqual(ui.messages, []);
    } finally {
      await docker.getImage(`${repo}:now`).remove({ noprune: true });
    }
  });

  it('inspects a volume created a moment ago', async () => {
    const name = uniqueName('freshvol');
    await docker.createVolume({ Name: name, Labels: { [runLabel]: runId } });
    await vscode.commands.executeCommand('dockerExplorer.volumes.inspect', name);
    const document = vscode.window.activeTextEditor?.document;
    assert.equal(JSON.parse(document?.getText() ?? '{}').Name, name);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.deepEqual(ui.messages, []);
  });

  it('takes its targets as a plain object with the docker CLI words, asking nothing', async () => {
    const name = uniqueName('obj');
    const container = await createContainer(docker, name);
    await vscode.commands.executeCommand('dockerExplorer.containers.start', { container: name });
    assert.equal(await stateOf(name), 'running');
    await vscode.commands.executeCommand('dockerExplorer.containers.stop', { id: container.id });
    assert.equal(await stateOf(name), 'exited');
    await vscode.commands.executeCommand('dockerExplorer.containers.start', { name: [name] });
    assert.equal(await stateOf(name), 'running');
    await vscode.commands.executeCommand('dockerExplorer.images.inspect', { image: testImage });
    assert.equal(JSON.parse(vscode.window.activeTextEditor?.document.getText() ?? '{}').Id, (await docker.getImage(testImage).inspect()).Id);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const volume = uniqueName('objvol');
    await docker.createVolume({ Name: volume, Labels: { [runLabel]: runId } });
    await vscode.commands.executeCommand('dockerExplorer.volumes.inspect', { volume });
    assert.equal(JSON.parse(vscode.window.activeTextEditor?.document.getText() ?? '{}').Name, volume);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.deepEqual(ui.asked, [], 'no question and no message');
  });

  it('does not offer a mounted volume to remove when the store had never been started', async () => {
    const mounted = uniqueName('vmnt');
    const unused = uniqueName('vfree');
    await docker.createVolume({ Name: mounted, Labels: { [runLabel]: runId } });
    await docker.createVolume({ Name: unused, Labels: { [runLabel]: runId } });
    await createContainer(docker, uniqueName('vuser'), { HostConfig: { Binds: [`${mounted}:/data`] } });
    // As with every view hidden since start-up: a store that has never listed anything.
    const shared = { store: api.commands.store, lifetime: api.commands.lifetime };
    const neverStarted = new EngineStore(api.service);
    api.commands.store = neverStarted;
    // A command's lease starts the store, as EngineLifetime does when no view is visible.
    api.commands.lifetime = { lease: () => (neverStarted.start(), { dispose: () => neverStarted.stop() }) };
    let offered: string[] = [];
    ui.answer((asked) => {
      offered = asked.options ?? [];
      return undefined;
    });
    try {
      await vscode.commands.executeCommand('dockerExplorer.volumes.remove');
    } finally {
      Object.assign(api.commands, shared);
      neverStarted.stop();
    }
    assert.ok(offered.includes(unused), `the unused volume is offered: ${offered.join(', ')}`);
    assert.ok(!offered.includes(mounted), 'the mounted volume is not offered');
  });
});
