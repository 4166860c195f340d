import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import type { Asked } from './support/scriptedUi';
import { commandSuiteHooks, useScriptedUi } from './support/scriptedUi';
import { cleanupRun, createContainer, createNetwork, runId, runLabel, testDocker, uniqueName } from './support/testEngine';
import { waitFor } from './support/uiBridge';

/**
 * Every destructive action, cancelled (ctx.ui.choose answers undefined: Cancel or Escape), and
 * every refusal: the whole engine's state (container ids and states, image ids and tags,
 * volume names) is the same before and after, not only the object acted on.
 */
describe('nothing lost: cancelled or refused destructive actions leave the engine as it was', function () {
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

  async function engineState(): Promise<string> {
    const containers = (await docker.listContainers({ all: true })).map((c) => `${c.Id} ${c.State}`).sort();
    const images = (await docker.listImages({ all: true })).map((i) => `${i.Id} ${(i.RepoTags ?? []).sort().join(',')}`).sort();
    const volumes = ((await docker.listVolumes()).Volumes ?? []).map((v) => v.Name).sort();
    // Each network with the containers on it: a disconnect is a loss too.
    const networks = (await docker.listNetworks()).map((n) => n.Name).sort();
    const attached = (await docker.listContainers({ all: true }))
      .map(
        (c) =>
          `${c.Id} ${Object.keys(c.NetworkSettings?.Networks ?? {})
            .sort()
            .join(',')}`,
      )
      .sort();
    return JSON.stringify({ containers, images, volumes, networks, attached }, null, 1);
  }

  async function known(name: string, state?: string) {
    return waitFor(async () => [...api.store.containers.values()].find((c) => c.name === name && (!state || c.state === state)), `${name} known`);
  }

  async function stopped(): Promise<string> {
    const name = uniqueName('nl');
    await createContainer(docker, name);
    await known(name);
    return name;
  }

  async function running(): Promise<string> {
    const name = uniqueName('nlr');
    await (await createContainer(docker, name)).start();
    await known(name, 'running');
    return name;
  }

  async function image(tags = ['v1']): Promise<string> {
    const repo = uniqueName('nlimg');
    const container = await createContainer(docker, uniqueName('commit'));
    const { Id } = (await container.commit({ repo, tag: tags[0] })) as { Id: string };
    madeImages.push(Id);
    await container.remove();
    for (const tag of tags.slice(1)) {
      await docker.getImage(Id).tag({ repo, tag });
    }
    await waitFor(async () => api.store.images.get(Id)?.tags.length === tags.length, `${repo} in the store`);
    return `${repo}:${tags[0]}`;
  }

  async function dangling(): Promise<void> {
    const repo = uniqueName('nldangle');
    const container = await createContainer(docker, uniqueName('commit'));
    const first = ((await container.commit({ repo, tag: 'v1' })) as { Id: string }).Id;
    const second = ((await container.commit({ repo, tag: 'v1' })) as { Id: string }).Id;
    madeImages.push(first, second);
    await container.remove();
    await waitFor(async () => api.store.images.has(first) && api.store.images.has(second), 'both images in the store');
  }

  async function volume(mountedBy?: 'running'): Promise<string> {
    const name = uniqueName('nlvol');
    await docker.createVolume({ Name: name, Labels: { [runLabel]: runId } });
    if (mountedBy) {
      const user = uniqueName('nlmount');
      await (await createContainer(docker, user, { HostConfig: { Init: true, Binds: [`${name}:/data`] } })).start();
      await known(user, 'running');
    }
    await waitFor(async () => api.store.volumes.has(name), `${name} in the store`);
    return name;
  }

  async function network(usedBy?: 'running' | 'stopped'): Promise<string> {
    const name = uniqueName('nlnet');
    await createNetwork(docker, name);
    if (usedBy) {
      const user = uniqueName('nlnetuser');
      const container = await createContainer(docker, user, { HostConfig: { Init: true, NetworkMode: name } });
      if (usedBy === 'running') await container.start();
      await known(user, usedBy === 'running' ? 'running' : undefined);
    }
    await waitFor(async () => [...api.networks.networks.values()].some((n) => n.name === name), `${name} in the networks store`);
    return name;
  }

  const cancel = (asked: Asked) => {
    assert.equal(asked.kind, 'choose', `a modal confirmation, not ${asked.kind}: ${asked.message}`);
    assert.ok(asked.detail, 'the confirmation says what is lost');
    return undefined;
  };
  const pickThenCancel = (label: (options: string[]) => string | undefined) => [(asked: Asked) => label(asked.options ?? []), cancel];

  /** [action, setup returning the command's arguments, answers, what the one message (if any) says]. */
  const table: [string, string, () => Promise<unknown[]>, unknown[], RegExp?][] = [
    ['remove a stopped container', 'dockerExplorer.containers.remove', async () => [await stopped()], [cancel]],
    ['force remove a running container', 'dockerExplorer.containers.remove', async () => [await running()], [cancel]],
    ['remove several containers', 'dockerExplorer.containers.remove', async () => [[await stopped(), await running()]], [cancel]],
    ['remove all containers', 'dockerExplorer.containers.removeAll', async () => (await stopped(), await running(), []), [cancel]],
    ['prune containers', 'dockerExplorer.containers.prune', async () => (await stopped(), []), [cancel]],
    ['remove an image', 'dockerExplorer.images.remove', async () => [await image()], [cancel]],
    [
      'force untag and remove an image with several tags',
      'dockerExplorer.images.remove',
      async () => [(await docker.getImage(await image(['v1', 'v2'])).inspect()).Id],
      [cancel],
    ],
    ['prune dangling images', 'dockerExplorer.images.prune', async () => (await dangling(), []), pickThenCancel((o) => o.find((l) => /dangling/i.test(l)) ?? o[0])],
    ['prune all unused images', 'dockerExplorer.images.prune', async () => (await image(), []), pickThenCancel((o) => o.find((l) => /unused/i.test(l)) ?? o[1])],
    ['prune images: Escape at the first question', 'dockerExplorer.images.prune', async () => (await dangling(), []), [undefined]],
    ['remove a volume', 'dockerExplorer.volumes.remove', async () => [await volume()], [cancel]],
    ['prune volumes', 'dockerExplorer.volumes.prune', async () => (await volume(), []), [cancel]],
    ['remove a network', 'dockerExplorer.networks.remove', async () => [await network()], [cancel]],
    ['prune networks', 'dockerExplorer.networks.prune', async () => (await network(), []), [cancel]],
    [
      'disconnect a running container from a network',
      'dockerExplorer.networks.disconnect',
      async () => {
        const name = await network('running');
        const user = [...api.store.containers.values()].find((c) => c.networks.includes(name));
        return [{ container: user?.name, network: name }];
      },
      [cancel],
    ],
    // Refusals: nothing to cancel, nothing done.
    ['remove a network a running container is on (refused)', 'dockerExplorer.networks.remove', async () => [await network('running')], [], /is used by .* \(running\)/],
    ['remove a network a stopped container is on (refused)', 'dockerExplorer.networks.remove', async () => [await network('stopped')], [], /is used by .* \(stopped\)/],
    ['remove the built-in bridge network (refused)', 'dockerExplorer.networks.remove', async () => ['bridge'], [], /bridge \(built-in\)/],
    ['remove a volume a running container mounts (refused)', 'dockerExplorer.volumes.remove', async () => [await volume('running')], [], /is used by/],
    [
      'remove an image a running container uses (refused)',
      'dockerExplorer.images.remove',
      async () => {
        const ref = await image();
        const user = uniqueName('nluser');
        await (await createContainer(docker, user, { Image: ref })).start();
        await known(user, 'running');
        return [ref];
      },
      [],
      /running/,
    ],
    // Made a moment before the command, without waiting for the store to hear of it: decided from the engine's answer.
    ['prune containers, one made a moment ago', 'dockerExplorer.containers.prune', async () => (await createContainer(docker, uniqueName('nlnow')), []), [cancel]],
    [
      'prune volumes, one made a moment ago',
      'dockerExplorer.volumes.prune',
      async () => (await docker.createVolume({ Name: uniqueName('nlnowvol'), Labels: { [runLabel]: runId } }), []),
      [cancel],
    ],
    [
      'remove a volume a container made a moment ago mounts (refused)',
      'dockerExplorer.volumes.remove',
      async () => {
        const name = await volume();
        await (await createContainer(docker, uniqueName('nlnowmount'), { HostConfig: { Init: true, Binds: [`${name}:/data`] } })).start();
        return [name];
      },
      [],
      /is used by .* \(running\)/,
    ],
    [
      'remove an image a container started a moment ago uses (refused)',
      'dockerExplorer.images.remove',
      async () => {
        const ref = await image();
        await (await createContainer(docker, uniqueName('nlnowuser'), { Image: ref })).start();
        return [ref];
      },
      [],
      /used by running/,
    ],
  ];

  for (const [what, command, setup, answers, refusal] of table) {
    it(`${what}: ${refusal ? 'refused' : 'Cancel'} changes nothing`, async () => {
      const args = await setup();
      const before = await engineState();
      ui.answer(...(answers as Parameters<typeof ui.answer>));
      await vscode.commands.executeCommand(command, ...args);
      assert.equal(ui.unanswered, 0, `${command} did not ask what was expected: ${JSON.stringify(ui.asked)}`);
      if (refusal) {
        assert.equal(ui.asked.filter((a) => a.kind === 'choose').length, 0, 'nothing destructive offered');
        assert.match(ui.messages[0]?.message ?? '', refusal);
      } else {
        assert.deepEqual(ui.messages, [], 'a cancelled action says nothing');
      }
      assert.equal(await engineState(), before);
    });
  }

  it('a running container is never removed without the Force choice: only Force Remove is offered', async () => {
    const name = await running();
    const before = await engineState();
    ui.answer((asked: Asked) => {
      assert.deepEqual(asked.options, ['Force Remove']);
      return 'Remove'; // not offered: must not count as consent
    });
    await vscode.commands.executeCommand('dockerExplorer.containers.remove', name);
    assert.equal(await engineState(), before);
  });

  it('a row that still says stopped for a container running now: only Force Remove is offered, "Remove" removes nothing', async () => {
    const name = uniqueName('nlstale');
    await createContainer(docker, name);
    const model = await known(name, 'created');
    await docker.getContainer(name).start();
    const before = await engineState();
    ui.answer((asked: Asked) => {
      assert.deepEqual(asked.options, ['Force Remove']);
      return 'Remove';
    });
    await vscode.commands.executeCommand('dockerExplorer.containers.remove', { kind: 'container', model: { ...model } });
    assert.equal(ui.unanswered, 0);
    assert.equal(await engineState(), before);
  });
});
