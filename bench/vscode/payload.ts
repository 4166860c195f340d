// Runs inside the real extension host for `npm run bench` (bench/vscode.mjs starts it through
// test/harness/vscode.mjs, one code-server per run). DX_BENCH_MODE picks what one run measures:
// `startup` (opening the Docker view in a fresh window until the first container rows) or
// `memory` (this host's heap and RSS without, then with, the bench's objects) or `changes` (each
// kind of container change to its row on the page, bench/vscode/changes.ts). What it measured
// goes to the results file named by DX_TEST_RESULTS, under `bench`.
import * as fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { EngineStore } from '../../src/docker/store';
import type { DockerExplorerApi } from '../../src/extension';
import { containersFirstPage } from '../../src/tree/containersProvider';
import { extensionId } from '../../test/integration/support/extension';
import { ui, waitFor } from '../../test/integration/support/uiBridge';
import { memoryAfterGc, renderAllRows } from '../../test/integration/support/viewCost';
import { burst } from './burst';
import { changes } from './changes';
import { startCpuProfile } from './cpuProfile';
import { idle } from './idle';
import { recordLoopBlocks } from './loopBlocks';
import { scroll } from './scroll';

const env = process.env;
const count = (name: string) => {
  const value = Number(env[name]);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number, got "${env[name]}"`);
  }
  return value;
};

export async function run(): Promise<void> {
  const mode = env.DX_BENCH_MODE;
  try {
    const modes: Record<string, () => Promise<object>> = {
      startup,
      memory,
      changes: () => changes(count),
      // Issue 12 items 3 to 5: bench/vscode/scroll.ts, burst.ts, idle.ts.
      scroll: () => scroll(count),
      burst: () => burst(count),
      idle: () => idle(count),
    };
    if (!mode || !Object.hasOwn(modes, mode)) {
      throw new Error(`DX_BENCH_MODE must be one of ${Object.keys(modes).join(', ')}, got "${mode}"`);
    }
    const bench = await modes[mode]();
    writeResults({ passed: 1, failed: 0, failures: [], bench });
  } catch (err) {
    writeResults({ passed: 0, failed: 1, failures: [{ title: `bench ${mode}`, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }] });
    throw err;
  }
}

function writeResults(results: object): void {
  if (env.DX_TEST_RESULTS) {
    fs.writeFileSync(env.DX_TEST_RESULTS, JSON.stringify(results, null, 2));
  }
}

/** VS Code's own marks in this host (vs/base/common/performance keeps them here, in Date.now() time). */
function vscodeMarks(): Map<string, number> {
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks?.getMarks() ?? [];
  return new Map(marks.map((m) => [m.name, m.startTime]));
}

/** Opens the Docker view as a user would (VS Code activates us for it) and times the way to the first rows. */
async function startup(): Promise<object> {
  const containers = count('DX_BENCH_CONTAINERS');
  const rowPrefix = env.DX_BENCH_ROW_PREFIX;
  if (!rowPrefix) {
    throw new Error("DX_BENCH_ROW_PREFIX must name how the bench containers' rows begin");
  }
  const extension = vscode.extensions.getExtension<DockerExplorerApi>(extensionId);
  if (!extension) {
    throw new Error(`extension ${extensionId} is not installed in this host`);
  }
  // Warm: the host has loaded and activated us already (another view opened it); the Docker view opens later.
  const warm = env.DX_BENCH_WARM === '1';
  if (extension.isActive) {
    throw new Error('the extension was already active before the view was opened: nothing to time');
  }
  if (warm) {
    await extension.activate();
    await new Promise((r) => setTimeout(r, 1500));
  }
  // Epoch and performance.now() of this host, to put VS Code's Date.now() marks on our clock.
  const epochOffset = Date.now() - performance.now();
  // How long this host's event loop was held at a time while the view opened, listed, grouped and rendered.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const profiler = await startCpuProfile();
  const blocks = recordLoopBlocks();
  loop.enable();
  const openedAt = performance.now();
  await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
  let allListedAt: number | undefined;
  const listed = waitFor(async () => extension.isActive && extension.exports?.store.containers.size >= containers, 'every container listed', 120_000).then(
    () => (allListedAt = performance.now()),
  );

  // Coarse: the page is polled through the UI bridge until a container row is in the DOM.
  let domRowAt: number | undefined;
  let domPollMs: number | undefined;
  const dom = waitFor(
    async () => {
      const asked = performance.now();
      const labels = await ui.attributes('.monaco-list-row[aria-level]', 'aria-label');
      if (labels.some((l) => l?.startsWith(rowPrefix))) {
        domRowAt = performance.now();
        domPollMs = domRowAt - asked;
        return true;
      }
      return false;
    },
    `a row starting with "${rowPrefix}" on the page`,
    120_000,
  ).then(
    () => undefined,
    (err: unknown) => err,
  );
  const api = await waitFor(async () => extension.isActive && extension.exports, 'the extension to be active', 60_000);
  await waitFor(async () => api.startup.containersFirstRowsAt !== undefined, 'the first container rows', 120_000);
  const domError = await dom;
  if (domError) {
    throw domError;
  }
  await listed;
  await api.store.whenIdle();
  await new Promise((r) => setTimeout(r, 1000)); // what VS Code asks for once the rows are in
  loop.disable();
  const longBlocks = blocks.stop();
  const cpuProfile = await profiler.stop(`open-${containers}${warm ? '-warm' : ''}-${process.pid}`);
  const eventLoop = { maxMs: loop.max / 1e6, p99Ms: loop.percentile(99) / 1e6, meanMs: loop.mean / 1e6 };
  if (api.store.containers.size < containers) {
    throw new Error(`the store holds ${api.store.containers.size} containers, the bench created ${containers}`);
  }

  // For scale, once the window is quiet: our own part alone, a fresh store from start to its first full lists.
  const storeAlone: number[] = [];
  for (let i = 0; i < 3; i++) {
    const store = new EngineStore(api.service, { firstPage: containersFirstPage });
    const started = performance.now();
    store.start();
    await store.whenSettled();
    await store.whenIdle();
    storeAlone.push(performance.now() - started);
    store.stop();
  }

  const marks = vscodeMarks();
  const mark = (name: string) => {
    const at = marks.get(`code/extHost/${name}/${extensionId}`);
    return at === undefined ? undefined : at - epochOffset;
  };
  const { activateStartedAt, storeStartedAt, containersFirstAskedAt, containersFirstRowsAt } = api.startup;
  const since = (from: number | undefined, to: number | undefined) => (from === undefined || to === undefined ? undefined : to - from);
  return {
    pid: process.pid,
    warm,
    containers: api.store.containers.size,
    eventLoop,
    cpuProfile,
    longBlocks,
    ms: {
      openViewToAllListed: since(openedAt, allListedAt),
      openViewToDomRow: since(openedAt, domRowAt),
      activateToFirstRows: since(activateStartedAt, containersFirstRowsAt),
      activateToStoreStart: since(activateStartedAt, storeStartedAt),
      activateToFirstAsked: since(activateStartedAt, containersFirstAskedAt),
      activateToDomRow: since(activateStartedAt, domRowAt),
      domPoll: domPollMs,
      openViewToFirstRows: since(openedAt, containersFirstRowsAt),
      vscodeLoadAndActivate: since(mark('willLoadExtensionCode'), mark('didActivateExtension')),
      vscodeLoadCode: since(mark('willLoadExtensionCode'), mark('didLoadExtensionCode')),
      storeAlone: storeAlone.sort((a, b) => a - b)[1],
    },
    // Everything on one line, in ms from the command that opened the view.
    timeline: {
      willLoadExtensionCode: since(openedAt, mark('willLoadExtensionCode')),
      didLoadExtensionCode: since(openedAt, mark('didLoadExtensionCode')),
      willActivateExtension: since(openedAt, mark('willActivateExtension')),
      activateStarted: since(openedAt, activateStartedAt),
      didActivateExtension: since(openedAt, mark('didActivateExtension')),
      storeStarted: since(openedAt, storeStartedAt),
      containersFirstAsked: since(openedAt, containersFirstAskedAt),
      containersFirstRows: since(openedAt, containersFirstRowsAt),
      domRowSeen: since(openedAt, domRowAt),
    },
  };
}

/** One host: memory with none of the bench's objects, then the bench fills the engine, then memory with all of them listed and rendered. */
async function memory(): Promise<object> {
  const expected = { containers: count('DX_BENCH_CONTAINERS'), images: count('DX_BENCH_IMAGES'), volumes: count('DX_BENCH_VOLUMES') };
  const control = env.DX_BENCH_CONTROL;
  if (!control) {
    throw new Error('DX_BENCH_CONTROL is not set: run this through `npm run bench`');
  }
  const extension = vscode.extensions.getExtension<DockerExplorerApi>(extensionId);
  const api = await extension!.activate();
  await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
  api.store.start(); // the view's visibility starts it too, maybe later than this line
  await api.store.whenSettled();
  const sizes = () => ({ containers: api.store.containers.size, images: api.store.images.size, volumes: api.store.volumes.size });
  const measure = async () => {
    await api.store.whenIdle();
    const rows = await renderAllRows(api.views);
    // Let the workbench take what the views fired before counting.
    await new Promise((r) => setTimeout(r, 2000));
    return { pid: process.pid, store: sizes(), rows: { containers: rows.containers.rows, images: rows.images.rows, volumes: rows.volumes.rows }, ...memoryAfterGc() };
  };

  const none = await measure();
  await fetch(`${control}/fill`, { method: 'POST' });
  for (;;) {
    const answer = (await (await fetch(`${control}/fill`)).json()) as { state: string; error?: string };
    if (answer.state === 'failed') {
      throw new Error(`the bench could not fill the engine: ${answer.error}`);
    }
    if (answer.state === 'done') {
      break;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const holdsAll = () =>
    api.store.containers.size >= none.store.containers + expected.containers &&
    api.store.images.size >= none.store.images + expected.images &&
    api.store.volumes.size >= none.store.volumes + expected.volumes;
  try {
    await waitFor(async () => holdsAll() && sizes(), `the store to hold ${JSON.stringify(expected)} more than ${JSON.stringify(none.store)}`, 300_000);
  } catch (err) {
    // Say whether the store lags the engine or the engine lacks the objects.
    const engine = await Promise.all([api.service.listContainers(), api.service.listImages(), api.service.listVolumes()]).then(
      ([c, i, v]) => JSON.stringify({ containers: c.length, images: i.length, volumes: v.length }),
      (e: Error) => `unknown (${e.message})`,
    );
    throw new Error(`${(err as Error).message}; the store held ${JSON.stringify(sizes())}, the engine lists ${engine}, store state ${api.store.status.state}`, {
      cause: err,
    });
  }
  const full = await measure();
  if (full.rows.containers < none.rows.containers + expected.containers) {
    throw new Error(`${full.rows.containers} container rows rendered, expected at least ${none.rows.containers + expected.containers}`);
  }
  return { expected, none, full };
}
