import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import type { ContainerNode } from '../../src/tree/nodes/containerNode';
import type { ImageNode } from '../../src/tree/nodes/imageNode';
import { activateExtension } from './support/extension';
import { cleanupRun, createContainer, runId, runLabel, testDocker, testImage, uniqueName } from './support/testEngine';
import { waitFor } from './support/uiBridge';

async function containerRows(api: DockerExplorerApi): Promise<ContainerNode[]> {
  const provider = api.views.containers;
  const rows: ContainerNode[] = [];
  for (const node of await provider.getChildren()) {
    // The extension runs from its bundle, so its classes are not these: tell rows apart by kind.
    if (node.kind === 'group') {
      rows.push(...((await provider.getChildren(node)) as ContainerNode[]));
    } else {
      rows.push(node as ContainerNode);
    }
  }
  return rows;
}

async function imageRows(api: DockerExplorerApi): Promise<ImageNode[]> {
  const rows: ImageNode[] = [];
  for (const group of await api.views.images.getChildren()) {
    rows.push(...((await api.views.images.getChildren(group)) as ImageNode[]));
  }
  return rows;
}

function rowFor(rows: ContainerNode[], name: string): ContainerNode | undefined {
  return rows.find((r) => r.model.name === name);
}

describe('live explorer', function () {
  this.timeout(120_000);
  const docker = testDocker();
  let api: DockerExplorerApi;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    api.store.start();
    const status = await api.store.whenSettled();
    assert.equal(status.state, 'ready', 'the store reaches the private engine');
  });

  after(() => cleanupRun(docker));

  it('shows exactly the containers, images and volumes the Engine API lists', async () => {
    await createContainer(docker, uniqueName('list'));
    await docker.createVolume({ Name: uniqueName('vol'), Labels: { [runLabel]: runId } });
    await api.store.whenIdle();
    await waitFor(async () => {
      const engineIds = (await docker.listContainers({ all: true })).map((c) => c.Id).sort();
      const rowIds = (await containerRows(api)).map((r) => r.model.id).sort();
      return JSON.stringify(engineIds) === JSON.stringify(rowIds);
    }, 'container rows equal to GET /containers/json?all=1');
    const engineImages = (await docker.listImages()).map((i) => i.Id).sort();
    const rowImages = [...new Set((await imageRows(api)).map((r) => r.model.id))].sort();
    assert.deepEqual(rowImages, engineImages);
    // The volume was created after the container: its event may still be on its way.
    const engineVolumes = ((await docker.listVolumes()).Volumes ?? []).map((v) => v.Name).sort();
    const rowVolumes = await waitFor(async () => {
      const rows = (await api.views.volumes.getChildren()).map((v) => v.model.name).sort();
      return JSON.stringify(rows) === JSON.stringify(engineVolumes) && rows;
    }, 'volume rows equal to GET /volumes');
    assert.deepEqual(rowVolumes, engineVolumes);
  });

  it('follows a container created, started, paused, stopped, renamed and removed from outside', async () => {
    const name = uniqueName('life');
    const container = await createContainer(docker, name);
    const row = await waitFor(async () => rowFor(await containerRows(api), name), `a row for ${name}`);
    assert.equal(row.model.state, 'created');
    assert.equal(row.getTreeItem().contextValue, 'container.created');

    await container.start();
    await waitFor(async () => rowFor(await containerRows(api), name)?.model.state === 'running', `${name} running`);
    await container.pause();
    await waitFor(async () => rowFor(await containerRows(api), name)?.model.state === 'paused', `${name} paused`);
    await container.unpause();
    await container.stop({ t: 1 });
    await waitFor(async () => rowFor(await containerRows(api), name)?.model.state === 'exited', `${name} exited`);

    const renamed = uniqueName('renamed');
    await container.rename({ name: renamed });
    await waitFor(async () => rowFor(await containerRows(api), renamed), `the row renamed to ${renamed}`);
    assert.equal(rowFor(await containerRows(api), name), undefined);

    await container.remove();
    await waitFor(async () => !rowFor(await containerRows(api), renamed), `${renamed} gone`);
  });

  it('updates the one row an event names, without listing everything again', async () => {
    const name = uniqueName('one');
    const container = await createContainer(docker, name);
    await waitFor(async () => rowFor(await containerRows(api), name), `a row for ${name}`);
    await api.store.whenIdle();
    const fullListsBefore = api.store.fullLists.containers;
    const fired = new Promise<unknown>((resolve) => {
      const sub = api.views.containers.onDidChangeTreeData((node) => {
        if (node?.kind === 'container' && node.model.name === name && node.model.state === 'running') {
          sub.dispose();
          resolve(node);
        }
      });
    });
    await container.start();
    const node = await Promise.race([fired, new Promise((_, reject) => setTimeout(() => reject(new Error('no row event within 5 s')), 5000))]);
    assert.equal((node as ContainerNode).kind, 'container', 'the change event carries the row itself');
    assert.equal(api.store.fullLists.containers, fullListsBefore, 'no full list for one container event');
  });

  it('re-renders the images and volumes views only when a container change shows in them', async () => {
    const holder = await createContainer(docker, uniqueName('holder'));
    await holder.start();
    const quiet = uniqueName('quiet');
    const container = await createContainer(docker, quiet);
    await waitFor(
      async () => rowFor(await containerRows(api), quiet) && [...api.store.containers.values()].some((c) => c.id === holder.id && c.state === 'running'),
      `${quiet} listed and the image in use`,
    );
    await api.store.whenIdle();
    let imageEvents = 0;
    let volumeEvents = 0;
    const subs = [api.views.images.onDidChangeTreeData(() => imageEvents++), api.views.volumes.onDidChangeTreeData(() => volumeEvents++)];
    try {
      await container.start();
      await waitFor(async () => rowFor(await containerRows(api), quiet)?.model.state === 'running', `${quiet} running`);
      await api.store.whenIdle();
      assert.equal(imageEvents, 0, 'the image was in use already: no image row changes');
      assert.equal(volumeEvents, 0, 'no volume gained or lost a user');

      const volume = uniqueName('seen');
      await docker.createVolume({ Name: volume, Labels: { [runLabel]: runId } });
      await waitFor(async () => api.store.volumes.has(volume), `volume ${volume} known`);
      await api.store.whenIdle();
      volumeEvents = 0;
      await createContainer(docker, uniqueName('mounter'), { HostConfig: { Binds: [`${volume}:/data`] } });
      await waitFor(async () => volumeEvents > 0, 'the volumes view re-rendered for its new user');
    } finally {
      subs.forEach((s) => s.dispose());
    }
  });

  it('shows a tag added and removed from outside, under its normalised repository', async () => {
    const repo = `dxt-tag-${Math.random().toString(36).slice(2, 8)}`;
    await docker.getImage(testImage).tag({ repo, tag: 'v1' });
    const row = await waitFor(async () => (await imageRows(api)).find((r) => r.reference === `docker.io/library/${repo}:v1`), `image row ${repo}:v1`);
    assert.equal(row.getTreeItem().label, 'v1');
    assert.equal(row.parent.id, `group:images:docker.io/library/${repo}`);
    await docker.getImage(`${repo}:v1`).remove({ noprune: true });
    await waitFor(async () => !(await imageRows(api)).some((r) => r.reference === `docker.io/library/${repo}:v1`), `${repo}:v1 gone`);
  });

  it('shows a volume created and removed from outside, and which containers use it', async () => {
    const name = uniqueName('data');
    await docker.createVolume({ Name: name, Labels: { [runLabel]: runId } });
    await waitFor(async () => (await api.views.volumes.getChildren()).find((v) => v.model.name === name), `volume ${name}`);
    const user = uniqueName('user');
    const container = await createContainer(docker, user, { HostConfig: { Binds: [`${name}:/data:ro`] } });
    const row = await waitFor(
      async () => (await api.views.volumes.getChildren()).find((v) => v.model.name === name && v.getTreeItem().contextValue === 'volume.inUse'),
      `volume ${name} in use`,
    );
    assert.match(String(row.getTreeItem().description), new RegExp(`${user} \\(ro\\)`));
    const tooltip = (api.views.volumes.resolveTreeItem(row.getTreeItem(), row).tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, new RegExp(`Used by: \`${user}\` \\(read-only\\)`), 'the tooltip, built on hover, names the user');
    await container.remove();
    await docker.getVolume(name).remove();
    await waitFor(async () => !(await api.views.volumes.getChildren()).some((v) => v.model.name === name), `volume ${name} gone`);
  });

  it('shows links and volumes-from in the tooltip once it resolves', async () => {
    const db = uniqueName('db');
    const dbContainer = await createContainer(docker, db);
    await dbContainer.start();
    const web = uniqueName('web');
    await createContainer(docker, web, { HostConfig: { Links: [`${db}:database`], VolumesFrom: [db] } });
    const row = await waitFor(async () => rowFor(await containerRows(api), web), `a row for ${web}`);
    const item = await api.views.containers.resolveTreeItem(row.getTreeItem(), row);
    const tooltip = (item.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, new RegExp(`${db}:database`));
    assert.match(tooltip, new RegExp(`Volumes from`));
  });
});
