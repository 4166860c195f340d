// 10. Idle in a real VS Code (issue 12, item 5): every view of ours shown with BENCH_VSCODE_IDLE_AT (3000)
// containers, nothing changing for BENCH_IDLE_SECONDS (60 by default; 300 for the 5 minutes). The
// extension talks to the engine through the bench's timestamping proxy, so every request it makes is seen.
// The payload is bench/vscode/idle.ts.
import path from 'node:path';
import { api, fmt, pool } from './lib.mjs';
import { fillContainers } from './fill.mjs';
import { timedProxy } from './burstInVSCode.mjs';
import { productionBundleForVSCode } from './inVSCode.mjs';
import { runPayload } from './vscode.mjs';

const MB = 1024 * 1024;
/** Sampled time the host was not idle, in ms. */
const busy = (bench) =>
  Object.entries(bench.profileSelfMs)
    .filter(([k]) => k !== '(idle)')
    .reduce((t, [, v]) => t + v, 0);

/**
 * Exactly `size` containers in the engine: the bench's other sets removed, and its list set cut to (or topped up
 * to) bench-list-0 .. bench-list-(size-1), the names fillContainers gives, so a later top-up finds no name taken.
 */
async function holdExactly(b, size) {
  const { socketPath, SET, LABEL, log, filters } = b;
  const listNumber = (c) => Number(/^\/bench-list-(\d+)$/.exec(c.Names[0])?.[1] ?? -1);
  const others = (await api(socketPath, 'GET', `/containers/json?all=1&filters=${filters({ label: [LABEL] })}`)).filter(
    (c) => c.Labels[SET] !== 'list' || listNumber(c) >= size,
  );
  if (others.length) {
    log(`idle: removing ${others.length} of the bench's containers (other sets, list beyond ${size}) to hold ${size}`);
    await pool(others.length, 16, (i) => api(socketPath, 'DELETE', `/containers/${others[i].Id}?force=1`));
  }
  await fillContainers(b, 'list', size);
  const all = (await api(socketPath, 'GET', '/containers/json?all=1')).length;
  if (all !== size) throw new Error(`idle: the engine holds ${all} containers, not ${size}`);
  return all;
}

export async function measureIdleInVSCode(b) {
  const { config, engine, socketPath, workDir, log, results, vscodeRows, root } = b;
  const total = await holdExactly(b, config.vscodeIdleAt);
  log(`idle in VS Code: ${config.idleSeconds} s with ${total} containers, every view shown, ${productionBundleForVSCode(b)} bundle`);
  const proxyPath = path.join(workDir, 'idle-proxy.sock');
  const proxy = await timedProxy(proxyPath, socketPath);
  let bench;
  try {
    bench = await runPayload({
      root,
      engine: { ...engine, dockerHost: `unix://${proxyPath}` },
      log,
      mode: 'idle',
      label: `idle-${total}`,
      timeoutMs: (10 + Math.ceil(config.idleSeconds / 60)) * 60_000,
      env: { DX_BENCH_CONTAINERS: String(total), DX_BENCH_IDLE_SECONDS: String(config.idleSeconds) },
    });
  } finally {
    await proxy.close();
  }
  const during = proxy.between(bench.window.startedAt, bench.window.endedAt);
  if (proxy.total === 0) throw new Error('the extension host sent no request through the proxy: it talked to another engine');
  const besidesEvents = during.filter((r) => !(r.method === 'GET' && r.url.startsWith('/events')));
  bench.requests = { throughProxy: proxy.total, all: during.length, besidesEvents: besidesEvents.map((r) => `${r.method} ${r.url}`) };
  const heap = (bench.heap.after.heapUsed - bench.heap.before.heapUsed) / MB;
  const rss = (bench.heap.after.rss - bench.heap.before.rss) / MB;
  log(
    `idle in VS Code: ${JSON.stringify({ seconds: bench.seconds, cpu: bench.cpu, timers: bench.timers, profileSelfMs: bench.profileSelfMs, fires: bench.fires, requests: bench.requests })}`,
  );
  results.vscode.idle = { total, ...bench };
  const at = `idle ${Math.round(bench.seconds)} s @${total} in VS Code`;
  const signed = (v) => `${v >= 0 ? '+' : ''}${v.toFixed(1)}`;
  const minutes = bench.seconds / 60;
  vscodeRows.push(
    [at, 'engine requests besides the events stream (proxy)', besidesEvents.length, '', '', `target 0; views shown: ${bench.shown.join(', ')}`],
    [
      at,
      'extension host CPU, seconds per minute',
      1,
      '',
      '',
      `${bench.cpu.secondsPerMinute.toFixed(3)} s/min (user ${fmt(bench.cpu.userMs)} + system ${fmt(bench.cpu.systemMs)} ms); target < 0.1; VS Code's own extensions included`,
    ],
    [
      at,
      'CPU profile of the host (2 ms samples): ours, per minute',
      1,
      '',
      '',
      `${fmt((bench.profileSelfMs.ours ?? 0) / minutes)} ms/min ours; VS Code's scripts ${fmt((bench.profileSelfMs['VS Code'] ?? 0) / minutes)}, all busy ${fmt(busy(bench) / minutes)} ms/min`,
    ],
    [
      at,
      'timers fired in the extension host: ours / all set since the payload began',
      1,
      '',
      '',
      `${bench.timers.firedOurs} / ${bench.timers.fired} (${(bench.timers.fired / minutes).toFixed(1)} a minute)`,
    ],
    [
      at,
      'tree changes our four views fired',
      1,
      '',
      '',
      Object.entries(bench.fires)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    ],
    [
      at,
      'extension host heap after forced GC: start -> end',
      1,
      '',
      '',
      `${(bench.heap.before.heapUsed / MB).toFixed(1)} -> ${(bench.heap.after.heapUsed / MB).toFixed(1)} MB (${signed(heap)}); RSS ${signed(rss)} MB`,
    ],
  );
}
