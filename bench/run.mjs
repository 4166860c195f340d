#!/usr/bin/env node
// `npm run bench`: starts a private Docker engine (its own root, bridge and subnet, apart from
// `npm test`'s), fills it, measures the explorer side by side with the Engine API floor, the
// docker CLI and @microsoft/vscode-container-client, prints a table, writes
// test-output/bench.json, and stops the engine it started. BENCHMARKS.md explains each figure.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { api, cliJsonLines, countingProxy, fmt, now, pool, rawList, sleep, stats, table } from './lib.mjs';
import { wants } from './only.mjs';
import { measureTerminals } from './terminals.mjs';
import { measureMemoryInVSCode, measureStartupInVSCode } from './vscode.mjs';

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
};
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

let exitCode = 0;
try {
  const version = await api(socketPath, 'GET', '/version');
  const machine = {
    cpu: os.cpus()[0]?.model, cores: os.cpus().length, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()}`, node: process.version, engine: `${version.Version} (API ${version.ApiVersion})`,
  };
  log(`machine: ${JSON.stringify(machine)}`);
  await cleanBenchObjects();
  const atChangeAt = ['replayed', 'change', 'idle', 'burst', 'vscode-startup'].some(wants);
  if (wants('listing') || atChangeAt) await fillImagesAndVolumes();
  for (const size of config.sizes) {
    if (!wants('listing') && !(size === config.changeAt && atChangeAt)) continue;
    await fillContainers('list', size);
    if (wants('listing')) await attempt(`containers ${size}`, () => measureListing('containers', size, containerMethods()));
    if (size === config.sizes[0] && wants('listing')) {
      await attempt(`images ${config.images}`, () => measureListing('images', config.images, imageMethods()));
      await attempt(`volumes ${config.volumes}`, () => measureListing('volumes', config.volumes, volumeMethods()));
    }
    if (size === config.changeAt) {
      if (wants('vscode-startup')) await attempt('start-up in VS Code', () => measureStartupInRealVSCode(size));
      if (wants('replayed')) await attempt(`containers (replayed) ${size}`, () => measureReplayedListing(size));
      if (wants('change')) {
        await attempt(`change @${size}`, () => measureChangeToView(size));
        await attempt(`change @${size}`, () => measureMicrosoftDesign(size));
      }
      if (wants('idle')) await attempt('idle', () => measureIdle(size));
      if (wants('burst')) await attempt(`burst ${config.burst}`, () => measureBurst(size));
    }
  }
  if (wants('terminals')) {
    const bench = { socketPath, dockerHost: engine.dockerHost, testImage: engine.testImage, cli: CLI, cliEnv, root, workDir, out, api, label: LABEL, set: SET, log, tableRows, results };
    await attempt('terminals', () => measureTerminals(bench, { warmup: config.warmup, runs: config.runs, throughputRuns: config.terminalRuns, throughputBytes: config.terminalBytes }));
  }
  if (wants('startup')) await attempt('start-up', () => measureStartup());
  if (wants('vscode-memory')) await attempt('memory in VS Code', () => measureMemoryInRealVSCode());
  tableRows.push(...vscodeRows);
  report(machine);
} catch (err) {
  console.error(`[bench] failed: ${err.stack ?? err}`);
  exitCode = 1;
} finally {
  if (wasRunning) {
    log('removing what the benchmark created (the engine was already running)');
    await cleanBenchObjects().catch((err) => console.error(`[bench] clean-up: ${err.message}`));
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
    tableRows.push([measurement, `FAILED: ${String(err.message ?? err).split('\n')[0].slice(0, 160)}`, '', '', '', '']);
    exitCode = 1;
  }
}

// ---- filling --------------------------------------------------------------------------------

async function createContainers(set, count, start = 0) {
  await pool(count, 16, (i) =>
    api(socketPath, 'POST', `/containers/create?${q({ name: `bench-${set}-${start + i}` })}`, {
      Image: engine.testImage,
      Cmd: ['sleep', '3600'],
      Labels: { [LABEL]: '1', [SET]: set },
      HostConfig: { Init: true },
    }),
  );
}

async function fillContainers(set, size) {
  const have = (await api(socketPath, 'GET', `/containers/json?all=1&filters=${filters({ label: [`${SET}=${set}`] })}`)).length;
  if (have >= size) return;
  const t0 = now();
  await createContainers(set, size - have, have);
  log(`created ${size - have} containers (now ${size}) in ${fmt(now() - t0)} ms`);
}

// Distinct images cheaply: commits of one never-started container, each with its own label.
async function fillImagesAndVolumes() {
  const t0 = now();
  const source = await api(socketPath, 'POST', `/containers/create?${q({ name: 'bench-image-source' })}`, {
    Image: engine.testImage, Cmd: ['true'], Labels: { [LABEL]: '1', [SET]: 'image-source' },
  });
  await pool(config.images, 8, (i) =>
    api(socketPath, 'POST', `/commit?${q({ container: source.Id, repo: 'dx-bench/img', tag: `v${i}`, pause: 'false', changes: `LABEL ${LABEL}.image=${i}` })}`),
  );
  await api(socketPath, 'DELETE', `/containers/${source.Id}`);
  await pool(config.volumes, 16, (i) => api(socketPath, 'POST', '/volumes/create', { Name: `dx-bench-vol-${i}`, Labels: { [LABEL]: '1' } }));
  log(`created ${config.images} images and ${config.volumes} volumes in ${fmt(now() - t0)} ms`);
}

async function cleanBenchObjects() {
  const containers = await api(socketPath, 'GET', `/containers/json?all=1&filters=${filters({ label: [LABEL] })}`);
  await pool(containers.length, 16, (i) => api(socketPath, 'DELETE', `/containers/${containers[i].Id}?force=1`).catch(() => {}));
  const images = await api(socketPath, 'GET', `/images/json?filters=${filters({ reference: ['dx-bench/img'] })}`);
  await pool(images.length, 8, (i) => api(socketPath, 'DELETE', `/images/${images[i].Id}?force=1`).catch(() => {}));
  const volumes = (await api(socketPath, 'GET', `/volumes?filters=${filters({ label: [LABEL] })}`)).Volumes ?? [];
  await pool(volumes.length, 16, (i) => api(socketPath, 'DELETE', `/volumes/${volumes[i].Name}`).catch(() => {}));
}

// ---- 1. listing -----------------------------------------------------------------------------

function containerMethods(socketPath = engine.socketPath) {
  return {
    'Engine API, Node http (floor)': () => rawList(socketPath, '/containers/json?all=1'),
    'ours: service + models + grouping + tree items': async () => {
      const models = await new DockerService(() => ({ socketPath })).listContainers();
      const { groups, ungrouped } = groupContainers(models, 'composeProject', 'created');
      const items = groups.flatMap((g) => g.containers.map((c) => new ContainerNode(c, { id: `group:${g.key}` }).getTreeItem()));
      return items.concat(ungrouped.map((c) => new ContainerNode(c, undefined).getTreeItem()));
    },
    'ours: service call + models only': () => new DockerService(() => ({ socketPath })).listContainers(),
    "docker ps -a --no-trunc --format '{{json .}}'": () => cliJsonLines(CLI, ['-H', engine.dockerHost, 'ps', '-a', '--no-trunc', '--format', '{{json .}}'], cliEnv),
    'vscode-container-client listContainers': () => msRun(msClient.listContainers({ all: true })),
  };
}

function imageMethods() {
  return {
    'Engine API, Node http (floor)': () => rawList(socketPath, '/images/json'),
    'ours: service + models + tree items': async () => {
      const models = await new DockerService(() => ({ socketPath })).listImages();
      return models.flatMap((m) =>
        (m.tags.length ? m.tags : [undefined]).map((tag) => new ImageNode(m, tag, { id: 'images' }, () => []).getTreeItem()),
      );
    },
    "docker images --no-trunc --format '{{json .}}'": () => cliJsonLines(CLI, ['-H', engine.dockerHost, 'images', '--no-trunc', '--format', '{{json .}}'], cliEnv),
    'vscode-container-client listImages': () => msRun(msClient.listImages({})),
  };
}

function volumeMethods() {
  return {
    'Engine API, Node http (floor)': async () => (await rawList(socketPath, '/volumes')).Volumes,
    'ours: service + models + tree items': async () => {
      const models = await new DockerService(() => ({ socketPath })).listVolumes();
      return models.map((m) => new VolumeNode(m, () => []).getTreeItem());
    },
    "docker volume ls --format '{{json .}}'": () => cliJsonLines(CLI, ['-H', engine.dockerHost, 'volume', 'ls', '--format', '{{json .}}'], cliEnv),
    'vscode-container-client listVolumes': () => msRun(msClient.listVolumes({})),
  };
}

// Methods take turns within each round (rotating who goes first), so noise hits all alike.
async function measureListing(view, size, methods) {
  const names = Object.keys(methods);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const rows = {};
  for (let round = 0; round < config.warmup + config.runs; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length];
      const t0 = now();
      const result = await methods[name]();
      const dt = now() - t0;
      rows[name] = result.length;
      if (round >= config.warmup) samples[name].push(dt);
    }
  }
  const floor = stats(samples[names[0]]).median;
  for (const name of names) {
    const s = stats(samples[name]);
    const entry = { view, size, method: name, rows: rows[name], ...s, ratio: s.median / floor, samples: samples[name] };
    results.listing.push(entry);
    tableRows.push([`${view} ${size}`, name, rows[name], fmt(s.median), `${fmt(s.min)}..${fmt(s.max)}`, `${entry.ratio.toFixed(2)}x`]);
  }
  log(`listed ${view} at ${size}`);
}

// The same listing against a recorded answer served by a separate process: the engine's time
// (most of the total, and the noisiest part) is gone, so the ratio shows the client's own cost.
async function measureReplayedListing(size) {
  const bodyFile = path.join(workDir, 'containers.json');
  const replaySocket = path.join(workDir, 'replay.sock');
  fs.writeFileSync(bodyFile, JSON.stringify(await rawList(socketPath, '/containers/json?all=1')));
  const server = spawn(process.execPath, [path.join(root, 'bench', 'replay-server.cjs'), replaySocket, bodyFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    server.stdout.once('data', resolve);
    server.once('exit', (code) => reject(new Error(`replay server exited ${code}`)));
  });
  const methods = containerMethods(replaySocket);
  const picked = Object.fromEntries(Object.entries(methods).filter(([name]) => !name.startsWith('docker') && !name.startsWith('vscode-')));
  const runs = config.runs;
  config.runs = config.replayRuns;
  try {
    await measureListing('containers (replayed)', size, picked);
  } finally {
    config.runs = runs;
    server.kill();
  }
}

// ---- 2. change to view ----------------------------------------------------------------------

function waitForRow(store, id, predicate, timeoutMs = 10_000) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off.dispose();
      resolve(undefined);
    }, timeoutMs);
    const off = store.onChange((change) => {
      if (change.kind !== 'containers' || !(change.full || change.updated.includes(id) || change.removed.includes(id))) return;
      if (predicate(store.containers.get(id))) {
        clearTimeout(timer);
        off.dispose();
        resolve(now());
      }
    });
  });
}

/** start, stop, rename, remove: one cycle per container, each with what its row must then show. */
function lifecycle(service, id, name) {
  return [
    ['start', () => service.startContainer(id), (c) => c?.engineState === 'running'],
    ['stop', () => service.stopContainer(id, 2), (c) => c?.engineState === 'exited'],
    ['rename', () => service.renameContainer(id, `${name}-renamed`), (c) => c?.name === `${name}-renamed`],
    ['remove', () => service.removeContainer(id, { force: true }), (c) => c === undefined],
  ];
}

async function createChangeTargets(set, count) {
  await createContainers(set, count);
  return api(socketPath, 'GET', `/containers/json?all=1&filters=${filters({ label: [`${SET}=${set}`] })}`);
}

async function measureChangeToView(size) {
  const targets = await createChangeTargets('change', Math.ceil(config.changes / 4));
  const service = new DockerService(() => ({ socketPath }));
  const store = new EngineStore(service);
  store.start();
  await store.whenSettled();
  const samples = { request: [], afterApi: [], api: [] };
  let missed = 0;
  for (const target of targets) {
    for (const [, act, shows] of lifecycle(service, target.Id, target.Names[0].slice(1))) {
      const seen = waitForRow(store, target.Id, shows);
      const t0 = now();
      await act();
      const tApi = now();
      const tRow = await seen;
      if (tRow === undefined) {
        missed++;
        continue;
      }
      samples.api.push(tApi - t0);
      samples.request.push(tRow - t0);
      samples.afterApi.push(Math.max(0, tRow - tApi));
    }
  }
  store.stop();
  const entry = { size, missed, fullLists: { ...store.fullLists } };
  for (const [key, label] of [
    ['api', 'the API call itself (start/stop/rename/remove)'],
    ['request', 'ours: request sent -> store change with the new row'],
    ['afterApi', 'ours: API returned -> store change with the new row'],
  ]) {
    const s = stats(samples[key]);
    entry[key] = { ...s, samples: samples[key] };
    tableRows.push([`change @${size}`, label, s.n, fmt(s.median), `${fmt(s.min)}..${fmt(s.max)}`, `p95 ${fmt(s.p95)}`]);
  }
  results.change.push({ design: 'ours', ...entry });
  log(`change to view: ${samples.request.length} changes, ${missed} not seen within 10 s`);
}

// Microsoft's Container Tools: 500 ms after an event, list everything again through the CLI.
async function measureMicrosoftDesign(size) {
  const targets = await createChangeTargets('change-ms', Math.ceil(config.microsoftChanges / 4));
  const service = new DockerService(() => ({ socketPath }));
  const samples = { request: [], afterApi: [], list: [] };
  let missed = 0;
  for (const target of targets) {
    for (const [, act, shows] of lifecycle(service, target.Id, target.Names[0].slice(1))) {
      const t0 = now();
      await act();
      const tApi = now();
      await sleep(500);
      const tList = now();
      const rows = await msRun(msClient.listContainers({ all: true }));
      const tRow = now();
      const row = rows.find((r) => r.id === target.Id);
      if (!shows(row && { engineState: row.state, name: row.name })) missed++;
      samples.request.push(tRow - t0);
      samples.afterApi.push(tRow - tApi);
      samples.list.push(tRow - tList);
    }
  }
  const entry = { design: 'microsoft (500 ms + full CLI list)', size, missed };
  for (const [key, label] of [
    ['list', 'MS design: the full CLI list alone'],
    ['afterApi', 'MS design: API returned -> 500 ms + full CLI list'],
  ]) {
    const s = stats(samples[key]);
    entry[key] = { ...s, samples: samples[key] };
    tableRows.push([`change @${size}`, label, s.n, fmt(s.median), `${fmt(s.min)}..${fmt(s.max)}`, `p95 ${fmt(s.p95)}`]);
  }
  entry.request = { ...stats(samples.request), samples: samples.request };
  results.change.push(entry);
  log(`Microsoft's design: ${samples.request.length} changes, ${missed} rows not yet right after the list`);
}

// ---- 3. burst -------------------------------------------------------------------------------

async function measureBurst(size) {
  const toNone = [];
  const pruneApi = [];
  const fullLists = [];
  for (let run = 0; run < config.burstRuns; run++) {
    await createContainers('burst', config.burst);
    const service = new DockerService(() => ({ socketPath }));
    const store = new EngineStore(service);
    store.start();
    await store.whenSettled();
    const left = () => [...store.containers.values()].filter((c) => c.name.startsWith('bench-burst-')).length;
    if (left() !== config.burst) throw new Error(`burst: the store shows ${left()} of ${config.burst} containers before the prune`);
    const before = store.fullLists.containers;
    const none = new Promise((resolve) => {
      const off = store.onChange(() => {
        if (left() === 0) {
          off.dispose();
          resolve(now());
        }
      });
    });
    const t0 = now();
    const pruned = await service.pruneContainers({ label: [`${SET}=burst`] });
    const tApi = now();
    const tNone = await Promise.race([none, sleep(60_000).then(() => undefined)]);
    if (pruned.removed.length !== config.burst || tNone === undefined) throw new Error(`burst: pruned ${pruned.removed.length}, store emptied: ${!!tNone}`);
    await store.whenIdle();
    toNone.push(tNone - t0);
    pruneApi.push(tApi - t0);
    fullLists.push(store.fullLists.containers - before);
    store.stop();
  }
  const s = stats(toNone);
  const a = stats(pruneApi);
  results.burst.push({ size, burst: config.burst, toNone: { ...s, samples: toNone }, pruneApi: { ...a, samples: pruneApi }, fullLists });
  tableRows.push([`burst ${config.burst} @${size}`, 'prune API call itself', a.n, fmt(a.median), `${fmt(a.min)}..${fmt(a.max)}`, '']);
  tableRows.push([`burst ${config.burst} @${size}`, 'ours: prune sent -> store shows none', s.n, fmt(s.median), `${fmt(s.min)}..${fmt(s.max)}`, `full lists ${fullLists.join(',')}`]);
  log(`burst: ${fullLists.join(',')} full lists`);
}

// ---- 4. idle --------------------------------------------------------------------------------

async function measureIdle(size) {
  const proxy = await countingProxy(path.join(workDir, 'proxy.sock'), socketPath);
  const store = new EngineStore(new DockerService(() => ({ socketPath: path.join(workDir, 'proxy.sock') })));
  store.start();
  await store.whenSettled();
  await store.whenIdle();
  await sleep(1000);
  const atStart = proxy.requests();
  await sleep(config.idleSeconds * 1000);
  const during = proxy.requests().slice(atStart.length);
  store.stop();
  await proxy.close();
  const besidesEvents = during.filter((r) => !r.startsWith('GET /events'));
  results.idle = { size, seconds: config.idleSeconds, startRequests: atStart, during, requestsBesidesEvents: besidesEvents.length };
  tableRows.push([`idle ${config.idleSeconds} s @${size}`, 'ours: requests besides the events stream', besidesEvents.length, '', '', `start-up: ${atStart.length} requests`]);
  log(`idle: ${besidesEvents.length} requests in ${config.idleSeconds} s (start-up made ${atStart.length}: ${atStart.join(', ')})`);
}

// ---- 5. start-up ----------------------------------------------------------------------------

async function measureStartup() {
  const startup = {};
  if (config.packageVsix) {
    log('packaging (npm run package: production bundle + vsce)');
    const r = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run package failed:\n${r.stdout}\n${r.stderr}`);
    startup.vsixBytes = fs.statSync(path.join(root, 'docker-explorer.vsix')).size;
  }
  const bundle = path.join(root, 'dist', 'extension.js');
  startup.bundleBytes = fs.statSync(bundle).size;
  startup.bundle = config.packageVsix ? 'production (minified)' : 'as last built';
  const stub = path.join(root, 'bench', 'vscode-stub.cjs');
  const script = `require(${JSON.stringify(stub)}).install();const t=process.hrtime.bigint();require(${JSON.stringify(bundle)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  const samples = [];
  for (let i = 0; i < config.warmup + config.runs; i++) {
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`requiring the bundle failed: ${r.stderr}`);
    if (i >= config.warmup) samples.push(Number(r.stdout.trim()));
  }
  const s = stats(samples);
  startup.require = { ...s, samples };
  results.startup = startup;
  tableRows.push(['start-up', `require(dist/extension.js), ${startup.bundle}`, s.n, fmt(s.median), `${fmt(s.min)}..${fmt(s.max)}`, '']);
  tableRows.push(['start-up', 'dist/extension.js size', '', '', '', `${(startup.bundleBytes / 1024).toFixed(0)} KiB`]);
  if (startup.vsixBytes) tableRows.push(['start-up', '.vsix size', '', '', '', `${(startup.vsixBytes / 1024).toFixed(0)} KiB`]);
}

// ---- 6. in a real VS Code (bench/vscode.mjs) -------------------------------------------------

// What users run: the production bundle (the listing sections load out/src, not dist/).
function productionBundleForVSCode() {
  if (!results.vscode.bundle) {
    if (config.build) {
      const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production'], { cwd: root, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`production build failed:\n${r.stdout}\n${r.stderr}`);
    }
    results.vscode.bundle = config.build ? 'production (minified)' : 'as last built';
  }
  return results.vscode.bundle;
}

async function measureStartupInRealVSCode(size) {
  log(`start-up in VS Code: ${config.vscodeRuns} fresh windows with ${size} containers, ${productionBundleForVSCode()} bundle`);
  const { result, rows } = await measureStartupInVSCode({ root, engine, runs: config.vscodeRuns, containers: size, rowPrefix: 'bench-list-', log });
  results.vscode.startup = result;
  vscodeRows.push(...rows);
}

async function measureMemoryInRealVSCode() {
  const counts = { containers: config.memoryContainers, images: config.images, volumes: config.volumes };
  log(`memory in VS Code: ${config.memoryRuns} hosts, none -> ${JSON.stringify(counts)}, ${productionBundleForVSCode()} bundle`);
  const { result, rows } = await measureMemoryInVSCode({
    root, engine, runs: config.memoryRuns, counts, log,
    clean: cleanBenchObjects,
    fill: async () => {
      await fillImagesAndVolumes();
      await fillContainers('list', counts.containers);
    },
  });
  results.vscode.memory = result;
  vscodeRows.push(...rows);
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
