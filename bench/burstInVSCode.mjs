// 9. A burst in a real VS Code (issue 12, item 4): BENCH_VSCODE_BURST stopped containers removed among
// BENCH_SCROLL_AT (10,000) through the Engine API as fast as it goes, timed to the page showing none of
// them. The extension talks to the engine through a proxy here that timestamps every request line, so the
// full lists it made are counted from its requests, not from its own counters (those are reported too).
// The payload is bench/vscode/burst.ts.
import path from 'node:path';
import { api, fmt, pool, stats, timedProxy } from './lib.mjs';
import { fillContainers } from './fill.mjs';
import { productionBundleForVSCode } from './inVSCode.mjs';
import { fillTo } from './scroll.mjs';
import { runPayload } from './vscode.mjs';

const MB = 1024 * 1024;

/**
 * The engine at BENCH_SCROLL_AT with the burst's containers the newest: the top level lists newest
 * first and shows only its first 100 rows and page rows, so a burst older than the rest (the scroll
 * section makes its containers first, and a kept engine keeps them) would never be on the page.
 */
async function burstNewest(b) {
  const { config, socketPath, SET, log } = b;
  const all = await api(socketPath, 'GET', '/containers/json?all=1');
  const burst = all.filter((c) => c.Labels?.[SET] === 'burst');
  const newestOther = Math.max(0, ...all.filter((c) => c.Labels?.[SET] !== 'burst').map((c) => c.Created));
  if (burst.length === config.vscodeBurst && all.length >= config.scrollAt && burst.every((c) => c.Created >= newestOther)) return all.length;
  if (burst.length > 0) log(`removing ${burst.length} burst containers that are not the newest, to make them again after the rest`);
  await pool(burst.length, 16, (i) => api(socketPath, 'DELETE', `/containers/${burst[i].Id}`));
  await fillTo(b, config.scrollAt - config.vscodeBurst);
  await fillContainers(b, 'burst', config.vscodeBurst);
  return (await api(socketPath, 'GET', '/containers/json?all=1')).length;
}

/** A container list without an id filter: every container, as at start-up. */
export const isFullContainerList = (r) => r.method === 'GET' && r.url.startsWith('/containers/json') && !decodeURIComponent(r.url).includes('"id"');

export async function measureBurstInVSCode(b) {
  const { config, engine, socketPath, workDir, log, results, vscodeRows, root } = b;
  const runs = [];
  // A run that fails (a row still on the page after 120 s) is reported beside the others, not instead of them.
  const failed = [];
  for (let run = 1; run <= config.vscodeBurstRuns; run++) {
    const total = await burstNewest(b);
    log(`burst in VS Code, run ${run}: removing ${config.vscodeBurst} of ${total} containers, ${productionBundleForVSCode(b)} bundle`);
    const proxy = await timedProxy(path.join(workDir, 'burst-proxy.sock'), socketPath);
    let bench;
    try {
      bench = await runPayload({
        root,
        engine: { ...engine, dockerHost: `unix://${path.join(workDir, 'burst-proxy.sock')}` },
        log,
        mode: 'burst',
        label: `burst-${total}-${run}`,
        timeoutMs: 15 * 60_000,
        env: { DX_BENCH_CONTAINERS: String(total), DX_BENCH_BURST: String(config.vscodeBurst), DX_BENCH_BURST_SET: 'burst', DX_BENCH_ENGINE_SOCKET: socketPath },
      });
    } catch (error) {
      failed.push(
        `run ${run}: ${
          String(error?.message ?? error)
            .split('\n')
            .find((line) => line.startsWith('bench burst:')) ?? error
        }`,
      );
      log(`burst run ${run} failed: ${failed.at(-1)}`);
      continue;
    } finally {
      await proxy.close();
    }
    const during = proxy.between(bench.window.startedAt, bench.window.endedAt);
    if (proxy.total === 0) throw new Error('the extension host sent no request through the proxy: it talked to another engine');
    bench.requests = {
      throughProxy: proxy.total,
      fullContainerLists: during.filter(isFullContainerList).length,
      containerListsById: during.filter((r) => r.url.startsWith('/containers/json') && !isFullContainerList(r)).length,
      inspects: during.filter((r) => /^\/containers\/[^/]+\/json/.test(r.url)).length,
      all: during.length,
      kinds: requestKinds(during),
    };
    log(
      `burst run ${run}: ${JSON.stringify({ ms: bench.ms, fires: bench.fires, storeFullLists: bench.storeFullLists, requests: bench.requests, eventLoop: bench.eventLoop, heapMB: { before: bench.heap.before.heapUsed / MB, after: bench.heap.after.heapUsed / MB } }, (k, v) => (typeof v === 'number' ? +v.toFixed(1) : v))}`,
    );
    runs.push({ total, ...bench });
  }
  results.vscode.burst = runs;
  if (runs.length === 0) throw new Error(`every burst run failed: ${failed.join('; ')}`);
  const at = `burst ${config.vscodeBurst} of ${runs[0].total} in VS Code`;
  const row = (method, values, note = '') => {
    const s = stats(values);
    return [at, method, s.n, fmt(s.median), `${fmt(s.min)}..${fmt(s.max)}`, note];
  };
  const list = (key) => runs.map(key).join(',');
  const heap = (r) => (r.heap.after.heapUsed - r.heap.before.heapUsed) / MB;
  const signed = (v) => `${v >= 0 ? '+' : ''}${v.toFixed(1)}`;
  vscodeRows.push(
    row(
      'removals through the API (16 at a time), first sent -> last returned (floor)',
      runs.map((r) => r.ms.removals),
    ),
    row(
      'first removal sent -> the page shows none of them',
      runs.map((r) => r.ms.toPageNone),
      `x${(stats(runs.map((r) => r.ms.toPageNone)).median / stats(runs.map((r) => r.ms.removals)).median).toFixed(2)} the floor`,
    ),
    row(
      'last removal returned -> the page shows none',
      runs.map((r) => r.ms.lastRemovalToPageNone),
      `store none at ${list((r) => fmt(r.ms.toStoreNone))} ms`,
    ),
    [
      at,
      'full container lists the extension host sent (proxy)',
      runs.length,
      '',
      '',
      `${list((r) => r.requests.fullContainerLists)} (store's counter ${list((r) => r.storeFullLists.containers)}); target <= 2`,
    ],
    [at, 'whole-view refreshes / row changes fired by the Containers view', runs.length, '', '', `${list((r) => r.fires.whole)} / ${list((r) => r.fires.rows)}`],
    row(
      "extension host's longest event-loop block during the burst",
      runs.map((r) => r.eventLoop.maxMs),
      `p99 ${list((r) => fmt(r.eventLoop.p99Ms))} ms`,
    ),
    [
      at,
      'extension host heap after forced GC: before -> after',
      runs.length,
      '',
      '',
      runs.map((r) => `${(r.heap.before.heapUsed / MB).toFixed(1)} -> ${(r.heap.after.heapUsed / MB).toFixed(1)} MB (${signed(heap(r))})`).join('; '),
    ],
  );
  if (failed.length > 0) vscodeRows.push([at, 'runs that failed (not in the rows above)', failed.length, '', '', failed.join('; ')]);
}

/** How many requests of each kind (method and path, ids folded). */
function requestKinds(requests) {
  const kinds = {};
  for (const r of requests) {
    const kind = `${r.method} ${r.url.split('?')[0].replace(/[0-9a-f]{64}/, 'ID')}`;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}
