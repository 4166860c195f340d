// The figures that need a real VS Code: start-up to the first container rows, and the extension
// host's memory without and with the bench's objects. Each run starts its own code-server and
// headless Chromium (test/harness/vscode.mjs) with the payload bench/vscode/payload.ts (compiled
// by tsc to out/bench/vscode/payload.js), the extension pointed at the bench engine.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fmt, stats } from './lib.mjs';
import { engineListFloor } from './openFloor.mjs';

const MB = 1024 * 1024;

// extensionPath: another built extension folder (the open bench's compare); extensionDevelopmentPath: the same, as the idle bench names it.
export async function runPayload({ root, engine, mode, env, label, log, timeoutMs, settings = {}, extensionPath = root, extensionDevelopmentPath = extensionPath }) {
  const { runExtensionTests } = await import('../test/harness/vscode.mjs');
  const workspacePath = path.join(root, '.cache', 'bench-workspace');
  fs.mkdirSync(workspacePath, { recursive: true });
  const outputDir = path.join(root, 'test-output', 'bench-vscode', label);
  const { exitCode, results } = await runExtensionTests({
    extensionDevelopmentPath,
    settings,
    extensionTestsPath: path.join(root, 'out', 'bench', 'vscode', 'payload.js'),
    workspacePath,
    outputDir,
    quiet: true,
    ...(timeoutMs ? { timeoutMs } : {}),
    log: (line) => log(`  [vscode] ${line}`),
    env: { DOCKER_HOST: engine.dockerHost, DX_BENCH_MODE: mode, ...env },
  });
  if (exitCode !== 0 || !results?.bench) {
    const why = (results?.failures ?? []).map((f) => `${f.title}: ${f.error}`).join('\n') || `exit code ${exitCode}`;
    throw new Error(`VS Code run ${label} failed (logs in ${path.relative(root, outputDir)}):\n${why}`);
  }
  return results.bench;
}

const row = (measurement, method, samples, note = '') => {
  const s = stats(samples);
  return [measurement, method, s.n, fmt(s.median), `${fmt(s.min)}..${fmt(s.max)}`, note];
};

/**
 * `runs` fresh windows, each opening the Docker view with `containers` containers in the engine.
 * `compare` (extension folders, each with its package.json and a built dist/, e.g. the main branch)
 * run their windows alternately with this checkout's, in the same run, each with its own rows
 * marked with the folder's name.
 */
export async function measureStartupInVSCode({ root, engine, runs, containers, rowPrefix, log, warm = false, compare }) {
  // The engine's own answers at this size, in this run: what the first rows and the whole picture wait for.
  const floor = await engineListFloor(engine.socketPath);
  log(`engine's own list @${containers}: whole ${fmt(floor.whole.median)} ms, first ${floor.firstPage} ${fmt(floor.page.median)} ms (median of ${floor.whole.n})`);
  const variants = [{ suffix: '', path: root, samples: [] }, ...(compare ?? []).map((dir) => ({ suffix: ` (${path.basename(dir)})`, path: dir, samples: [] }))];
  for (let run = 1; run <= runs; run++) {
    for (const variant of variants) {
      const bench = await runPayload({
        root,
        engine,
        log,
        mode: 'startup',
        extensionPath: variant.path,
        label: `startup-${containers}${warm ? '-warm' : ''}${variant.suffix ? `-${path.basename(variant.path)}` : ''}-${run}`,
        env: { DX_BENCH_CONTAINERS: String(containers), DX_BENCH_ROW_PREFIX: rowPrefix, DX_BENCH_WARM: warm ? '1' : '0' },
      });
      log(
        `VS Code start-up run ${run}${variant.suffix}: ${JSON.stringify({ ...bench.timeline, storeAlone: bench.ms.storeAlone }, (k, v) => (typeof v === 'number' ? +v.toFixed(1) : v))}`,
      );
      variant.samples.push(bench);
    }
  }
  // A mark the compared build does not record leaves its row out rather than printing NaN.
  const rows = variants.flatMap((v, i) => startupRows({ samples: v.samples, floor, containers, warm, suffix: v.suffix, withFloor: i === 0 }).filter((r) => r[2] > 0));
  return { result: { containers, warm, floor, runs: variants[0].samples, compared: variants.slice(1).map((v) => ({ path: v.path, runs: v.samples })) }, rows };
}

function startupRows({ samples, floor, containers, warm, suffix, withFloor }) {
  const series = (key) => samples.map((s) => s.ms[key]).filter((v) => v !== undefined);
  const over = (key, base) => `x${fmt(stats(series(key)).median / base.median)} the engine's ${base === floor.page ? `first ${floor.firstPage}` : 'whole list'}`;
  const floorRows = (at) =>
    withFloor
      ? [
          row(at, `engine's own answer (floor): GET /containers/json?all=1&limit=${floor.firstPage}`, floor.page.samples, 'the first page the store asks for'),
          row(at, "engine's own answer (floor): GET /containers/json?all=1", floor.whole.samples, 'the whole list'),
        ]
      : [];
  const loop = samples.map((s) => s.eventLoop.maxMs);
  const loopRow = (at) =>
    row(at, "extension host's longest event-loop block while opening", loop, `p99 ${fmt(stats(samples.map((s) => s.eventLoop.p99Ms)).median)} ms; target < 100`);
  if (warm) {
    const at = `open the view, warm host @${containers}${suffix}`;
    return [
      ...floorRows(at),
      row(at, 'open the view -> first container rows to VS Code', series('openViewToFirstRows'), over('openViewToFirstRows', floor.page)),
      row(at, 'open the view -> first container row in the DOM', series('openViewToDomRow'), `polled; ${over('openViewToDomRow', floor.page)}`),
      row(at, 'open the view -> every container listed in the store', series('openViewToAllListed'), over('openViewToAllListed', floor.whole)),
      loopRow(at),
    ];
  }
  const at = `start-up in VS Code @${containers}${suffix}`;
  const rows = [
    ...floorRows(at),
    row(at, 'ours: activate() start -> the events stream asked for', series('activateToStoreStart'), 'the store starts when VS Code says a view is visible'),
    row(at, 'VS Code: activate() start -> it first asks for the root rows', series('activateToFirstAsked'), 'getChildren(undefined) of the Containers view'),
    row(at, 'ours: activate() start -> first container rows to VS Code', series('activateToFirstRows'), over('activateToFirstRows', floor.page)),
    row(at, 'page: activate() start -> first container row in the DOM', series('activateToDomRow'), `polled, ~${fmt(stats(series('domPoll')).median)} ms a poll`),
    row(at, 'open the view -> first container rows to VS Code', series('openViewToFirstRows')),
    row(at, 'ours alone, after: a fresh store, start -> first lists', series('storeAlone'), `median of 3 per window; ${over('storeAlone', floor.whole)}`),
    row(at, 'open the view -> first container row in the DOM', series('openViewToDomRow'), `cold host; target < 1500 at 10,000; ${over('openViewToDomRow', floor.page)}`),
    row(at, 'open the view -> every container listed in the store', series('openViewToAllListed'), over('openViewToAllListed', floor.whole)),
    loopRow(at),
  ];
  if (series('vscodeLoadAndActivate').length) {
    rows.push(
      row(
        at,
        "VS Code's marks: load bundle + context, activate() returns",
        series('vscodeLoadAndActivate'),
        `load alone ${fmt(stats(series('vscodeLoadCode')).median)} ms`,
      ),
    );
  }
  return rows;
}

/**
 * Per run, one extension host: memory with none of the bench's objects, then `fill` (called when
 * the payload asks, over a loopback HTTP handshake) and memory with them all listed and rendered.
 * `clean` removes the bench's objects before each run.
 */
export async function measureMemoryInVSCode({ root, engine, runs, counts, clean, fill, log }) {
  const samples = [];
  for (let run = 1; run <= runs; run++) {
    await clean();
    const control = await fillOnRequest(fill, log);
    let bench;
    try {
      bench = await runPayload({
        root,
        engine,
        log,
        mode: 'memory',
        label: `memory-${run}`,
        env: {
          DX_BENCH_CONTROL: control.url,
          DX_BENCH_CONTAINERS: String(counts.containers),
          DX_BENCH_IMAGES: String(counts.images),
          DX_BENCH_VOLUMES: String(counts.volumes),
        },
      });
    } finally {
      await control.close();
    }
    if (bench.none.pid !== bench.full.pid) throw new Error(`memory run ${run}: measured in two hosts (${bench.none.pid}, ${bench.full.pid})`);
    const mb = (b) => (b / MB).toFixed(1);
    log(
      `VS Code memory run ${run} (host pid ${bench.full.pid}): heap ${mb(bench.none.heapUsed)} -> ${mb(bench.full.heapUsed)} MB, rss ${mb(bench.none.rss)} -> ${mb(bench.full.rss)} MB, rows ${JSON.stringify(bench.full.rows)}`,
    );
    samples.push(bench);
  }
  const at = `memory ${counts.containers}/${counts.images}/${counts.volumes}`;
  const rows = [];
  for (const [key, what] of [
    ['heapUsed', 'heap after GC'],
    ['rss', 'RSS'],
  ]) {
    const deltas = samples.map((s) => (s.full[key] - s.none[key]) / MB);
    const none = stats(samples.map((s) => s.none[key] / MB)).median;
    const full = stats(samples.map((s) => s.full[key] / MB)).median;
    const d = stats(deltas);
    const signed = (v) => `${v >= 0 ? '+' : ''}${v.toFixed(1)}`;
    rows.push([
      at,
      `extension host ${what}: none -> listed`,
      d.n,
      '',
      '',
      `${signed(d.median)} MB (${none.toFixed(1)} -> ${full.toFixed(1)}; ${signed(d.min)}..${signed(d.max)})`,
    ]);
  }
  return { result: { counts, runs: samples }, rows };
}

/** A loopback endpoint for the payload: POST /fill starts `fill`, GET /fill says how it went. */
async function fillOnRequest(fill, log) {
  let state = 'idle';
  let error;
  const server = http.createServer((req, res) => {
    if (req.url !== '/fill' || (req.method !== 'POST' && req.method !== 'GET')) {
      res.writeHead(404).end();
      return;
    }
    if (req.method === 'POST' && state === 'idle') {
      state = 'filling';
      log('the payload measured the host without the bench objects; filling the engine');
      fill().then(
        () => (state = 'done'),
        (err) => {
          state = 'failed';
          error = String(err?.stack ?? err);
        },
      );
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ state, error }));
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
