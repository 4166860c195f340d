// 7. Change to the page, in a real VS Code: each kind of container change from the API call
// returning, and from the engine's raw event (its floor, bench/rawEvents.mjs), to the row's
// aria-label on the page showing it, with `size` other containers listed. The payload is
// bench/vscode/changes.ts.
import { createRequire } from 'node:module';
import path from 'node:path';
import { productionBundleForVSCode } from './inVSCode.mjs';
import { fmt, stats } from './lib.mjs';
import { startRawEventReader } from './rawEvents.mjs';
import { runPayload } from './vscode.mjs';

const targets = { 1000: 50, 10000: 100 };

export async function measurePageChanges(b, size) {
  const { config, engine, log, results, tableRows, root } = b;
  // The kinds the payload runs, from the one list it and the smoke test share (compiled by the bench's build).
  const { pageChangeKinds } = createRequire(import.meta.url)(path.join(root, 'out', 'test', 'integration', 'support', 'pageChanges.js'));
  const cycles = config.pageCycles;
  log(`change to the page @${size}: ${cycles} cycles of every kind of change, ${productionBundleForVSCode(b)} bundle`);
  // The floor: the raw event's arrival, read in a process of its own, opened before the window and its changes.
  const reader = await startRawEventReader(engine.socketPath, log);
  let bench;
  try {
    bench = await runPayload({
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
        DX_BENCH_RAW_EVENTS: reader.url,
      },
    });
  } finally {
    await reader.stop();
  }
  const clocks = `page - host ${fmt(bench.clock.offsetMs)} ms (round trip ${fmt(bench.clock.roundTripMs)}); raw reader - host ${fmt(bench.rawClock.offsetMs)} ms (round trip ${fmt(bench.rawClock.roundTripMs)})`;
  log(`page changes @${size}: clock checks ${clocks}, full lists during the run ${JSON.stringify(bench.fullLists)}`);
  const target = targets[size] ?? (size <= 1000 ? 50 : 100);
  const entry = { size, target, fullLists: bench.fullLists, clock: bench.clock, rawClock: bench.rawClock, readerPriority: reader.priority, kinds: {} };
  tableRows.push([`page @${size} clocks`, 'clock checks, quickest of 5 round trips (reported, not applied)', 5, '', '', clocks]);
  const all = bench.samples;
  const ofAll = (key) => all.map((s) => s[key]).filter((v) => v !== undefined);
  const extAfterRaw = stats(ofAll('extAfterRaw'));
  const rawFirst = ofAll('extAfterRaw').filter((v) => v >= 0).length;
  const secondLate = ofAll('secondAfterExt').filter((v) => v > 0);
  tableRows.push([
    `page @${size} floor check`,
    "raw reader's event -> the extension's own stream hands it to the store",
    extAfterRaw.n,
    fmt(extAfterRaw.median),
    `${fmt(extAfterRaw.min)}..${fmt(extAfterRaw.max)}`,
    `raw reader (${reader.priority}) first in ${rawFirst}/${extAfterRaw.n}, else the floor is the extension's arrival; this host's second stream (the old column's) after the extension's in ${secondLate.length}/${ofAll('secondAfterExt').length}, by up to ${fmt(Math.max(0, ...secondLate))}`,
  ]);
  for (const kind of pageChangeKinds) {
    const samples = bench.samples.filter((s) => s.kind === kind);
    const of = (key) => samples.map((s) => s[key]).filter((v) => v !== undefined);
    const afterApi = stats(of('pageAfterApi'));
    const afterEvent = stats(of('pageAfterEvent'));
    const afterRaw = stats(of('pageAfterRaw'));
    const rawAfterApi = stats(of('rawAfterApi'));
    const sentToRaw = stats(of('sentToRaw'));
    const sentToPage = stats(of('sentToPage'));
    const apiCall = stats(of('api'));
    const engineList = stats(of('engineList'));
    entry.kinds[kind] = { afterApi, afterRaw, rawAfterApi, sentToRaw, sentToPage, afterEvent, apiCall, engineList, samples };
    logStages(log, size, kind, samples);
    const judged = afterApi.n ? afterApi : afterRaw;
    const verdict = judged.p95 < target ? `meets p95 < ${target}` : `MISSES p95 < ${target}`;
    const range = (s) => `${fmt(s.min)}..${fmt(s.max)}`;
    if (afterApi.n) {
      const ratio = sentToPage.median / Math.max(1, sentToRaw.median);
      tableRows.push(
        [`page @${size} ${kind}`, 'API returned -> row on the page', afterApi.n, fmt(afterApi.median), range(afterApi), `p95 ${fmt(afterApi.p95)}; ${verdict}`],
        [`page @${size} ${kind}`, 'API returned -> raw event (floor)', rawAfterApi.n, fmt(rawAfterApi.median), range(rawAfterApi), `p95 ${fmt(rawAfterApi.p95)}`],
        [
          `page @${size} ${kind}`,
          "raw event -> row on the page (ours + VS Code's)",
          afterRaw.n,
          fmt(afterRaw.median),
          range(afterRaw),
          `p95 ${fmt(afterRaw.p95)}; sent -> page ${fmt(sentToPage.median)} = x${ratio.toFixed(2)} sent -> raw event ${fmt(sentToRaw.median)}; list by id ${fmt(engineList.median)}`,
        ],
      );
    } else {
      tableRows.push([
        `page @${size} ${kind}`,
        "raw event -> row on the page (ours + VS Code's)",
        afterRaw.n,
        fmt(afterRaw.median),
        range(afterRaw),
        `p95 ${fmt(afterRaw.p95)}; no call: the die is the change; list by id ${fmt(engineList.median)}; ${verdict}`,
      ]);
    }
  }
  results.pageChanges = [...(results.pageChanges ?? []), entry];
}

/** BENCH_PAGE_TRACE=1: the median of each stage of a kind, in ms from its first event, and its slowest sample whole. */
function logStages(log, size, kind, samples) {
  const traced = samples.map((s) => s.stages).filter(Boolean);
  if (traced.length === 0) return;
  const keys = ['emit', 'fire', 'paced', 'asked', 'page', 'lists', 'listMs', 'emits', 'fires', 'rootRows', 'rootMs', 'emitMs', 'items', 'itemSpan', 'gcMs'];
  const medians = keys.map((k) => `${k} ${fmt(stats(traced.map((t) => t[k]).filter((v) => v >= 0)).median)}`);
  medians.unshift(`ext stream after raw ${fmt(stats(samples.map((s) => s.extAfterRaw).filter((v) => v !== undefined)).median)}`);
  log(`stages @${size} ${kind} (median of ${traced.length}, ms from the first event): ${medians.join(', ')}`);
  const slowest = [...traced].sort((a, b) => b.page - a.page).slice(0, 2);
  for (const s of slowest) log(`  slow @${size} ${kind}: ${JSON.stringify(s)}`);
}
