import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { DockerExplorerApi } from '../../../src/extension';

export interface RenderedView {
  rows: number;
  ms: number;
}

type ContainersNode = Awaited<ReturnType<DockerExplorerApi['views']['containers']['getChildren']>>[number];

/** A containers level with every page row expanded, as a user who opens each of them gets it. */
async function everyPage(views: DockerExplorerApi['views'], parent?: ContainersNode): Promise<ContainersNode[]> {
  const rows = await views.containers.getChildren(parent);
  const pages = await Promise.all(rows.map(async (row) => (row.kind === 'page' ? views.containers.getChildren(row) : [row])));
  return pages.flat();
}

/** What VS Code asks of the providers for a full render: every row (groups expanded, every page shown) and its tree item, timed per view. */
export async function renderAllRows(views: DockerExplorerApi['views']): Promise<Record<'containers' | 'images' | 'volumes', RenderedView>> {
  let started = performance.now();
  let rows = 0;
  for (const node of await everyPage(views)) {
    for (const row of node.kind === 'group' ? await everyPage(views, node) : [node]) {
      row.getTreeItem();
      rows++;
    }
  }
  const containers = { rows, ms: performance.now() - started };
  started = performance.now();
  rows = 0;
  for (const group of await views.images.getChildren()) {
    for (const row of await views.images.getChildren(group)) {
      row.getTreeItem();
      rows++;
    }
  }
  const images = { rows, ms: performance.now() - started };
  started = performance.now();
  const volumeRows = await views.volumes.getChildren();
  volumeRows.forEach((row) => row.getTreeItem());
  const volumes = { rows: volumeRows.length, ms: performance.now() - started };
  return { containers, images, volumes };
}

let gc: (() => void) | undefined;

/** This extension host's heap and RSS after a full garbage collection, so garbage not yet collected does not count. */
export function memoryAfterGc(): { heapUsed: number; rss: number } {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
}
