import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import { commandSuiteHooks, useScriptedUi } from './support/scriptedUi';
import { cleanupRun, createContainer, runId, runLabel, testDocker, testImage, uniqueName } from './support/testEngine';
import { waitFor } from './support/uiBridge';

describe('image and volume commands', function () {
  this.timeout(60_000);
  const docker = testDocker();
  let api: DockerExplorerApi;
  let ui: ReturnType<typeof useScriptedUi>;
  /** Image ids this suite made (by commit) and tags it put on the test image: removed in after(). */
  const madeImages: string[] = [];
  const addedTags: string[] = [];
  /** Volumes created through the command cannot be told apart by label: removed by name. */
  const madeVolumes: string[] = [];

  commandSuiteHooks((a, u) => {
    api = a;
    ui = u;
  });
  after(async () => {
    await cleanupRun(docker);
    for (const tag of addedTags) {
      await docker
        .getImage(tag)
        .remove()
        .catch(() => undefined);
    }
    for (const id of madeImages) {
      await docker
        .getImage(id)
        .remove({ force: true })
        .catch(() => undefined);
    }
    for (const name of madeVolumes) {
      await docker
        .getVolume(name)
        .remove()
        .catch(() => undefined);
    }
  });

  /** A new image of our own (committed from a labelled container), tagged repo:tag; nothing uses it. */
  async function freshImage(repo: string, tag = 'v1'): Promise<string> {
    const container = await createContainer(docker, uniqueName('commit'));
    const { Id } = (await container.commit({ repo, tag })) as { Id: string };
    madeImages.push(Id);
    await container.remove();
    await waitFor(async () => api.store.images.get(Id)?.tags.some((t) => t.endsWith(`${repo}:${tag}`)), `${repo}:${tag} in the store`);
    return Id;
  }

  async function tagsOf(idOrRef: string): Promise<string[] | undefined> {
    try {
      return (await docker.getImage(idOrRef).inspect()).RepoTags ?? [];
    } catch {
      return undefined;
    }
  }

  async function volumeNames(): Promise<string[]> {
    return ((await docker.listVolumes()).Volumes ?? []).map((v) => v.Name).sort();
  }

  async function labelledVolume(name: string): Promise<void> {
    await docker.createVolume({ Name: name, Labels: { [runLabel]: runId } });
    await waitFor(async () => api.store.volumes.has(name), `${name} in the store`);
  }

  /** Runs a command and checks it asked every question the test scripted an answer for. */
  async function run(command: string, ...args: unknown[]): Promise<void> {
    await vscode.commands.executeCommand(command, ...args);
    assert.equal(ui.unanswered, 0, `${command} did not ask all the questions the test expected: ${JSON.stringify(ui.asked)}`);
  }

  const answerWith = (action: string) => (asked: { options?: string[] }) => {
    assert.ok(asked.options?.includes(action), `offered ${asked.options?.join(' | ')}`);
    return action;
  };

  describe('images', () => {
    it('tags the test image under a new repository, then untags only that tag after confirmation', async () => {
      const repo = uniqueName('tag');
      addedTags.push(`${repo}:extra`);
      ui.answer(`${repo}:extra`);
      await run('dockerExplorer.images.tag', testImage);
      assert.ok((await tagsOf(testImage))?.includes(`${repo}:extra`), 'the new tag names the test image');
      await waitFor(async () => [...api.store.images.values()].some((i) => i.tags.some((t) => t.endsWith(`${repo}:extra`))), 'new tag in the store');

      ui.answer((asked) => {
        assert.match(asked.message, new RegExp(`Untag ${repo}:extra\\?`));
        assert.match(asked.detail ?? '', /stay/);
        return 'Untag';
      });
      await run('dockerExplorer.images.remove', `${repo}:extra`);
      const tags = await tagsOf(testImage);
      assert.ok(tags, 'the test image is still there');
      assert.ok(!tags.includes(`${repo}:extra`), 'the extra tag is gone');
      assert.match(ui.messages.at(-1)?.message ?? '', /Untagged/);
    });

    it('refuses tags that are not valid references before asking the engine, each with its reason', async () => {
      const before = await tagsOf(testImage);
      const cases: [string, RegExp][] = [
        ['', /empty/],
        ['my app', /spaces/],
        ['MyApp:1', /lowercase/],
        ['myapp:-bad', /not a valid tag/],
        [`myapp@sha256:${'a'.repeat(64)}`, /digest/i],
      ];
      for (const [value, reason] of cases) {
        ui.answer(value);
        await run('dockerExplorer.images.tag', testImage);
        const last = ui.asked.at(-1);
        assert.equal(last?.kind, 'error', `"${value}" refused`);
        assert.match(last?.message ?? '', reason, `"${value}": ${last?.message}`);
      }
      assert.deepEqual(await tagsOf(testImage), before);
    });

    it('refuses to remove an image a running container uses, naming the container, and changes nothing', async () => {
      const repo = uniqueName('busy');
      const id = await freshImage(repo);
      const name = uniqueName('user');
      await (await createContainer(docker, name, { Image: id })).start();
      await waitFor(async () => [...api.store.containers.values()].some((c) => c.name === name && c.state === 'running'), `${name} running`);
      await run('dockerExplorer.images.remove', `${repo}:v1`);
      assert.equal(ui.messages.length, 1);
      assert.equal(ui.messages[0].kind, 'error');
      assert.match(ui.messages[0].message, new RegExp(`running.*${name}`));
      assert.deepEqual(await tagsOf(id), [`${repo}:v1`]);
    });

    it('refuses to remove an image stopped containers were created from, naming them, without offering to force', async () => {
      const repo = uniqueName('stopped');
      const id = await freshImage(repo);
      const name = uniqueName('old');
      await createContainer(docker, name, { Image: id });
      await waitFor(async () => [...api.store.containers.values()].some((c) => c.name === name), `${name} known`);
      await run('dockerExplorer.images.remove', `${repo}:v1`);
      assert.equal(ui.asked.filter((a) => a.kind === 'choose').length, 0, 'nothing destructive offered');
      assert.match(ui.messages[0].message, new RegExp(`stopped containers ${name}`));
      assert.deepEqual(await tagsOf(id), [`${repo}:v1`]);
    });

    it('asks before removing an image: Cancel keeps it, Remove deletes it and reports what the engine did', async () => {
      const repo = uniqueName('rm');
      const id = await freshImage(repo);
      ui.answer((asked) => {
        assert.match(asked.message, new RegExp(`Remove image ${repo}:v1\\?`));
        assert.match(asked.detail ?? '', /layers not shared with other images are deleted/);
        return undefined;
      });
      await run('dockerExplorer.images.remove', `${repo}:v1`);
      assert.deepEqual(await tagsOf(id), [`${repo}:v1`], 'Cancel changed nothing');

      ui.answer(answerWith('Remove'));
      await run('dockerExplorer.images.remove', `${repo}:v1`);
      assert.equal(await tagsOf(id), undefined, 'the image is gone');
      assert.match(ui.messages.at(-1)?.message ?? '', /Removed .*: 1 untagged, 1 deleted/);
    });

    it('removes by id an image with several tags only on an explicit Force Untag and Remove', async () => {
      const repo = uniqueName('multi');
      const id = await freshImage(repo);
      await docker.getImage(id).tag({ repo, tag: 'v2' });
      await waitFor(async () => api.store.images.get(id)?.tags.length === 2, 'both tags in the store');
      ui.answer((asked) => {
        assert.deepEqual(asked.options, ['Force Untag and Remove']);
        assert.match(asked.detail ?? '', new RegExp(`${repo}:v1.*${repo}:v2|${repo}:v2.*${repo}:v1`));
        return undefined;
      });
      await run('dockerExplorer.images.remove', id);
      assert.equal((await tagsOf(id))?.length, 2, 'Cancel kept both tags');

      ui.answer(answerWith('Force Untag and Remove'));
      await run('dockerExplorer.images.remove', id);
      assert.equal(await tagsOf(id), undefined);
    });

    it('prunes dangling images after listing them, and keeps tagged ones', async () => {
      const repo = uniqueName('dangle');
      const container = await createContainer(docker, uniqueName('src'));
      const first = ((await container.commit({ repo, tag: 'v1' })) as { Id: string }).Id;
      const second = ((await container.commit({ repo, tag: 'v1' })) as { Id: string }).Id; // takes the tag: first dangles
      madeImages.push(first, second);
      await container.remove();
      assert.notEqual(first, second);
      await waitFor(async () => api.store.images.get(first)?.tags.length === 0 && api.store.images.has(second), 'a dangling image in the store');
      await waitFor(async () => ![...api.store.containers.values()].some((c) => c.imageId === first), 'no container uses it');

      ui.answer(
        (_asked, items) => items?.find((i) => i.value === 'dangling')?.label,
        (asked) => {
          assert.match(asked.detail ?? '', new RegExp(first.replace('sha256:', '').slice(0, 12)));
          assert.doesNotMatch(asked.detail ?? '', new RegExp(repo), 'a tagged image is not listed');
          return 'Remove Dangling Images';
        },
      );
      await run('dockerExplorer.images.prune');
      assert.deepEqual(
        ui.asked.filter((a) => a.kind !== 'info').map((a) => a.kind),
        ['pick', 'choose'],
        'asked which images, then to confirm',
      );
      assert.equal(await tagsOf(first), undefined, 'the dangling image went');
      assert.deepEqual(await tagsOf(second), [`${repo}:v1`]);
      assert.ok(await tagsOf(testImage), 'the test image stays');
      assert.match(ui.messages.at(-1)?.message ?? '', /Removed [1-9]\d* images, reclaimed/);
    });

    it('lists for "all unused" the images no container uses, not those a stopped container needs; Cancel keeps them', async () => {
      const unusedRepo = uniqueName('unused');
      const usedRepo = uniqueName('used');
      const unused = await freshImage(unusedRepo);
      const used = await freshImage(usedRepo);
      const name = uniqueName('keeper');
      await createContainer(docker, name, { Image: used });
      await waitFor(async () => [...api.store.containers.values()].some((c) => c.name === name), `${name} known`);
      ui.answer(
        (_asked, items) => items?.find((i) => i.value === 'all')?.label,
        (asked) => {
          assert.match(asked.detail ?? '', new RegExp(`${unusedRepo}:v1`));
          assert.doesNotMatch(asked.detail ?? '', new RegExp(usedRepo));
          return undefined;
        },
      );
      await run('dockerExplorer.images.prune');
      assert.deepEqual(
        ui.asked.map((a) => a.kind),
        ['pick', 'choose'],
        'asked which images, then to confirm',
      );
      assert.ok(await tagsOf(unused));
      assert.ok(await tagsOf(used));
    });
  });

  describe('volumes', () => {
    it('creates a named volume with a driver and labels', async () => {
      const name = uniqueName('vol');
      madeVolumes.push(name);
      ui.answer(name, 'local', `${runLabel}=${runId}, team=web`);
      await run('dockerExplorer.volumes.create');
      const volume = await docker.getVolume(name).inspect();
      assert.equal(volume.Driver, 'local');
      assert.equal(volume.Labels?.team, 'web');
      assert.equal(volume.Labels?.[runLabel], runId);
    });

    it('lets the engine generate a name when the name is left empty', async () => {
      const marker = uniqueName('anon');
      ui.answer('', 'local', `${runLabel}=${runId},marker=${marker}`);
      await run('dockerExplorer.volumes.create');
      const { Volumes } = await docker.listVolumes({ filters: { label: [`marker=${marker}`] } });
      assert.equal(Volumes?.length, 1);
      assert.match(Volumes[0].Name, /^[0-9a-f]{64}$/);
    });

    it('refuses invalid volume names with the reason, before any request', async () => {
      const before = await volumeNames();
      const cases: [string, RegExp][] = [
        ['my data', /spaces/],
        ['-data', /start with a letter or a digit/],
        ['x', /at least two characters/],
        ['data/1', /contains \//],
      ];
      for (const [value, reason] of cases) {
        ui.answer(value);
        await run('dockerExplorer.volumes.create');
        const last = ui.asked.at(-1);
        assert.equal(last?.kind, 'error', `"${value}" refused`);
        assert.match(last?.message ?? '', reason, `"${value}": ${last?.message}`);
      }
      assert.deepEqual(await volumeNames(), before);
    });

    it('reports an existing volume name instead of reusing the volume', async () => {
      const name = uniqueName('taken');
      await labelledVolume(name);
      ui.answer(name);
      await run('dockerExplorer.volumes.create');
      assert.match(ui.messages[0].message, new RegExp(`${name} already exists`));
    });

    it('refuses labels that are not KEY=VALUE', async () => {
      const name = uniqueName('lbl');
      ui.answer(name, 'local', 'team');
      await run('dockerExplorer.volumes.create');
      assert.match(ui.asked.at(-1)?.message ?? '', /KEY=VALUE/);
      assert.ok(!(await volumeNames()).includes(name));
    });

    it('refuses to remove a volume a container mounts, naming the container and its state', async () => {
      const volume = uniqueName('mounted');
      await labelledVolume(volume);
      const name = uniqueName('mounter');
      await (await createContainer(docker, name, { HostConfig: { Init: true, Binds: [`${volume}:/data`] } })).start();
      await waitFor(async () => [...api.store.containers.values()].some((c) => c.name === name && c.state === 'running'), `${name} running`);
      await run('dockerExplorer.volumes.remove', volume);
      assert.equal(ui.messages.length, 1);
      assert.match(ui.messages[0].message, new RegExp(`${volume} is used by ${name} \\(running\\)`));
      assert.ok((await volumeNames()).includes(volume));
    });

    it('removes several volumes after one confirmation that says the data is lost; Cancel keeps them', async () => {
      const a = uniqueName('va');
      const b = uniqueName('vb');
      await labelledVolume(a);
      await labelledVolume(b);
      ui.answer((asked) => {
        assert.match(asked.detail ?? '', /deleted for good/);
        return undefined;
      });
      await run('dockerExplorer.volumes.remove', [a, b]);
      assert.ok((await volumeNames()).includes(a) && (await volumeNames()).includes(b), 'Cancel kept both');

      ui.answer(answerWith('Remove'));
      await run('dockerExplorer.volumes.remove', [a, b]);
      const after = await volumeNames();
      assert.ok(!after.includes(a) && !after.includes(b), 'both removed');
    });

    it('prunes only the volumes no container mounts, listing them first', async () => {
      const free1 = uniqueName('free');
      const free2 = uniqueName('free');
      const kept = uniqueName('kept');
      await labelledVolume(free1);
      await labelledVolume(free2);
      await labelledVolume(kept);
      const name = uniqueName('holder');
      await createContainer(docker, name, { HostConfig: { Init: true, Binds: [`${kept}:/data`] } });
      await waitFor(async () => [...api.store.containers.values()].some((c) => c.name === name), `${name} known`);
      ui.answer((asked) => {
        assert.match(asked.detail ?? '', new RegExp(free1));
        assert.match(asked.detail ?? '', new RegExp(free2));
        assert.doesNotMatch(asked.detail ?? '', new RegExp(kept));
        return 'Remove Unused Volumes';
      });
      await run('dockerExplorer.volumes.prune');
      const after = await volumeNames();
      assert.ok(!after.includes(free1) && !after.includes(free2), 'unused volumes went');
      assert.ok(after.includes(kept), 'the mounted volume stays');
      assert.match(ui.messages.at(-1)?.message ?? '', /Removed [1-9]\d* volumes, reclaimed/);
    });
  });
});
