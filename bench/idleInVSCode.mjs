// 10. Idle in a real VS Code (issue 12, item 5): every view of ours shown with BENCH_VSCODE_IDLE_AT (3000)
// containers, nothing changing for BENCH_IDLE_SECONDS (60 by default; 300 for the issue's 5 minutes), side by
// side with the same window with ours dormant and with ours not installed (BENCH_IDLE_VARIANTS). The
// extension talks to the engine through the bench's timestamping proxy, so every request it makes is seen.
// The payload is bench/vscode/idle.ts.
import fs from 'node:fs';
import path from 'node:path';
import { api, fmt, pool, timedProxy } from './lib.mjs';
import { fillContainers } from './fill.mjs';
import { productionBundleForVSCode } from './inVSCode.mjs';
import { runPayload } from './vscode.mjs';

const MB = 1024 * 1024;
/** Sampled time the host was not idle, in ms. */
const busy = (bench) =>
  Object.entries(bench.profileSelfMs)
    .filter(([k]) => k !== '(idle)' && k !== 'port scan (VS Code)')
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

/** The idle variants: ours shown, ours installed but dormant, ours not installed; `+noports` turns VS Code's port scan off. */
const variantNames = {
  shown: 'every view of ours shown',
  dormant: 'ours installed, not activated, no view of ours',
  absent: 'ours not installed (VS Code alone)',
};

/**
 * VS Code's port finder off: it scans /proc while `remote.autoForwardPorts` is on or a tunnel provider is registered
 * (code-server registers one), unless the source is `output` (the workbench's processFindingEnabled()).
 */
const noPortScan = { 'remote.autoForwardPorts': false, 'remote.autoForwardPortsSource': 'output' };

/** A development extension with a manifest and no code: the window of the `absent` variant has nothing of ours in it. */
function manifestOnly(workDir) {
  const dir = path.join(workDir, 'idle-absent-extension');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'dx-bench-absent', publisher: 'dx-bench', version: '0.0.0', engines: { vscode: '*' } }));
  return dir;
}

export async function measureIdleInVSCode(b) {
  const { config, log, results, vscodeRows } = b;
  const total = await holdExactly(b, config.vscodeIdleAt);
  const variants = config.idleVariants;
  log(`idle in VS Code: ${config.idleSeconds} s with ${total} containers, variants ${variants.join(', ')}, ${productionBundleForVSCode(b)} bundle`);
  const measured = {};
  for (const spec of variants) {
    const [variant, option] = spec.split('+');
    if (!variantNames[variant] || (option && option !== 'noports')) throw new Error(`BENCH_IDLE_VARIANTS: unknown variant "${spec}"`);
    const bench = await idleWindow(b, total, variant, option === 'noports' ? noPortScan : {});
    measured[spec] = bench;
    log(
      `idle in VS Code (${spec}): ${JSON.stringify({ seconds: bench.seconds, cpu: bench.cpu, profiled: bench.profiled, processes: bench.processes, timers: bench.timers, profileSelfMs: bench.profileSelfMs, fires: bench.fires, requests: bench.requests })}`,
    );
    vscodeRows.push(...idleRows(spec, option, bench, total));
  }
  results.vscode.idle = { total, variants: measured };
  // Each variant against VS Code alone with the same settings: the port scan on, or off for both.
  for (const suffix of ['', '+noports']) {
    const alone = measured[`absent${suffix}`];
    if (!alone) continue;
    const at = `idle ${Math.round(alone.seconds)} s @${total} in VS Code`;
    for (const spec of [`dormant${suffix}`, `shown${suffix}`].filter((v) => measured[v])) {
      const ours = measured[spec].cpu.secondsPerMinute - alone.cpu.secondsPerMinute;
      vscodeRows.push([
        at,
        `ours above VS Code's own idle host: ${variantNames[spec.split('+')[0]]}${suffix ? ", VS Code's port scan off" : ''}`,
        1,
        '',
        '',
        `${ours >= 0 ? '+' : ''}${ours.toFixed(3)} s/min (x${(measured[spec].cpu.secondsPerMinute / alone.cpu.secondsPerMinute).toFixed(2)} VS Code alone); target < 0.1 s/min; ${ours < 0.1 ? 'meets' : 'MISSES'}`,
      ]);
    }
  }
}

async function idleWindow(b, total, variant, settings) {
  const { config, engine, socketPath, workDir, log, root } = b;
  const proxyPath = path.join(workDir, 'idle-proxy.sock');
  const proxy = await timedProxy(proxyPath, socketPath);
  let bench;
  try {
    bench = await runPayload({
      root,
      engine: { ...engine, dockerHost: `unix://${proxyPath}` },
      log,
      mode: 'idle',
      label: `idle-${total}-${variant}${Object.keys(settings).length ? '-noports' : ''}`,
      timeoutMs: (10 + Math.ceil((config.idleSeconds + config.idleProfileSeconds) / 60)) * 60_000,
      settings,
      ...(variant === 'absent' ? { extensionDevelopmentPath: manifestOnly(workDir) } : {}),
      env: {
        DX_BENCH_CONTAINERS: String(total),
        DX_BENCH_IDLE_SECONDS: String(config.idleSeconds),
        DX_BENCH_IDLE_PROFILE_SECONDS: String(config.idleProfileSeconds),
        DX_BENCH_IDLE_VARIANT: variant,
      },
    });
  } finally {
    await proxy.close();
  }
  const during = proxy.between(bench.window.startedAt, bench.window.endedAt);
  if (variant === 'shown' && proxy.total === 0) throw new Error('the extension host sent no request through the proxy: it talked to another engine');
  if (variant !== 'shown' && proxy.total !== 0) throw new Error(`the ${variant} variant sent ${proxy.total} requests to the engine`);
  const besidesEvents = during.filter((r) => !(r.method === 'GET' && r.url.startsWith('/events')));
  bench.requests = { throughProxy: proxy.total, all: during.length, besidesEvents: besidesEvents.map((r) => `${r.method} ${r.url}`) };
  return bench;
}

function idleRows(spec, option, bench, total) {
  const at = `idle ${Math.round(bench.seconds)} s @${total} in VS Code`;
  const what = `${variantNames[spec.split('+')[0]]}${option ? ", VS Code's port scan off" : ''}`;
  const signed = (v) => `${v >= 0 ? '+' : ''}${v.toFixed(1)}`;
  const minutes = (bench.profiled?.seconds ?? 0) / 60;
  const cpuNote = (c) =>
    `${c.secondsPerMinute.toFixed(3)} s/min (user ${fmt(c.userMs)} + system ${fmt(c.systemMs)} ms)${c.childrenMs === undefined ? '' : `, its child processes ${c.childrenSecondsPerMinute.toFixed(3)} s/min`}`;
  const rows = [[at, `extension host CPU, s/min: ${what}`, 1, '', '', `${cpuNote(bench.cpu)}; ${bench.processes} processes on the machine; no profiler`]];
  if (bench.profiled) {
    const scan = bench.profileSelfMs['port scan (VS Code)'] ?? 0;
    rows.push([
      at,
      `  then ${Math.round(bench.profiled.seconds)} s profiled (2 ms samples), per minute`,
      1,
      '',
      '',
      `CPU ${cpuNote(bench.profiled)}; busy ${fmt(busy(bench) / minutes)} ms: ours ${fmt((bench.profileSelfMs.ours ?? 0) / minutes)}, VS Code's scripts ${fmt((bench.profileSelfMs['VS Code'] ?? 0) / minutes)}, GC ${fmt((bench.profileSelfMs['(garbage collector)'] ?? 0) / minutes)}; any frame under VS Code's port scan ${fmt(scan / minutes)}`,
    ]);
  }
  if (!spec.startsWith('shown')) return rows;
  const heap = (bench.heap.after.heapUsed - bench.heap.before.heapUsed) / MB;
  const rss = (bench.heap.after.rss - bench.heap.before.rss) / MB;
  rows.push(
    [at, 'engine requests besides the events stream (proxy)', bench.requests.besidesEvents.length, '', '', `target 0; views shown: ${bench.shown.join(', ')}`],
    [
      at,
      'timers fired in the extension host: ours / all set since the payload began',
      1,
      '',
      '',
      `${bench.timers.firedOurs} / ${bench.timers.fired} (${(bench.timers.fired / (bench.seconds / 60)).toFixed(1)} a minute)`,
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
  return rows;
}
