// 7. Change to the page, in a real VS Code: each kind of container change from the API call
// returning, and from the engine's event, to the row's aria-label on the page showing it, with
// `size` other containers listed. The payload is bench/vscode/changes.ts.
import { productionBundleForVSCode } from './inVSCode.mjs';
import { fmt, stats } from './lib.mjs';
import { runPayload } from './vscode.mjs';

export const pageChangeKinds = ['create', 'start', 'pause', 'unpause', 'stop -t 0', 'stop (SIGTERM)', 'kill', 'restart', 'rename', 'remove', 'self-exit'];
const targets = { 1000: 50, 10000: 100 };

export async function measurePageChanges(b, size) {
  const { config, engine, log, results, tableRows, root } = b;
  const cycles = config.pageCycles;
  log(`change to the page @${size}: ${cycles} cycles of every kind of change, ${productionBundleForVSCode(b)} bundle`);
  const bench = await runPayload({
    root,
    engine,
    log,
    mode: 'changes',
    label: `page-changes-${size}`,
    timeoutMs: (10 + cycles) * 60_000,
    env: {
      DX_BENCH_CONTAINERS: String(size),
      DX_BENCH_PAGE_CYCLES: String(cycles),
      DX_BENCH_IMAGE: engine.testImage,
      DX_BENCH_PAGE_TRACE: process.env.BENCH_PAGE_TRACE === '1' ? '1' : '0',
    },
  });
  log(
    `page changes @${size}: clock check page - host ${bench.clock.offsetMs.toFixed(2)} ms (round trip ${bench.clock.roundTripMs.toFixed(1)} ms), full lists during the run ${JSON.stringify(bench.fullLists)}`,
  );
  const target = targets[size] ?? (size <= 1000 ? 50 : 100);
  const entry = { size, target, fullLists: bench.fullLists, clock: bench.clock, kinds: {} };
  for (const kind of pageChangeKinds) {
    const samples = bench.samples.filter((s) => s.kind === kind);
    const of = (key) => samples.map((s) => s[key]).filter((v) => v !== undefined);
    const afterApi = stats(of('pageAfterApi'));
    const afterEvent = stats(of('pageAfterEvent'));
    const eventAfterApi = stats(of('eventAfterApi'));
    const apiCall = stats(of('api'));
    const engineList = stats(of('engineList'));
    entry.kinds[kind] = { afterApi, afterEvent, eventAfterApi, apiCall, engineList, samples };
    logStages(log, size, kind, samples);
    const judged = afterApi.n ? afterApi : afterEvent;
    const verdict = judged.p95 < target ? `meets p95 < ${target}` : `MISSES p95 < ${target}`;
    if (afterApi.n) {
      // The floor from the API call returning: its event (often before the call returns), then the engine's filtered list.
      const floor = Math.max(0, eventAfterApi.median) + engineList.median;
      tableRows.push([
        `page @${size} ${kind}`,
        'API returned -> row on the page',
        afterApi.n,
        fmt(afterApi.median),
        `${fmt(afterApi.min)}..${fmt(afterApi.max)}`,
        `p95 ${fmt(afterApi.p95)}; floor ${fmt(floor)} (event ${fmt(eventAfterApi.median)} after return + list by id ${fmt(engineList.median)}); x${(afterApi.median / Math.max(1, floor)).toFixed(1)}; ${verdict}`,
      ]);
    }
    tableRows.push([
      `page @${size} ${kind}`,
      "engine's event -> row on the page",
      afterEvent.n,
      fmt(afterEvent.median),
      `${fmt(afterEvent.min)}..${fmt(afterEvent.max)}`,
      `p95 ${fmt(afterEvent.p95)}; floor: list by id ${fmt(engineList.median)}${engineList.n ? `; x${(afterEvent.median / Math.max(1, engineList.median)).toFixed(1)}` : ''}${afterApi.n ? '' : `; ${verdict}`}`,
    ]);
  }
  results.pageChanges = [...(results.pageChanges ?? []), entry];
}

/** BENCH_PAGE_TRACE=1: the median of each stage of a kind, in ms from its first event, and its slowest sample whole. */
function logStages(log, size, kind, samples) {
  const traced = samples.map((s) => s.stages).filter(Boolean);
  if (traced.length === 0) return;
  const keys = ['emit', 'fire', 'paced', 'asked', 'page', 'lists', 'listMs', 'emits', 'fires', 'rootRows', 'rootMs', 'emitMs', 'items', 'itemSpan', 'gcMs'];
  const medians = keys.map((k) => `${k} ${fmt(stats(traced.map((t) => t[k]).filter((v) => v >= 0)).median)}`);
  log(`stages @${size} ${kind} (median of ${traced.length}, ms from the first event): ${medians.join(', ')}`);
  const slowest = [...traced].sort((a, b) => b.page - a.page).slice(0, 2);
  for (const s of slowest) log(`  slow @${size} ${kind}: ${JSON.stringify(s)}`);
}
