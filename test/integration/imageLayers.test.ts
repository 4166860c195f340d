import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type Docker from 'dockerode';
import type { DockerExplorerApi } from '../../src/extension';
import { activateExtension } from './support/extension';
import { testDocker, testImage } from './support/testEngine';
import { ui, waitFor } from './support/uiBridge';

/** What the test reads of a node under an image row (the extension's classes come from its bundle). */
interface Row {
  kind: string;
  layer?: { createdBy: string; instruction: string; empty: boolean; size: number; sharedWith?: { id: string } };
  model?: { id: string };
  reference?: string;
}

/** Builds FROM the test image with the legacy builder, through the Engine API, and waits for its end. */
async function buildImage(docker: Docker, tag: string): Promise<string> {
  const context = fs.mkdtempSync(path.join(os.tmpdir(), 'dxt-layers-'));
  try {
    fs.writeFileSync(path.join(context, 'Dockerfile'), `FROM ${testImage}\nRUN echo hi > /greeting\nENV A=1\nLABEL x=y\n`);
    const stream = await docker.buildImage({ context, src: ['Dockerfile'] }, { t: tag, rm: true, forcerm: true });
    const output = await new Promise<{ error?: string; aux?: { ID?: string } }[]>((resolve, reject) =>
      docker.modem.followProgress(stream, (err: Error | null, result: { error?: string }[]) => (err ? reject(err) : resolve(result))),
    );
    const failed = output.find((o) => o.error);
    assert.equal(failed, undefined, `the build failed: ${failed?.error}`);
    return (await docker.getImage(tag).inspect()).Id;
  } finally {
    fs.rmSync(context, { recursive: true, force: true });
  }
}

async function imageRow(api: DockerExplorerApi, reference: string): Promise<Row | undefined> {
  for (const group of await api.views.images.getChildren()) {
    const rows = (await api.views.images.getChildren(group)) as unknown as Row[];
    const row = rows.find((r) => r.reference === reference);
    if (row) return row;
  }
  return undefined;
}

describe('image layers', function () {
  this.timeout(120_000);
  const docker = testDocker();
  const repo = `dxt-layers-${Math.random().toString(36).slice(2, 8)}`;
  const tag = `${repo}:v1`;
  /** The row of the first test, kept after its image is gone. */
  let staleRow: Row | undefined;

  after(async () => {
    // The tag and the intermediate images of this build only; the test image stays.
    await docker
      .getImage(tag)
      .remove()
      .catch(() => undefined);
  });

  it('expands an image row to its layers as GET /images/{id}/history lists them, asking only then', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    await vscode.commands.executeCommand('dockerExplorer.images.focus');
    const id = await buildImage(docker, tag);
    const reference = `docker.io/library/${tag}`;
    await waitFor(async () => imageRow(api, reference), `image row ${tag}`);
    await api.store.whenIdle();

    // Listing the view and rendering the row ask the engine nothing; the row is collapsed.
    const before = api.service.requestsSentOutsideStores;
    const again = await imageRow(api, reference);
    assert.ok(again);
    const item = api.views.images.getTreeItem(again as never);
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'an image row is collapsed: its layers are not listed yet');
    assert.equal(api.service.requestsSentOutsideStores, before, 'listing and rendering image rows sends no request');

    const layers = (await api.views.images.getChildren(again as never)) as unknown as Row[];
    assert.equal(api.service.requestsSentOutsideStores, before + 1, 'expanding the row sends one request');

    const history = (await docker.getImage(id).history()) as { CreatedBy: string; Size: number; Id: string }[];
    const base = (await docker.getImage(testImage).history()) as unknown[];
    assert.equal(layers.length, history.length, 'one row per history entry');
    assert.equal(history.length, 3 + base.length, 'the three steps over the test image`s own');
    assert.deepEqual(
      layers.map((l) => l.layer?.createdBy),
      history.map((h) => h.CreatedBy),
      'in the engine`s order, newest first',
    );
    const items = layers.map((l) => api.views.images.getTreeItem(l as never));
    assert.deepEqual(
      items.slice(0, 3).map((i) => i.label),
      ['LABEL x=y', 'ENV A=1', 'RUN echo hi > /greeting'],
      'the instructions without the /bin/sh -c #(nop) noise',
    );
    history.forEach((h, i) => {
      const description = String(items[i].description);
      assert.equal(layers[i].layer?.empty, h.Size === 0, `entry ${i} empty as its size says`);
      assert.equal(description.startsWith('empty layer · '), h.Size === 0, `entry ${i} "${description}" marks an empty layer only`);
    });
    // The test image is local: its layers are this image's lowest ones, shared with it.
    const testImageId = (await docker.getImage(testImage).inspect()).Id;
    const lowest = layers.filter((l) => !l.layer?.empty).at(-1);
    assert.equal(lowest?.layer?.sharedWith?.id, testImageId, 'the base layer is shared with the test image');
    assert.equal(layers[2].layer?.sharedWith, undefined, 'the RUN layer is this image`s own');
    assert.match(String(items.at(-1)?.description), / · shared$/);

    const tooltip = (api.views.images.resolveTreeItem(item, again as never).tooltip as vscode.MarkdownString).value;
    // Markdown-escaped: read\-only.
    assert.match(tooltip, /read\\?-only and shared by every container made from the image/);
    const layerTooltip = (api.views.images.resolveTreeItem(items[2], layers[2] as never).tooltip as vscode.MarkdownString).value;
    assert.match(layerTooltip, /RUN echo hi > \/greeting/, 'the whole instruction in the layer`s tooltip');

    await api.views.images.getChildren(again as never);
    assert.equal(api.service.requestsSentOutsideStores, before + 1, 'expanding another time asks nothing more');
    staleRow = again;

    // On the page: the rows under the expanded image row, in the same order.
    const wanted = items.map((i) => `${String(i.label)}`);
    let seen: string[] = [];
    await waitFor(
      async () => {
        // Expanded again while the page does not show it: a paced refresh of the view (the new image) may redraw the row after a first expand.
        await Promise.resolve(api.treeViews.images.reveal(again as never, { expand: true, select: false, focus: false })).catch(() => undefined);
        // A short pane draws only the rows in view: scroll to the last layer, as a user would.
        await Promise.resolve(api.treeViews.images.reveal(layers.at(-1) as never, { select: false, focus: false })).catch(() => undefined);
        return (seen = await ui.texts('.monaco-list-row[aria-level="3"] .label-name')).join('\n') === wanted.join('\n');
      },
      `the layer rows on the page (${wanted.join(' | ')})`,
    ).catch(() => undefined);
    const shot = await ui.screenshot('image-layers');
    assert.deepEqual(seen, wanted, `the page shows the layers (${shot.path})`);
    const descriptions = await ui.texts('.monaco-list-row[aria-level="3"] .label-description');
    assert.deepEqual(
      descriptions.map((d) => d.startsWith('empty layer')),
      history.map((h) => h.Size === 0),
      'the page marks the empty layers',
    );
  });

  it('says in one row, not a notification, that an image removed meanwhile has no layers to list', async () => {
    const api = await activateExtension();
    assert.ok(staleRow, 'the first test kept its row');
    await docker.getImage(tag).remove();
    await waitFor(async () => !(await imageRow(api, `docker.io/library/${tag}`)), `${tag} gone from the view`);
    const rows = (await api.views.images.getChildren(staleRow as never)) as unknown as Row[];
    assert.deepEqual(
      rows.map((r) => r.kind),
      ['layersFailed'],
    );
    const item = api.views.images.getTreeItem(rows[0] as never);
    assert.equal(item.label, 'Cannot list the layers');
    assert.match(String(item.description), /removed meanwhile/, 'the project`s own message for a missing image');
  });
});
