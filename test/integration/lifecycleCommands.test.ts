import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import { commandSuiteHooks, useScriptedUi } from './support/scriptedUi';
import { cleanupRun, createContainer, runId, runLabel, testDocker, testImage, uniqueName } from './support/testEngine';
import { waitFor } from './support/uiBridge';

describe('container lifecycle beyond start and stop, and inspect', function () {
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

  async function exists(name: string): Promise<boolean> {
    return docker
      .getContainer(name)
      .inspect()
      .then(() => true)
      .catch((err: { statusCode?: number }) => {
        if (err.statusCode === 404) {
          return false;
        }
        throw err;
      });
  }

  /** Waits until the extension's store shows the container (in the given state, when given). */
  async function known(name: string, state?: string) {
    return waitFor(
      async () => {
        const found = [...api.store.containers.values()].find((c) => c.name === name);
        if (found && state && found.state !== state) {
          throw new Error(`${name} is ${found.state} in the store`);
        }
        return found;
      },
      `${name} known${state ? ` as ${state}` : ''}`,
    );
  }

  async function running(name: string, options: Parameters<typeof createContainer>[2] = {}) {
    await (await createContainer(docker, name, options)).start();
    return known(name, 'running');
  }

  /** A stopped container whose writable layer has files changed by its command. */
  async function stoppedWithChanges(name: string, options: Parameters<typeof createContainer>[2] = {}) {
    await (await createContainer(docker, name, { Cmd: ['sh', '-c', 'touch /a /b; sleep 3600'], ...options })).start();
    await waitFor(async () => ((await docker.getContainer(name).changes()) ?? []).length >= 2, `${name} wrote its files`);
    await docker.getContainer(name).stop({ t: 1 });
    const changed = ((await docker.getContainer(name).changes()) ?? []).length;
    await known(name, 'exited');
    return changed;
  }

  it('pauses, unpauses, restarts and kills a container given by name', async () => {
    const name = uniqueName('life');
    await running(name);
    await vscode.commands.executeCommand('dockerExplorer.containers.pause', name);
    assert.equal(await stateOf(name), 'paused');
    await known(name, 'paused');
    await vscode.commands.executeCommand('dockerExplorer.containers.unpause', name);
    assert.equal(await stateOf(name), 'running');
    await known(name, 'running');
    const startedBefore = (await docker.getContainer(name).inspect()).State.StartedAt;
    await vscode.commands.executeCommand('dockerExplorer.containers.restart', name);
    const after = (await docker.getContainer(name).inspect()).State;
    assert.equal(after.Status, 'running');
    assert.notEqual(after.StartedAt, startedBefore, 'restart started the container again');
    await vscode.commands.executeCommand('dockerExplorer.containers.kill', name);
    const killed = (await docker.getContainer(name).inspect()).State;
    assert.equal(killed.Status, 'exited');
    assert.equal(killed.ExitCode, 137, 'killed with SIGKILL');
    assert.deepEqual(ui.messages, []);
  });

  it('offers only paused containers to unpause from the palette', async () => {
    const paused = uniqueName('pz');
    const other = uniqueName('pr');
    await running(paused);
    await running(other);
    await docker.getContainer(paused).pause();
    await known(paused, 'paused');
    ui.answer((asked) => {
      assert.ok(asked.options?.includes(paused), 'the paused container is offered');
      assert.ok(!asked.options?.includes(other), 'a running container is not offered to unpause');
      return paused;
    });
    await vscode.commands.executeCommand('dockerExplorer.containers.unpause');
    assert.equal(await stateOf(paused), 'running');
  });

  it('removes a stopped container after a confirmation that counts its changed paths; Cancel keeps it', async () => {
    const name = uniqueName('rm');
    const changed = await stoppedWithChanges(name);
    assert.ok(changed >= 2, `docker diff saw ${changed} paths`);
    ui.answer((asked) => {
      assert.equal(asked.kind, 'choose');
      assert.match(asked.message, new RegExp(`Remove container "${name}"`));
      assert.match(asked.detail ?? '', new RegExp(`${name}: ${changed} changed paths in its writable layer`));
      assert.match(asked.detail ?? '', /cannot be recovered/);
      assert.match(asked.detail ?? '', /data in volumes is kept/);
      assert.deepEqual(asked.options, ['Remove'], 'no anonymous volumes: one action, no force');
      return undefined;
    });
    await vscode.commands.executeCommand('dockerExplorer.containers.remove', name);
    assert.ok(await exists(name), 'Cancel keeps the container');
    ui.answer('Remove');
    await vscode.commands.executeCommand('dockerExplorer.containers.remove', name);
    assert.equal(await exists(name), false);
    assert.deepEqual(ui.messages, []);
  });

  it('removes a running container only with Force Remove; Cancel keeps it running', async () => {
    const name = uniqueName('rmrun');
    const model = await running(name);
    ui.answer((asked) => {
      assert.deepEqual(asked.options, ['Force Remove']);
      assert.match(asked.detail ?? '', /running: Force Remove kills it first/);
      return undefined;
    });
    await vscode.commands.executeCommand('dockerExplorer.containers.remove', { kind: 'container', model });
    assert.equal(await stateOf(name), 'running');
    ui.answer('Force Remove');
    await vscode.commands.executeCommand('dockerExplorer.containers.remove', { kind: 'container', model });
    assert.equal(await exists(name), false);
  });

  it('keeps anonymous volumes by default and removes them with the other action', async () => {
    const kept = uniqueName('anonk');
    const dropped = uniqueName('anond');
    await createContainer(docker, kept, { Volumes: { '/data': {} } });
    await createContainer(docker, dropped, { Volumes: { '/data': {} } });
    const volumeOf = async (name: string) => (await docker.getContainer(name).inspect()).Mounts.find((m) => m.Type === 'volume')?.Name as string;
    const keptVolume = await volumeOf(kept);
    const droppedVolume = await volumeOf(dropped);
    assert.match(keptVolume, /^[0-9a-f]{64}$/);
    await waitFor(async () => [kept, dropped].every((n) => [...api.store.containers.values()].some((c) => c.name === n && c.mounts.length === 1)), 'mounts known');
    const volumeExists = (name: string) =>
      docker
        .getVolume(name)
        .inspect()
        .then(() => true)
        .catch(() => false);
    try {
      ui.answer((asked) => {
        assert.deepEqual(asked.options, ['Remove', 'Remove with Anonymous Volumes']);
        assert.match(asked.detail ?? '', /1 anonymous volume/);
        return 'Remove';
      });
      await vscode.commands.executeCommand('dockerExplorer.containers.remove', kept);
      assert.equal(await exists(kept), false);
      assert.ok(await volumeExists(keptVolume), 'the anonymous volume is kept');

      ui.answer('Remove with Anonymous Volumes');
      await vscode.commands.executeCommand('dockerExplorer.containers.remove', dropped);
      assert.equal(await exists(dropped), false);
      assert.equal(await volumeExists(droppedVolume), false, 'the anonymous volume went with the container');
    } finally {
      await docker
        .getVolume(keptVolume)
        .remove()
        .catch(() => undefined);
    }
  });

  it('removes several containers after one confirmation that lists each with its count', async () => {
    const a = uniqueName('ma');
    const b = uniqueName('mb');
    const changedA = await stoppedWithChanges(a);
    await createContainer(docker, b);
    // Never started: the engine answers null, which dockerode hands over as the bytes "null".
    const answerB: unknown = await docker.getContainer(b).changes();
    const changedB = Array.isArray(answerB) ? answerB.length : 0;
    assert.equal(changedB, 0, `a container never started has no changes (${String(answerB)})`);
    const modelB = await known(b);
    const modelA = await known(a);
    ui.answer((asked) => {
      assert.match(asked.message, /Remove 2 containers/);
      assert.match(asked.detail ?? '', new RegExp(`${a}: ${changedA} changed paths`));
      assert.match(asked.detail ?? '', new RegExp(`${b}: ${changedB} changed paths`));
      return 'Remove';
    });
    // As the tree passes a multi-selection: the clicked row, then all selected rows.
    await vscode.commands.executeCommand('dockerExplorer.containers.remove', { kind: 'container', model: modelA }, [
      { kind: 'container', model: modelA },
      { kind: 'container', model: modelB },
    ]);
    assert.equal(ui.asked.filter((q) => q.kind === 'choose').length, 1);
    assert.equal(await exists(a), false);
    assert.equal(await exists(b), false);
  });

  it('prunes the stopped containers it listed, keeps running ones and says what it reclaimed', async () => {
    // Prune removes every stopped container of the (private) engine; only ours are asserted on.
    const x = uniqueName('prx');
    const y = uniqueName('pry');
    const r = uniqueName('prr');
    await stoppedWithChanges(x);
    await createContainer(docker, y);
    await running(r);
    await known(y);
    ui.answer((asked) => {
      assert.match(asked.detail ?? '', new RegExp(x));
      assert.match(asked.detail ?? '', new RegExp(y));
      assert.doesNotMatch(asked.detail ?? '', new RegExp(r), 'a running container is not listed');
      assert.deepEqual(asked.options, ['Remove Stopped Containers']);
      return 'Remove Stopped Containers';
    });
    await vscode.commands.executeCommand('dockerExplorer.containers.prune');
    assert.equal(await exists(x), false);
    assert.equal(await exists(y), false);
    assert.equal(await stateOf(r), 'running');
    assert.equal(ui.messages.length, 1);
    assert.match(ui.messages[0].message, /^Removed \d+ stopped containers?; reclaimed \d/);
  });

  it('prune changes nothing when cancelled', async () => {
    const x = uniqueName('prc');
    await createContainer(docker, x);
    await known(x);
    ui.answer(undefined);
    await vscode.commands.executeCommand('dockerExplorer.containers.prune');
    assert.ok(await exists(x));
  });

  /** Stop All and Remove All act on the whole engine: only run them when all there is is ours. */
  async function onlyOurContainers(): Promise<void> {
    const foreign = (await docker.listContainers({ all: true })).filter((c) => c.Labels?.[runLabel] !== runId);
    assert.deepEqual(
      foreign.map((c) => c.Names?.[0]),
      [],
      "the private engine holds only this run's containers",
    );
  }

  /** The commands count what the store knows; wait until it has every container in its engine state. */
  async function storeAgrees(): Promise<void> {
    const engine = (await docker.listContainers({ all: true })).map((c) => `${c.Id}:${c.State}`).sort();
    await waitFor(async () => {
      const known = [...api.store.containers.values()].map((c) => `${c.id}:${c.engineState}`).sort();
      return JSON.stringify(known) === JSON.stringify(engine);
    }, 'the store to match the engine');
  }

  it('stops all running containers after a confirmation with the count', async () => {
    const a = uniqueName('sa');
    const b = uniqueName('sb');
    await running(a);
    await running(b);
    await onlyOurContainers();
    const expected = (await docker.listContainers({ filters: { status: ['running', 'paused', 'restarting'] } })).length;
    await storeAgrees();
    ui.answer((asked) => {
      assert.match(asked.message, new RegExp(`Stop all ${expected} running containers`));
      assert.match(asked.detail ?? '', new RegExp(a));
      return 'Stop All';
    });
    await vscode.commands.executeCommand('dockerExplorer.containers.stopAll');
    assert.equal(await stateOf(a), 'exited');
    assert.equal(await stateOf(b), 'exited');
  });

  it('removes all containers after one confirmation that counts them and says running ones are forced', async () => {
    const stopped = uniqueName('ras');
    const live = uniqueName('rar');
    await createContainer(docker, stopped);
    await running(live);
    await known(stopped);
    await onlyOurContainers();
    const total = (await docker.listContainers({ all: true })).length;
    const active = (await docker.listContainers({ filters: { status: ['running', 'paused', 'restarting'] } })).length;
    await storeAgrees();
    let asked = 0;
    ui.answer((q) => {
      asked++;
      assert.match(q.message, new RegExp(`Remove all ${total} containers`));
      assert.match(q.detail ?? '', new RegExp(`${active} of them are running: they are forced`));
      return undefined;
    });
    await vscode.commands.executeCommand('dockerExplorer.containers.removeAll');
    assert.ok((await exists(stopped)) && (await exists(live)), 'Cancel removes nothing');
    ui.answer('Remove All');
    await vscode.commands.executeCommand('dockerExplorer.containers.removeAll');
    assert.equal(asked, 1);
    assert.equal(await exists(stopped), false);
    assert.equal(await exists(live), false);
  });

  it('renames a container to a valid name', async () => {
    const name = uniqueName('rn');
    const renamed = `${name}-new`;
    await createContainer(docker, name);
    await known(name);
    await vscode.commands.executeCommand('dockerExplorer.containers.rename', name, renamed);
    assert.equal((await docker.getContainer(renamed).inspect()).Name, `/${renamed}`);
    assert.deepEqual(ui.messages, []);
  });

  it('refuses an invalid or taken name with a message and sends no request', async () => {
    const name = uniqueName('rv');
    const other = uniqueName('ro');
    await createContainer(docker, name);
    await createContainer(docker, other);
    await known(name);
    await known(other);
    await vscode.commands.executeCommand('dockerExplorer.containers.rename', name, 'bad name!');
    assert.match(ui.messages[0]?.message ?? '', /"bad name!" is not a valid container name: use only letters, digits/);
    await vscode.commands.executeCommand('dockerExplorer.containers.rename', name, '-web');
    assert.match(ui.messages[1]?.message ?? '', /must start with a letter or a digit/);
    await vscode.commands.executeCommand('dockerExplorer.containers.rename', name, other);
    assert.match(ui.messages[2]?.message ?? '', new RegExp(`"${other}" is already taken by another container`));
    ui.answer('x/y');
    await vscode.commands.executeCommand('dockerExplorer.containers.rename', name);
    assert.match(ui.messages[3]?.message ?? '', /validation: "x\/y" is not a valid container name/);
    assert.equal((await docker.getContainer(name).inspect()).Name, `/${name}`, 'name unchanged');
  });

  it('says clearly when a named container does not exist, and asks nothing', async () => {
    await vscode.commands.executeCommand('dockerExplorer.containers.remove', 'dxt-no-such-container');
    await vscode.commands.executeCommand('dockerExplorer.containers.rename', 'dxt-no-such-container', 'fine-name');
    await vscode.commands.executeCommand('dockerExplorer.containers.inspect', 'dxt-no-such-container');
    assert.equal(ui.messages.length, 3);
    for (const m of ui.messages) {
      assert.match(m.message, /No container is named or has the id "dxt-no-such-container"/);
    }
    assert.equal(ui.asked.filter((q) => q.kind === 'choose').length, 0);
  });

  it('opens inspect as a read-only JSON document with secret environment values masked', async () => {
    const name = uniqueName('insp');
    await createContainer(docker, name, { Env: ['DB_PASSWORD=hunter2', 'api_token=abc', 'PLAIN=visible'] });
    const model = await known(name);
    await vscode.commands.executeCommand('dockerExplorer.containers.inspect', name);
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document, 'an editor is open');
    assert.equal(document.uri.scheme, 'docker-explorer-inspect');
    assert.ok(document.uri.path.endsWith(`/${name}.inspect.json`), document.uri.path);
    assert.equal(document.languageId, 'json');
    const json = JSON.parse(document.getText());
    assert.equal(json.Id, model.id);
    assert.ok(json.Config.Env.includes('DB_PASSWORD=********'));
    assert.ok(json.Config.Env.includes('api_token=********'));
    assert.ok(json.Config.Env.includes('PLAIN=visible'));
    assert.doesNotMatch(document.getText(), /hunter2/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('inspects an image and a volume through the same document scheme', async () => {
    const volume = uniqueName('vinsp');
    await docker.createVolume({ Name: volume, Labels: { [runLabel]: runId } });
    await waitFor(async () => api.store.volumes.has(volume) || [...api.store.volumes.values()].some((v) => v.name === volume), `${volume} known`);
    await vscode.commands.executeCommand('dockerExplorer.volumes.inspect', volume);
    const volumeDoc = vscode.window.activeTextEditor?.document;
    assert.equal(volumeDoc?.uri.scheme, 'docker-explorer-inspect');
    assert.equal(JSON.parse(volumeDoc?.getText() ?? '').Name, volume);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    await vscode.commands.executeCommand('dockerExplorer.images.inspect', testImage);
    const imageDoc = vscode.window.activeTextEditor?.document;
    assert.equal(imageDoc?.uri.scheme, 'docker-explorer-inspect');
    const image = JSON.parse(imageDoc?.getText() ?? '');
    assert.equal(image.Id, (await docker.getImage(testImage).inspect()).Id);
    assert.ok(imageDoc?.uri.path.endsWith('.inspect.json'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.deepEqual(ui.messages, []);
  });

  it('copies the full container id to the clipboard', async () => {
    const name = uniqueName('copy');
    await createContainer(docker, name);
    const model = await known(name);
    await vscode.commands.executeCommand('dockerExplorer.containers.copyId', name);
    assert.equal(await vscode.env.clipboard.readText(), model.id);
  });
});
