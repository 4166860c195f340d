#!/usr/bin/env -S node --expose-gc
// The explorer's own heap per row, outside VS Code: a replayed engine (bench/replay-server.cjs)
// answers with generated lists shaped like dockerd 20.10's for the bench's objects (created,
// never-started containers, commits, named volumes); the heap is read after forced GCs with the
// store holding the models, then with the providers' nodes and every row's tree item kept as
// VS Code keeps them. HEAP_BREAKDOWN=1 adds the biggest kinds of objects each step added.
// Usage: npx tsc -p . && node --expose-gc bench/heap.mjs   (HEAP_CONTAINERS 3000, HEAP_IMAGES 300, HEAP_VOLUMES 300)
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { startReplayServer } from './lib.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const counts = {
  containers: Number(process.env.HEAP_CONTAINERS ?? 3000),
  images: Number(process.env.HEAP_IMAGES ?? 300),
  volumes: Number(process.env.HEAP_VOLUMES ?? 300),
};
const breakdown = process.env.HEAP_BREAKDOWN === '1';
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc bench/heap.mjs');

const hex = () => randomBytes(32).toString('hex');
const created = Math.floor(Date.now() / 1000) - 3600;
const imageId = `sha256:${hex()}`;
const containers = Array.from({ length: counts.containers }, (_, i) => ({
  Id: hex(),
  Names: [`/bench-list-${i}`],
  Image: 'dx-test/busybox:latest',
  ImageID: imageId,
  Command: 'sleep 3600',
  Created: created + i,
  Ports: [],
  Labels: { 'dx.bench': '1', 'dx.bench.set': 'list' },
  State: 'created',
  Status: 'Created',
  HostConfig: { NetworkMode: 'default' },
  NetworkSettings: {
    Networks: {
      bridge: {
        IPAMConfig: null,
        Links: null,
        Aliases: null,
        NetworkID: '',
        EndpointID: '',
        Gateway: '',
        IPAddress: '',
        IPPrefixLen: 0,
        IPv6Gateway: '',
        GlobalIPv6Address: '',
        GlobalIPv6PrefixLen: 0,
        MacAddress: '',
        DriverOpts: null,
      },
    },
  },
  Mounts: [],
}));
const images = Array.from({ length: counts.images }, (_, i) => ({
  Containers: -1,
  Created: created + i,
  Id: `sha256:${hex()}`,
  Labels: { 'dx.bench': '1', 'dx.bench.image': String(i), 'dx.bench.set': 'image-source' },
  ParentId: imageId,
  RepoDigests: null,
  RepoTags: [`dx-bench/img:v${i}`],
  SharedSize: -1,
  Size: 1984172,
  VirtualSize: 1984172,
}));
const volumes = {
  Volumes: Array.from({ length: counts.volumes }, (_, i) => ({
    CreatedAt: new Date((created + i) * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
    Driver: 'local',
    Labels: { 'dx.bench': '1' },
    Mountpoint: `/var/lib/docker/volumes/dx-bench-vol-${i}/_data`,
    Name: `dx-bench-vol-${i}`,
    Options: null,
    Scope: 'local',
  })),
  Warnings: null,
};

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-heap-'));
const files = { '/containers/json': containers, '/images/json': images, '/volumes': volumes };
const args = Object.entries(files).map(([p, body], i) => {
  const file = path.join(workDir, `${i}.json`);
  fs.writeFileSync(file, JSON.stringify(body));
  return `${p}=${file}`;
});
const socketPath = path.join(workDir, 'engine.sock');
const server = await startReplayServer(root, socketPath, args);
containers.length = images.length = volumes.Volumes.length = 0;

require('./vscode-stub.cjs').install();
const out = (p) => require(path.join(root, 'out', 'src', p));
const { DockerService } = out('docker/service.js');
const { EngineStore } = out('docker/store.js');
const { ContainersProvider } = out('tree/containersProvider.js');
const { ImagesProvider } = out('tree/imagesProvider.js');
const { VolumesProvider } = out('tree/volumesProvider.js');

const rows = counts.containers + counts.images + counts.volumes;
const settings = () => ({ groupBy: 'composeProject', sortBy: 'created' });

// A warm-up round of everything measured below, thrown away: modules dockerode loads on first use
// and compiled code are not per row.
{
  const warmService = new DockerService(() => ({ socketPath }));
  const store = new EngineStore(warmService);
  store.start();
  await store.whenSettled();
  await store.whenIdle();
  const providers = [new ContainersProvider(store, settings), new ImagesProvider(store, warmService), new VolumesProvider(store)];
  await renderAll(providers, new Map());
  store.stop();
  providers.forEach((p) => p.dispose());
}

const steps = [];
let previous = heap();
let previousSnapshot = breakdown ? snapshotCounts() : undefined;
function heap() {
  for (let i = 0; i < 4; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
}
function step(name) {
  const now = heap();
  steps.push({ name, bytes: now - previous });
  previous = now;
  if (breakdown) {
    const counted = snapshotCounts();
    steps.at(-1).top = diffCounts(previousSnapshot, counted);
    previousSnapshot = counted;
  }
}

// (a) The store: events stream open (idle), every container, image and volume listed and mapped.
const service = new DockerService(() => ({ socketPath }));
const store = new EngineStore(service);
store.start();
await store.whenSettled();
await store.whenIdle();
if (store.containers.size !== counts.containers) throw new Error(`store holds ${store.containers.size} containers (${JSON.stringify(store.status)})`);
step('store: models (EngineStore)');

// (b) The providers' nodes, and each row's tree item kept as VS Code's ExtHostTreeView keeps it.
const providers = [new ContainersProvider(store, settings), new ImagesProvider(store, service), new VolumesProvider(store)];
const kept = new Map();
const shown = await renderAll(providers, kept);
if (shown !== rows) throw new Error(`rendered ${shown} rows, expected ${rows}`);
step('views: nodes + tree items kept');

// (c) For scale, not part of a render: every row's tooltip resolved (VS Code resolves one on hover).
const tooltips = [];
for (const [node, item] of kept) {
  const provider = providers.find((p) =>
    node.kind === 'container' ? p instanceof ContainersProvider : node.kind === 'image' ? p instanceof ImagesProvider : p instanceof VolumesProvider,
  );
  if (node.kind !== 'group' && node.kind !== 'container') tooltips.push((await provider.resolveTreeItem(item, node)).tooltip);
  if (node.kind === 'container') tooltips.push(node.tooltip());
}
step('tooltips: every row resolved once (hover)');

store.stop();
providers.forEach((p) => p.dispose());
server.kill();
fs.rmSync(workDir, { recursive: true, force: true });

const kb = (b) => (b / 1024).toFixed(1);
console.log(`rows: ${counts.containers} containers + ${counts.images} images + ${counts.volumes} volumes = ${rows}`);
for (const s of steps) {
  console.log(`${s.name.padEnd(44)} ${(s.bytes / 2 ** 20).toFixed(2).padStart(7)} MB  ${kb(s.bytes / rows).padStart(6)} KB/row`);
  for (const t of s.top ?? []) console.log(`    ${t.name.slice(0, 60).padEnd(60)} ${(t.bytes / 1024).toFixed(0).padStart(7)} KB ${String(t.count).padStart(7)} objects`);
}
console.log(`total (a)+(b): ${((steps[0].bytes + steps[1].bytes) / 2 ** 20).toFixed(2)} MB`);

/** Every row of every view, groups expanded, each node's tree item kept in `kept`; returns the rows shown (groups not counted). */
async function renderAll(providers, kept) {
  let shown = 0;
  const render = async (provider, node) => {
    for (const child of await provider.getChildren(node)) {
      kept.set(child, provider.getTreeItem(child));
      if (child.kind === 'group') await render(provider, child);
      else shown++;
    }
  };
  for (const provider of providers) await render(provider, undefined);
  return shown;
}

/** Self size and count per kind of object (constructor or string), from a full heap snapshot. */
function snapshotCounts() {
  globalThis.gc();
  const snap = JSON.parse(v8.getHeapSnapshot().read().toString());
  return countSnapshot(snap);
}
function countSnapshot(snap) {
  const meta = snap.snapshot.meta;
  const fields = meta.node_fields.length;
  const types = meta.node_types[0];
  const [ti, ni, si] = ['type', 'name', 'self_size'].map((f) => meta.node_fields.indexOf(f));
  const totals = new Map();
  for (let i = 0; i < snap.nodes.length; i += fields) {
    const type = types[snap.nodes[i + ti]];
    const name = type === 'object' || type === 'closure' || type === 'native' ? `${type} ${snap.strings[snap.nodes[i + ni]]}` : `(${type})`;
    const t = totals.get(name) ?? { bytes: 0, count: 0 };
    t.bytes += snap.nodes[i + si];
    t.count++;
    totals.set(name, t);
  }
  return totals;
}
function diffCounts(before, after) {
  return [...after]
    .map(([name, t]) => ({ name, bytes: t.bytes - (before.get(name)?.bytes ?? 0), count: t.count - (before.get(name)?.count ?? 0) }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 12);
}
