import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ContainerNode } from '../../src/tree/nodes/containerNode';
import { activateExtension } from './support/extension';
import { cleanupRun, createContainer, runId, runLabel, testDocker, uniqueName } from './support/testEngine';
import { waitFor } from './support/uiBridge';

const containers = Number(process.env.DX_SCALE_VIEW_CONTAINERS ?? 3000);
const images = Number(process.env.DX_SCALE_VIEW_IMAGES ?? 300);
const volumes = Number(process.env.DX_SCALE_VIEW_VOLUMES ?? 300);
const imageRepo = `dxt-scale-${runId}`;

async function inBatches(total: number, size: number, make: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < total; i += size) {
    await Promise.all(Array.from({ length: Math.min(size, total - i) }, (_, j) => make(i + j)));
  }
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

// Reports the extension host's memory and the views' render work at this size; asserts the rows are all there.
describe(`the views with ${containers} containers, ${images} images and ${volumes} volumes`, function () {
  this.timeout(600_000);
  const docker = testDocker();

  after(async () => {
    await docker.pruneContainers({ filters: { label: [`${runLabel}=${runId}`] } });
    await cleanupRun(docker);
    await inBatches(images, 10, (i) => docker.getImage(`${imageRepo}:${i}`).remove().catch(() => undefined));
  });

  it('lists them all, and the memory they take stays bounded', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    api.store.start();
    await api.store.whenSettled();
    await api.store.whenIdle();
    const before = { containers: api.store.containers.size, images: api.store.images.size, volumes: api.store.volumes.size, heap: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss };

    const base = uniqueName('scale-base');
    const source = await createContainer(docker, base, { Cmd: ['true'] });
    await inBatches(images, 5, (i) => source.commit({ repo: imageRepo, tag: String(i), changes: [`LABEL dxt.scale=${i}`] }));
    await inBatches(volumes, 20, (i) => docker.createVolume({ Name: `dxt-scale-${runId}-${i}`, Labels: { [runLabel]: runId } }));
    await inBatches(containers - 1, 10, (i) => createContainer(docker, `dxt-scale-${runId}-${i}`));

    await waitFor(
      async () =>
        api.store.containers.size >= before.containers + containers &&
        api.store.images.size >= before.images + images &&
        api.store.volumes.size >= before.volumes + volumes,
      'the store holding them all',
      120_000,
    );
    await api.store.whenIdle();

    // What VS Code asks of the providers for a full render: every row and its tree item.
    const started = performance.now();
    const containerRows: ContainerNode[] = [];
    for (const node of await api.views.containers.getChildren()) {
      const rows = node.kind === 'group' ? await api.views.containers.getChildren(node) : [node];
      containerRows.push(...(rows as ContainerNode[]));
    }
    containerRows.forEach((row) => row.getTreeItem());
    const containersMs = performance.now() - started;
    const imageStarted = performance.now();
    let imageRows = 0;
    for (const group of await api.views.images.getChildren()) {
      for (const row of await api.views.images.getChildren(group)) {
        row.getTreeItem();
        imageRows++;
      }
    }
    const imagesMs = performance.now() - imageStarted;
    const volumeStarted = performance.now();
    const volumeRows = await api.views.volumes.getChildren();
    volumeRows.forEach((row) => row.getTreeItem());
    const volumesMs = performance.now() - volumeStarted;

    assert.ok(containerRows.length >= before.containers + containers, `${containerRows.length} container rows`);
    assert.ok(imageRows >= before.images + images, `${imageRows} image rows`);
    assert.ok(volumeRows.length >= before.volumes + volumes, `${volumeRows.length} volume rows`);

    const after = process.memoryUsage();
    const report = {
      rows: { containers: containerRows.length, images: imageRows, volumes: volumeRows.length },
      renderMs: { containers: Math.round(containersMs), images: Math.round(imagesMs), volumes: Math.round(volumesMs) },
      heapMB: { before: mb(before.heap), after: mb(after.heapUsed), delta: mb(after.heapUsed - before.heap) },
      rssMB: { before: mb(before.rss), after: mb(after.rss), delta: mb(after.rss - before.rss) },
    };
    console.log(`scale views: ${JSON.stringify(report)}`);
    const out = path.resolve(__dirname, '../../../test-output');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'scale-views.json'), JSON.stringify(report, null, 2));
    // Bounded: far below what a leak per row (say 100 KB x 3600 rows) would take.
    assert.ok(after.heapUsed - before.heap < 150 * 1024 * 1024, `heap grew by ${mb(after.heapUsed - before.heap)} MB`);
  });
});
