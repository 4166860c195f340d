#!/usr/bin/env node
// `npm run bench`: starts a private Docker engine (its own root, bridge and subnet, apart from
// `npm test`'s), fills it, measures the explorer side by side with the Engine API floor, the
// docker CLI and @microsoft/vscode-container-client, prints a table, writes
// test-output/bench.json, and stops the engine it started. BENCHMARKS.md explains each figure.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { api, table } from './lib.mjs';
import { measureBurst } from './burst.mjs';
import { measureBurstInVSCode } from './burstInVSCode.mjs';
import { measureChangeToView, measureMicrosoftDesign } from './change.mjs';
import { cleanBenchObjects, fillContainers, fillImagesAndVolumes } from './fill.mjs';
import { measureIdle } from './idle.mjs';
import { measureIdleInVSCode } from './idleInVSCode.mjs';
import { measurePageChanges } from './pageChanges.mjs';
import { measureScroll } from './scroll.mjs';
import { measureMemoryInRealVSCode, measureOpeningInRealVSCode, measureStartupInRealVSCode } from './inVSCode.mjs';
import { containerMethods, imageMethods, measureListing, measureReplayedListing, volumeMethods } from './listing.mjs';
import { wants } from './only.mjs';
import { measureStartup } from './startup.mjs';
import { measureTerminals } from './terminals.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const env = process.env;
const smoke = env.BENCH_SMOKE === '1';
const int = (name, normal, small) => Number(env[name] ?? (smoke ? small : normal));
const config = {
  sizes: (env.BENCH_SIZES ?? (smoke ? '10,20' : '100,1000,3000')).split(',').map(Number),
  changeAt: int('BENCH_CHANGE_AT', 1000, 20),
  images: int('BENCH_IMAGES', 300, 5),
  volumes: int('BENCH_VOLUMES', 300, 5),
  runs: int('BENCH_RUNS', 11, 3),
  replayRuns: int('BENCH_REPLAY_RUNS', 41, 5),
  warmup: int('BENCH_WARMUP', 2, 1),
  changes: int('BENCH_CHANGES', 52, 8),
  microsoftChanges: int('BENCH_MS_CHANGES', 12, 4),
  burst: int('BENCH_BURST', 1000, 10),
  burstRuns: int('BENCH_BURST_RUNS', 3, 1),
  idleSeconds: int('BENCH_IDLE_SECONDS', 60, 2),
  terminalRuns: int('BENCH_TERMINAL_RUNS', 5, 2),
  terminalBytes: int('BENCH_TERMINAL_BYTES', 75_000_000, 750_000),
  packageVsix: (env.BENCH_PACKAGE ?? (smoke ? '0' : '1')) === '1',
  build: env.BENCH_BUILD !== '0',
  vscodeRuns: int('BENCH_VSCODE_RUNS', 3, 1),
  memoryRuns: int('BENCH_MEMORY_RUNS', 2, 1),
  pageSizes: (env.BENCH_PAGE_SIZES ?? (smoke ? '20' : '1000,10000'))
    .split(',')
    .map(Number)
    .sort((x, y) => x - y),
  pageCycles: int('BENCH_PAGE_CYCLES', 20, 2),
  // Issue 12, items 3 to 5 (bench/scroll.mjs, burst*.mjs, idle*.mjs).
  scrollAt: int('BENCH_SCROLL_AT', 10_000, 40),
  scrollProject: int('BENCH_SCROLL_PROJECT', 5000, 20),
  vscodeIdleAt: int('BENCH_VSCODE_IDLE_AT', 3000, 20),
  vscodeBurst: int('BENCH_VSCODE_BURST', 2000, 10),
  vscodeBurstRuns: int('BENCH_VSCODE_BURST_RUNS', 2, 1),
  // The idle window's side-by-side variants (bench/idleInVSCode.mjs) and the profiled minute after each.
  idleVariants: (env.BENCH_IDLE_VARIANTS ?? 'absent,dormant,shown,absent+noports').split(','),
  idleProfileSeconds: int('BENCH_IDLE_PROFILE_SECONDS', 60, 2),
  keep: env.BENCH_KEEP === '1',
  openSizes: (env.BENCH_OPEN_SIZES ?? (smoke ? '20' : '1000,3000,10000'))
    .split(',')
    .map(Number)
    .sort((x, y) => x - y),
  // Other extension folders (each with its package.json and a built dist/) opened alternately with this one (bench/vscode.mjs).
  openCompare: env.BENCH_OPEN_COMPARE ? env.BENCH_OPEN_COMPARE.split(',').map((dir) => path.resolve(dir)) : undefined,
};
for (const dir of config.openCompare ?? []) {
  if (!fs.existsSync(path.join(dir, 'dist', 'extension.js'))) {
    console.error(`[bench] BENCH_OPEN_COMPARE: ${dir} has no dist/extension.js: build it there first`);
    process.exit(2);
  }
}
config.memoryContainers = int('BENCH_MEMORY_CONTAINERS', Math.max(...config.sizes), Math.max(...config.sizes));
// Distinct from the tests' engine (.cache/engine, dxtest0, 172.31.250.1/24) so both can run at once.
const engineOpts = {
  root: env.BENCH_ENGINE_ROOT ?? path.join(root, '.cache', 'bench-engine'),
  bridge: env.BENCH_ENGINE_BRIDGE ?? 'dxbench0',
  cidr: env.BENCH_ENGINE_CIDR ?? '172.31.245.1/24',
};
const CLI = fs.existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';
const LABEL = 'dx.bench';
const SET = 'dx.bench.set';
const outFile = path.join(root, 'test-output', 'bench.json');
const log = (msg) => console.log(`[bench] ${msg}`);

const q = (params) => new URLSearchParams(params).toString();
const filters = (f) => encodeURIComponent(JSON.stringify(f));

const results = { listing: [], change: [], burst: [], idle: undefined, terminals: undefined, startup: undefined, vscode: {} };
const tableRows = [];
const vscodeRows = []; // printed after the start-up rows, whenever they were measured

// ---- set-up ---------------------------------------------------------------------------------

if (config.build) {
  const { buildAll } = await import('../scripts/lib.mjs');
  log('building (esbuild bundle + tsc to out/)');
  await buildAll();
}
const { startEngine, stopEngine, engineStatus } = await import('../test/harness/engine.mjs');
const wasRunning = (await engineStatus(engineOpts)).engine;
log(`starting the benchmark engine under ${engineOpts.root} (bridge ${engineOpts.bridge})`);
const engine = await startEngine(engineOpts);
const socketPath = engine.socketPath;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-bench-'));
const cliEnv = { ...env, DOCKER_HOST: engine.dockerHost, DOCKER_CONFIG: path.join(workDir, 'cli') };
for (const name of ['DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_API_VERSION']) delete cliEnv[name];

require('./vscode-stub.cjs').install();
const out = (p) => require(path.join(root, 'out', 'src', p));
const { DockerService } = out('docker/service.js');
const { EngineStore } = out('docker/store.js');
const { groupContainers } = out('tree/grouping.js');
const { ContainerNode } = out('tree/nodes/containerNode.js');
const { ImageNode } = out('tree/nodes/imageNode.js');
const { VolumeNode } = out('tree/nodes/volumeNode.js');
const ms = require('@microsoft/vscode-container-client');
const msClient = new ms.DockerClient(CLI);
const msRun = new ms.ShellStreamCommandRunnerFactory({ env: cliEnv, strict: false }).getCommandRunner();
/** What every section (bench/fill.mjs, listing.mjs, change.mjs ...) works with. */
const b = {
  config,
  engine,
  socketPath,
  workDir,
  cliEnv,
  CLI,
  LABEL,
  SET,
  log,
  q,
  filters,
  results,
  tableRows,
  vscodeRows,
  root,
  DockerService,
  EngineStore,
  groupContainers,
  ContainerNode,
  ImageNode,
  VolumeNode,
  msClient,
  msRun,
};

let exitCode = 0;
try {
  const version = await api(socketPath, 'GET', '/version');
  const machine = {
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    engine: `${version.Version} (API ${version.ApiVersion})`,
  };
  log(`machine: ${JSON.stringify(machine)}`);
  if (!config.keep) await cleanBenchObjects(b);
  const atChangeAt = ['replayed', 'change', 'idle', 'burst', 'vscode-startup'].some(wants);
  if (wants('listing') || atChangeAt) await fillImagesAndVolumes(b);
  for (const size of config.sizes) {
    if (!wants('listing') && !(size === config.changeAt && atChangeAt)) continue;
    await fillContainers(b, 'list', size);
    if (wants('listing')) await attempt(`containers ${size}`, () => measureListing(b, 'containers', size, containerMethods(b)));
    if (size === config.sizes[0] && wants('listing')) {
      await attempt(`images ${config.images}`, () => measureListing(b, 'images', config.images, imageMethods(b)));
      await attempt(`volumes ${config.volumes}`, () => measureListing(b, 'volumes', config.volumes, volumeMethods(b)));
    }
    if (size === config.changeAt) {
      if (wants('vscode-startup')) await attempt('start-up in VS Code', () => measureStartupInRealVSCode(b, size));
      if (wants('replayed')) await attempt(`containers (replayed) ${size}`, () => measureReplayedListing(b, size));
      if (wants('change')) {
        await attempt(`change @${size}`, () => measureChangeToView(b, size));
        await attempt(`change @${size}`, () => measureMicrosoftDesign(b, size));
      }
      if (wants('idle')) await attempt('idle', () => measureIdle(b, size));
      if (wants('burst')) await attempt(`burst ${config.burst}`, () => measureBurst(b, size));
    }
  }
  if (wants('terminals')) {
    const bench = {
      socketPath,
      dockerHost: engine.dockerHost,
      testImage: engine.testImage,
      cli: CLI,
      cliEnv,
      root,
      workDir,
      out,
      api,
      label: LABEL,
      set: SET,
      log,
      tableRows,
      results,
    };
    await attempt('terminals', () =>
      measureTerminals(bench, { warmup: config.warmup, runs: config.runs, throughputRuns: config.terminalRuns, throughputBytes: config.terminalBytes }),
    );
  }
  if (wants('startup')) await attempt('start-up', () => measureStartup(b));
  if (wants('vscode-memory')) await attempt('memory in VS Code', () => measureMemoryInRealVSCode(b));
  // Containers are only ever added: the sizes of both sections in one rising order.
  const vscodeSizes = [...new Set([...(wants('open') ? config.openSizes : []), ...(wants('page') ? config.pageSizes : [])])].sort((x, y) => x - y);
  for (const size of vscodeSizes) {
    await fillContainers(b, 'list', size);
    if (wants('open') && config.openSizes.includes(size)) await attempt(`opening @${size}`, () => measureOpeningInRealVSCode(b, size));
    if (wants('page') && config.pageSizes.includes(size)) await attempt(`page changes @${size}`, () => measurePageChanges(b, size));
  }
  // Idle first: it needs the engine at 3000 (it removes the scroll and burst sets); the other two fill 10,000.
  if (wants('idle-vscode')) await attempt('idle in VS Code', () => measureIdleInVSCode(b));
  if (wants('scroll')) await attempt('scroll', () => measureScroll(b));
  if (wants('burst-vscode')) await attempt('burst in VS Code', () => measureBurstInVSCode(b));
  tableRows.push(...vscodeRows);
  report(machine);
} catch (err) {
  console.error(`[bench] failed: ${err.stack ?? err}`);
  exitCode = 1;
} finally {
  if (config.keep) {
    log('BENCH_KEEP=1: the engine and what the benchmark created are left as they are');
  } else if (wasRunning) {
    log('removing what the benchmark created (the engine was already running)');
    await cleanBenchObjects(b).catch((err) => console.error(`[bench] clean-up: ${err.message}`));
  } else {
    log('stopping the benchmark engine');
    await stopEngine({ ...engineOpts, purge: true });
  }
  fs.rmSync(workDir, { recursive: true, force: true });
}
process.exit(exitCode);

/** Runs one measurement; a failure becomes a FAILED row and the exit code, and the other sections still run. */
async function attempt(measurement, fn) {
  try {
    await fn();
  } catch (err) {
    console.error(`[bench] ${measurement} failed: ${err.stack ?? err}`);
    results.failures = [...(results.failures ?? []), { measurement, error: String(err.message ?? err) }];
    tableRows.push([
      measurement,
      `FAILED: ${String(err.message ?? err)
        .split('\n')[0]
        .slice(0, 160)}`,
      '',
      '',
      '',
      '',
    ]);
    exitCode = 1;
  }
}

// ---- report ---------------------------------------------------------------------------------

function report(machine) {
  const text = table([['measurement', 'method', 'n/rows', 'median ms', 'min..max ms', 'vs floor / note'], ...tableRows]);
  const header = `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}, Docker Engine ${machine.engine}`;
  const when = new Date().toISOString();
  console.log(`\n${header}\nRun: ${when}, ${config.runs} runs after ${config.warmup} warm-up per listing\n\n${text}\n`);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify({ when, machine, config, results, table: text }, null, 2)}\n`);
  log(`wrote ${path.relative(root, outFile)}`);
}
