import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import type { Asked } from './support/scriptedUi';
import { commandSuiteHooks, useScriptedUi } from './support/scriptedUi';
import { cleanupRun, createContainer, runId, runLabel, testDocker, uniqueName } from './support/testEngine';
import { waitFor } from './support/uiBridge';

/**
 * Destructive commands confirm what the engine has at that moment, not the store's picture (an
 * event late), and remove exactly what they listed: an object made a few milliseconds before the
 * command is named and acted on; one made while the confirmation is open survives.
 */
describe('destructive commands confirm what the engine has now and remove exactly that', function () {
  this.timeout(60_000);
  const docker = testDocker();
  let api: DockerExplorerApi;
  let ui: ReturnType<typeof useScriptedUi>;
  const madeImages: string[] = [];

  commandSuiteHooks((a, u) => {
    api = a;
    ui = u;
  });
  after(async () => {
    await cleanupRun(docker);
    for (const id of madeImages) {
      await docker
        .getImage(id)
        .remove({ force: true })
        .catch(() => undefined);
    }
  });

  async function run(command: string, ...args: unknown[]): Promise<void> {
    await vscode.commands.executeCommand(command, ...args);
    assert.equal(ui.unanswered, 0, `${command} did not ask what the test expected: ${JSON.stringify(ui.asked)}`);
  }

  const found = (err: { statusCode?: number }) => {
    if (err.statusCode === 404) return false;
    throw err;
  };
  const containerExists = (name: string) =>
    docker
      .getContainer(name)
      .inspect()
      .then(() => true, found);
  const containerState = async (name: string) => (await docker.getContainer(name).inspect()).State.Status;
  const volumeExists = (name: string) =>
    docker
      .getVolume(name)
      .inspect()
      .then(() => true, found);
  const imageTags = (id: string) =>
    docker
      .getImage(id)
      .inspect()
      .then(
        (i) => i.RepoTags ?? [],
        (err) => (found(err), undefined),
      );

  async function labelledVolume(prefix: string): Promise<string> {
    const name = uniqueName(prefix);
    await docker.createVolume({ Name: name, Labels: { [runLabel]: runId } });
    return name;
  }

  async function runningContainer(prefix: string, options: Parameters<typeof createContainer>[2] = {}): Promise<string> {
    const name = uniqueName(prefix);
    await (await createContainer(docker, name, options)).start();
    return name;
  }

  /** A new image (committed from a labelled container): tagged repo:tag, or dangling when `tag` is undefined. */
  async function committedImage(repo: string, tag: string | undefined): Promise<string> {
    const container = await createContainer(docker, uniqueName('commit'));
    const { Id } = (await container.commit(tag ? { repo, tag } : {})) as { Id: string };
    madeImages.push(Id);
    await container.remove();
    return Id;
  }

  /** Prune -a removes every image no container uses: a stopped container of ours keeps each image the engine has now. */
  async function protectEveryImage(): Promise<void> {
    for (const image of await docker.listImages()) {
      await createContainer(docker, uniqueName('keep'), { Image: image.Id });
    }
  }

  /** Stop All and Remove All act on the whole engine: only run them when all there is is ours. */
  async function onlyOurContainers(): Promise<void> {
    const foreign = (await docker.listContainers({ all: true })).filter((c) => c.Labels?.[runLabel] !== runId);
    assert.deepEqual(
      foreign.map((c) => c.Names?.[0]),
      [],
      "the private engine holds only this run's containers",
    );
  }

  /** A confirmation answer that first makes something (while the dialog is open), then chooses `action`. */
  const meanwhile =
    (make: () => Promise<unknown>, action: string, check: (asked: Asked) => void = () => undefined) =>
    async (asked: Asked) => {
      assert.equal(asked.kind, 'choose');
      check(asked);
      assert.ok(asked.options?.includes(action), `offered ${asked.options?.join(' | ')}`);
      await make();
      return action;
    };

  it('Prune Volumes lists and removes a volume made a moment before, and keeps one made while it asked', async () => {
    const early = await labelledVolume('early');
    let late = '';
    ui.answer(
      meanwhile(
        async () => (late = await labelledVolume('late')),
        'Remove Unused Volumes',
        (asked) => {
          assert.match(asked.detail ?? '', new RegExp(early), 'the volume made a moment ago is named');
        },
      ),
    );
    await run('dockerExplorer.volumes.prune');
    assert.equal(await volumeExists(early), false, 'the listed volume went');
    assert.equal(await volumeExists(late), true, 'the volume made after the listing was not named, so it stays');
    assert.match(ui.messages.at(-1)?.message ?? '', /Removed [1-9]\d* volumes, reclaimed/);
  });

  it('Remove Volume refuses a volume a container made a moment before mounts', async () => {
    const volume = await labelledVolume('inuse');
    const user = await runningContainer('mounter', { HostConfig: { Init: true, Binds: [`${volume}:/data`] } });
    await run('dockerExplorer.volumes.remove', volume);
    assert.equal(ui.asked.filter((a) => a.kind === 'choose').length, 0, 'nothing destructive offered');
    assert.match(ui.messages[0]?.message ?? '', new RegExp(`is used by ${user} \\(running\\)`));
    assert.equal(await volumeExists(volume), true);
  });

  it("Remove Container goes by the engine's state: a row seen stopped but running now asks for Force Remove", async () => {
    const name = uniqueName('stale');
    await createContainer(docker, name);
    const model = await waitFor(async () => [...api.store.containers.values()].find((c) => c.name === name && c.state === 'created'), `${name} known`);
    await docker.getContainer(name).start();
    ui.answer((asked) => {
      assert.deepEqual(asked.options, ['Force Remove'], 'running now: only Force Remove');
      assert.match(asked.detail ?? '', /running, will be killed/);
      return undefined;
    });
    await run('dockerExplorer.containers.remove', { kind: 'container', model: { ...model } });
    assert.equal(await containerState(name), 'running', 'Cancel kept it running');
  });

  it('Prune Containers removes a stopped container made a moment before, keeps one made or started while it asked', async () => {
    const early = uniqueName('pcearly');
    await createContainer(docker, early);
    const started = uniqueName('pcstart');
    await createContainer(docker, started);
    const late = uniqueName('pclate');
    ui.answer(
      meanwhile(
        async () => {
          await createContainer(docker, late);
          await docker.getContainer(started).start();
        },
        'Remove Stopped Containers',
        (asked) => assert.match(asked.detail ?? '', new RegExp(early)),
      ),
    );
    await run('dockerExplorer.containers.prune');
    assert.equal(await containerExists(early), false, 'the listed container went');
    assert.equal(await containerExists(late), true, 'one made after the listing stays');
    assert.equal(await containerState(started), 'running', 'one started after the listing is refused by the engine, not forced');
  });

  it('Stop All stops a container started a moment before, and not one started while it asked', async () => {
    await onlyOurContainers();
    const early = await runningContainer('saearly');
    let late = '';
    ui.answer(
      meanwhile(
        async () => (late = await runningContainer('salate')),
        'Stop All',
        (asked) => {
          assert.match(asked.detail ?? '', new RegExp(early), 'the container started a moment ago is named');
        },
      ),
    );
    await run('dockerExplorer.containers.stopAll');
    assert.equal(await containerState(early), 'exited');
    assert.equal(await containerState(late), 'running', 'not named, not stopped');
  });

  it('Remove All removes a container made a moment before, and keeps one made while it asked', async () => {
    await onlyOurContainers();
    const early = await runningContainer('raearly');
    const total = (await docker.listContainers({ all: true })).length;
    let late = '';
    ui.answer(
      meanwhile(
        async () => (late = await runningContainer('ralate')),
        'Remove All',
        (asked) => {
          assert.match(asked.message, new RegExp(`Remove all ${total} containers`));
          assert.match(asked.detail ?? '', new RegExp(early));
        },
      ),
    );
    await run('dockerExplorer.containers.removeAll');
    assert.equal(await containerExists(early), false);
    assert.equal(await containerState(late), 'running', 'not named, not removed');
  });

  it('Remove Image refuses an image a container started a moment before runs from', async () => {
    const repo = uniqueName('imgused');
    const id = await committedImage(repo, 'v1');
    await waitFor(async () => api.store.images.has(id), `${repo} in the store`);
    const user = await runningContainer('imguser', { Image: `${repo}:v1` });
    await run('dockerExplorer.images.remove', `${repo}:v1`);
    assert.equal(ui.asked.filter((a) => a.kind === 'choose').length, 0, 'nothing destructive offered');
    assert.match(ui.messages[0]?.message ?? '', new RegExp(`running.*${user}`));
    assert.deepEqual(await imageTags(id), [`${repo}:v1`]);
  });

  it('Force Untag and Remove removes the tags it named: a tag added while it asked keeps the image', async () => {
    const repo = uniqueName('imgtags');
    const id = await committedImage(repo, 'v1');
    await docker.getImage(id).tag({ repo, tag: 'v2' });
    await waitFor(async () => api.store.images.get(id)?.tags.length === 2, `${repo} with two tags in the store`);
    ui.answer(meanwhile(() => docker.getImage(id).tag({ repo, tag: 'late' }), 'Force Untag and Remove'));
    await run('dockerExplorer.images.remove', id);
    assert.deepEqual(await imageTags(id), [`${repo}:late`], 'the named tags went; the image stays under the tag nobody confirmed');
  });

  for (const scope of ['dangling', 'all'] as const) {
    it(`Prune Images (${scope}) removes an image made a moment before, and keeps one made while it asked`, async () => {
      if (scope === 'all') {
        await protectEveryImage();
      }
      const repo = uniqueName(`prune${scope}`);
      const early = await committedImage(repo, scope === 'all' ? 'early' : undefined);
      let late = '';
      const action = scope === 'all' ? 'Remove All Unused Images' : 'Remove Dangling Images';
      ui.answer(
        meanwhile(
          async () => (late = await committedImage(repo, scope === 'all' ? 'late' : undefined)),
          action,
          (asked) => {
            assert.match(asked.detail ?? '', new RegExp(scope === 'all' ? `${repo}:early` : early.replace('sha256:', '').slice(0, 12)));
          },
        ),
      );
      await run('dockerExplorer.images.prune', scope);
      assert.equal(await imageTags(early), undefined, 'the listed image went');
      assert.ok(await imageTags(late), 'the image made after the listing stays');
      assert.match(ui.messages.at(-1)?.message ?? '', /Removed [1-9]\d* images, reclaimed/);
    });
  }
});
