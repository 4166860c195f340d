// DX_BENCH_MODE=burst: with DX_BENCH_CONTAINERS in the engine, the DX_BENCH_BURST containers of the set
// DX_BENCH_BURST_SET (created, never started) removed through the Engine API as fast as it goes, by this
// payload on the engine's own socket (DX_BENCH_ENGINE_SOCKET), while the extension talks to the engine
// through the bench's counting proxy (DOCKER_HOST). Timed to the page showing none of them.
import Docker from 'dockerode';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { epochNow, ui, waitFor } from '../../test/integration/support/uiBridge';
import { memoryAfterGc } from '../../test/integration/support/viewCost';
import { openContainersView } from './openView';

export async function burst(count: (name: string) => number): Promise<object> {
  const containers = count('DX_BENCH_CONTAINERS');
  const size = count('DX_BENCH_BURST');
  const set = process.env.DX_BENCH_BURST_SET;
  const socketPath = process.env.DX_BENCH_ENGINE_SOCKET;
  if (!set || !socketPath) {
    throw new Error('DX_BENCH_BURST_SET and DX_BENCH_ENGINE_SOCKET must be set: run this through `npm run bench`');
  }
  const api = await openContainersView(containers);
  const docker = new Docker({ socketPath });
  const doomed = await docker.listContainers({ all: true, filters: { label: [`dx.bench.set=${set}`] } });
  if (doomed.length !== size) {
    throw new Error(`the engine holds ${doomed.length} containers of the set ${set}, the bench asked for ${size}`);
  }
  const names = new Set(doomed.map((c) => c.Names[0].replace(/^\//, '')));
  const prefix = commonPrefix([...names]);
  // Their rows on screen: compose projects collapsed, so the top level (newest first: the burst's rows) shows.
  const projects = '.pane:has(> .pane-header[aria-label*="Containers"]) .monaco-list-row[aria-level="1"][aria-expanded="true"]';
  for (let i = 0; i < 10 && (await ui.attributes(projects, 'aria-label')).length > 0; i++) {
    await ui.click(projects);
  }
  await ui.recordRows();
  const pattern = `^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
  await waitFor(async () => (await ui.rowsWhen({ pattern, after: epochNow(), timeoutMs: 5000 })).at !== undefined, `a row of ${prefix}* on the page`, 60_000);
  await new Promise((r) => setTimeout(r, 2000)); // VS Code takes what the views fired
  await ui.screenshot('burst-before');

  const heapBefore = memoryAfterGc();
  const fires = { whole: 0, rows: 0 };
  const counting = api.views.containers.onDidChangeTreeData((node) => (node === undefined ? fires.whole++ : fires.rows++));
  const fullListsBefore = { ...api.store.fullLists };
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let storeNoneAt: number | undefined;
  const inStore = () => [...api.store.containers.values()].some((c) => names.has(c.name));
  const storeNone = new Promise<void>((resolve) => {
    const off = api.store.onChange(() => {
      if (!inStore()) {
        storeNoneAt = epochNow();
        off.dispose();
        resolve();
      }
    });
  });

  const startedAt = epochNow();
  const ids = doomed.map((c) => c.Id);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) await docker.getContainer(ids[next++]).remove();
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  const removedAt = epochNow();
  const seen = await ui.rowsWhen({ pattern, absent: true, after: startedAt, timeoutMs: 120_000 });
  if (seen.at === undefined) {
    await ui.screenshot('burst-failed');
    throw new Error(`the page still shows ${JSON.stringify(seen.last?.slice(0, 3))} 120 s after the removals`);
  }
  await storeNone;
  await api.store.whenIdle();
  await new Promise((r) => setTimeout(r, 2000)); // the trailing refreshes and VS Code's fetches
  const endedAt = epochNow();
  loop.disable();
  counting.dispose();
  await ui.screenshot('burst-after');
  const heapAfter = memoryAfterGc();
  const rows = await api.views.containers.getChildren();
  if (rows.some((r) => r.kind === 'container' && names.has(r.model.name))) {
    throw new Error('the view still lists removed containers');
  }
  return {
    pid: process.pid,
    containers: api.store.containers.size,
    removed: ids.length,
    window: { startedAt, endedAt },
    ms: { removals: removedAt - startedAt, toPageNone: seen.at - startedAt, lastRemovalToPageNone: seen.at - removedAt, toStoreNone: storeNoneAt! - startedAt },
    fires,
    storeFullLists: Object.fromEntries(Object.entries(api.store.fullLists).map(([k, v]) => [k, v - fullListsBefore[k as keyof typeof fullListsBefore]])),
    eventLoop: { maxMs: loop.max / 1e6, p99Ms: loop.percentile(99) / 1e6 },
    heap: { before: heapBefore, after: heapAfter },
  };
}

function commonPrefix(names: string[]): string {
  let prefix = names[0] ?? '';
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  if (prefix.length < 3) throw new Error(`the burst's containers share no name prefix (${prefix})`);
  return prefix;
}
