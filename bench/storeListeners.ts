// What each listener of one store change costs at 10,000 containers (issue 12: no O(n) work per event),
// in plain Node: a real EngineStore (its events stream never opened) holding synthetic containers, the four
// views and the badge subscribed as extension.ts subscribes them, every view laid out as VS Code would have
// it, then changes of each kind emitted the store's own way, each listener timed alone.
// Run: `node out/bench/storeListeners.js` (after `npm run build` or tsc); BENCH_LISTENER_SIZE, BENCH_LISTENER_ROUNDS.
import * as path from 'node:path';
import type { ContainerModel, ImageModel, VolumeModel } from '../src/docker/models';
import { container, network, stopped } from '../test/unit/support/models';
import { storeHolding } from '../test/unit/support/storeChanges';
import type { StoreChange } from '../src/docker/store';

// eslint-disable-next-line @typescript-eslint/no-require-imports
require(path.join(process.cwd(), 'bench', 'vscode-stub.cjs')).install();
/* eslint-disable @typescript-eslint/no-require-imports */
const { ContainersProvider } = require('../src/tree/containersProvider') as typeof import('../src/tree/containersProvider');
const { ImagesProvider } = require('../src/tree/imagesProvider') as typeof import('../src/tree/imagesProvider');
const { VolumesProvider } = require('../src/tree/volumesProvider') as typeof import('../src/tree/volumesProvider');
const { NetworksProvider } = require('../src/tree/networksProvider') as typeof import('../src/tree/networksProvider');
const { RunningBadge } = require('../src/tree/runningBadge') as typeof import('../src/tree/runningBadge');
/* eslint-enable @typescript-eslint/no-require-imports */

const size = Number(process.env.BENCH_LISTENER_SIZE ?? 10_000);
const rounds = Number(process.env.BENCH_LISTENER_ROUNDS ?? 41);
const images = 50;
const volumes = 300;
const userNetworks = 5;

/** Container `i` of the bench: a third running, most on one image, some with a volume, a network or a project. */
function benchContainer(i: number, changes: Partial<ContainerModel> = {}): ContainerModel {
  const volume = i % 10 === 0 ? [{ type: 'volume', name: `vol-${i % volumes}`, source: '', destination: '/data', readOnly: i % 20 === 0 }] : [];
  return container(`c${String(i).padStart(6, '0')}`, {
    name: `bench-${i}`,
    image: `img-${i % images}:latest`,
    // Most containers come from one image, as the bench's do; the rest spread over the others.
    imageId: `sha256:${i % 4 === 0 ? i % images : 0}`,
    created: 1_700_000_000 + i,
    ...(i % 3 === 0 ? {} : stopped),
    mounts: volume,
    networks: i % 7 === 0 ? [`net-${i % userNetworks}`] : ['bridge'],
    composeProject: i % 5 === 0 ? `project-${i % 20}` : undefined,
    ...changes,
  });
}

const image = (i: number): ImageModel => ({
  id: `sha256:${i}`,
  tags: [`docker.io/library/img-${i}:latest`],
  digests: [],
  created: 1_700_000_000,
  size: 1e6,
  containers: 0,
});
const volume = (i: number): VolumeModel => ({ name: `vol-${i}`, driver: 'local', mountpoint: '', scope: 'local', labels: {}, anonymous: false });
async function main(): Promise<void> {
  const holding = storeHolding(
    Array.from({ length: size }, (_, i) => benchContainer(i)),
    Array.from({ length: images }, (_, i) => image(i)),
    Array.from({ length: volumes }, (_, i) => volume(i)),
    { countReads: false },
  );
  const store = holding.store;
  const nets = new Map([network('bridge', { builtIn: true }), ...Array.from({ length: userNetworks }, (_, i) => network(`net-${i}`))].map((n) => [n.id, n]));
  const networkStore = { networks: nets, onChange: () => ({ dispose() {} }), whenListed: async () => ({ state: 'ready' as const }) };

  // Subscribed in extension.ts' order: the containers view first, the badge last.
  const views: [string, { getChildren(node?: unknown): Promise<unknown[]>; onDidChangeTreeData: (l: (n: unknown) => void) => unknown }][] = [
    ['containers view', new ContainersProvider(store, () => ({ groupBy: 'composeProject', sortBy: 'created' }))],
    ['images view', new ImagesProvider(store, { imageHistory: async () => [] })],
    ['volumes view', new VolumesProvider(store)],
    ['networks view', new NetworksProvider(store, networkStore as never, () => ({ showBuiltIn: true }))],
  ];
  const badge: { badge?: unknown } = {};
  new RunningBadge(store, badge as never);
  const names = [...views.map(([name]) => name), 'badge'];
  // What VS Code would have asked: every top level, and each group and row it was given (getTreeItem asks the icons).
  const fetched = new Map<string, number>();
  for (const [name, view] of views) {
    const rows = await view.getChildren();
    const items = rows.length + (await Promise.all(rows.map((r) => view.getChildren(r)))).reduce((n, c) => n + c.length, 0);
    fetched.set(name, items);
    view.onDidChangeTreeData(() => fetched.set(`${name} fires`, (fetched.get(`${name} fires`) ?? 0) + 1));
  }

  // Every listener of the store's change, timed alone (the emitter's own set, in subscription order).
  const listeners = [...(store as unknown as { changes: { listeners: Set<(c: StoreChange) => void> } }).changes.listeners];
  const emitter = (store as unknown as { changes: { fire(c: StoreChange): void } }).changes;
  const samples = new Map<string, number[][]>();
  let kind = '';
  emitter.fire = (change: StoreChange) => {
    const row = listeners.map((listener) => {
      const at = performance.now();
      listener(change);
      return performance.now() - at;
    });
    if (!samples.has(kind)) samples.set(kind, []);
    samples.get(kind)!.push(row);
  };

  let next = size;
  const change = (label: string, act: () => void) => {
    kind = label;
    act();
  };
  for (let round = 0; round < rounds; round++) {
    const i = 3 * ((round * 97) % Math.floor(size / 3)) + 1; // a stopped one, never the same twice running
    const model = store.containers.get(benchContainer(i).id)!;
    change('start', () => holding.update({ ...model, state: 'running', engineState: 'running', status: 'Up Less than a second' }));
    change('pause', () => holding.update({ ...store.containers.get(model.id)!, state: 'paused', engineState: 'paused' }));
    change('stop', () => holding.update({ ...model, status: 'Exited (0) Less than a second ago' }));
    change('rename', () => holding.update({ ...store.containers.get(model.id)!, name: `renamed-${round}` }));
    const created = benchContainer(next++, { state: 'created', engineState: 'created', status: 'Created' });
    change('create', () => holding.update(created));
    change('remove', () => holding.remove(created.id));
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`store listeners at ${size} containers (${images} images, ${volumes} volumes, ${userNetworks + 1} networks), median of ${rounds} changes, ms:`);
  console.log(['change', ...names, 'all'].map((s) => s.padStart(16)).join(''));
  for (const [label, rows] of samples) {
    const cells = names.map((_, l) => median(rows.map((r) => r[l])));
    console.log([label, ...cells, median(rows.map((r) => r.reduce((a, b) => a + b, 0)))].map((c) => (typeof c === 'number' ? c.toFixed(3) : c).padStart(16)).join(''));
  }
  console.log(`rows fetched at the start and fires during the changes: ${JSON.stringify(Object.fromEntries(fetched))}`);
  process.exit(0);
}

void main();
