import * as assert from 'node:assert/strict';
import { ContainerMap } from '../../src/docker/containerMap';
import { Emitter } from '../../src/docker/event';
import type { ContainerModel } from '../../src/docker/models';
import type { NetworkChange, NetworkStore } from '../../src/docker/networkStore';
import type { NetworkModel } from '../../src/docker/networks';
import type { EngineStore, StoreChange } from '../../src/docker/store';
import type { NetworksTreeNode } from '../../src/tree/networksProvider';
import { requireWithFakeVscode } from './support/fakeVscode';
import { container as containerModel, network } from './support/models';

const { NetworksProvider } = requireWithFakeVscode<typeof import('../../src/tree/networksProvider')>('../../src/tree/networksProvider');

function container(id: string, networks: string[], changes: Partial<ContainerModel> = {}): ContainerModel {
  return containerModel(id, { networks, ...changes });
}

/**
 * The store's containers in a map that counts every model it hands out (get, and each model an
 * iteration yields): the work a container change costs the provider, whatever the clock says.
 */
class CountingMap extends ContainerMap {
  reads = 0;
  override get(id: string): ContainerModel | undefined {
    this.reads++;
    return super.get(id);
  }
  override *values(): MapIterator<ContainerModel> {
    for (const model of super.values()) {
      this.reads++;
      yield model;
    }
  }
  override *entries(): MapIterator<[string, ContainerModel]> {
    for (const entry of super.entries()) {
      this.reads++;
      yield entry;
    }
  }
  override [Symbol.iterator](): MapIterator<[string, ContainerModel]> {
    return this.entries();
  }
  override forEach(fn: (value: ContainerModel, key: string, map: Map<string, ContainerModel>) => void): void {
    for (const [key, value] of this.entries()) fn(value, key, this);
  }
}

function fakeStores(models: ContainerModel[], nets: NetworkModel[]) {
  const containerChanges = new Emitter<StoreChange>();
  const networkChanges = new Emitter<NetworkChange>();
  const containers = new CountingMap();
  models.forEach((m) => containers.set(m.id, m));
  // The store's own way: what a change names is reported while it is emitted (ContainerMap.previous).
  const emit = (change: StoreChange) => containers.reporting(change.full ? 'all' : [...change.updated, ...change.removed], () => containerChanges.fire(change));
  emit({ kind: 'containers', full: true, updated: [], removed: [] });
  const store = {
    containers,
    onChange: containerChanges.event,
    inspected: [] as string[],
    async containerDetails(id: string) {
      this.inspected.push(id);
      return undefined;
    },
    update(...updated: ContainerModel[]) {
      updated.forEach((m) => containers.set(m.id, m));
      emit({ kind: 'containers', full: false, updated: updated.map((m) => m.id), removed: [] });
    },
    remove(...ids: string[]) {
      ids.forEach((id) => containers.delete(id));
      emit({ kind: 'containers', full: false, updated: [], removed: ids });
    },
  };
  const networks = {
    networks: new Map(nets.map((n) => [n.id, n])),
    onChange: networkChanges.event,
    whenListed: async () => ({ state: 'ready' as const }),
    /** The engine changed this network (a connect, a disconnect, a member's start or stop). */
    update(n: NetworkModel) {
      this.networks.set(n.id, n);
      networkChanges.fire({ full: false, updated: [n.id], removed: [] });
    },
  };
  return { store, networks };
}

const names = (rows: NetworksTreeNode[]) =>
  rows.map((r) => (r.kind === 'networkContainer' ? r.member.name : r.kind === 'page' ? String(r.getTreeItem().label) : r.model.name));
/** What a change fired: network rows by name, member rows as network/container, page rows by label. */
const firedNames = (fired: (NetworksTreeNode | undefined)[]) =>
  fired.map((n) =>
    !n ? 'the whole view' : n.kind === 'network' ? n.model.name : n.kind === 'page' ? String(n.getTreeItem().label) : `${n.network.name}/${n.member.name}`,
  );

/** 50 networks, 1000 containers: container i is on network i % 50 (and every tenth one on net-0 too). */
async function shown() {
  const nets = Array.from({ length: 50 }, (_, i) => network(`net-${i}`));
  const models = Array.from({ length: 1000 }, (_, i) => container(`c${i}`, i % 10 === 0 && i % 50 !== 0 ? [`net-${i % 50}`, 'net-0'] : [`net-${i % 50}`]));
  const { store, networks } = fakeStores(models, nets);
  const provider = new NetworksProvider(store as unknown as EngineStore, networks as unknown as NetworkStore, () => ({ showBuiltIn: true }));
  const roots = await provider.getChildren();
  const fired: (NetworksTreeNode | undefined)[] = [];
  provider.onDidChangeTreeData((node) => fired.push(node));
  return { store, networks, provider, roots, fired };
}

describe('networks view: what a container change costs', () => {
  it('a container that stops reads only its own networks members, and redraws only its row there', async () => {
    const { store, provider, roots, fired } = await shown();
    await provider.getChildren(roots.find((r) => r.kind === 'network' && r.model.name === 'net-7'));
    store.containers.reads = 0;
    store.update(container('c7', ['net-7'], { state: 'exited', engineState: 'exited', status: 'Exited (0) 1 second ago' }));
    // O(its networks): c7 and the few containers net-7 holds, never the 1000 of the engine.
    assert.ok(store.containers.reads <= 25, `a change to one container read ${store.containers.reads} container models`);
    assert.deepEqual(firedNames(fired), ['net-7/c-c7'], 'its row, not the network (whose count is the same)');
    fired.length = 0;
    store.update(container('c17', ['net-17'], { state: 'exited', engineState: 'exited' }));
    assert.deepEqual(firedNames(fired), [], 'a network never expanded shows only its count: nothing to redraw');
    provider.dispose();
  });

  it('a container on two networks redraws its row on both; one that moves fires the old and the new network', async () => {
    const { store, provider, roots, fired } = await shown();
    for (const row of roots) await provider.getChildren(row);
    store.update(container('c10', ['net-10', 'net-0'], { state: 'paused', engineState: 'paused' }));
    assert.deepEqual(firedNames(fired).sort(), ['net-0/c-c10', 'net-10/c-c10']);
    fired.length = 0;
    store.containers.reads = 0;
    store.update(container('c3', ['net-4']));
    assert.ok(store.containers.reads <= 50, `a move read ${store.containers.reads} container models`);
    assert.deepEqual(fired.map((n) => n?.kind === 'network' && n.model.name).sort(), ['net-3', 'net-4']);
    provider.dispose();
  });

  it('a change the network rows do not show (its status ages) fires nothing; a rename that moves a row fires its network', async () => {
    const { store, provider, roots, fired } = await shown();
    await provider.getChildren(roots.find((r) => r.kind === 'network' && r.model.name === 'net-8'));
    store.update(container('c8', ['net-8'], { status: 'Up 6 minutes' }));
    assert.equal(fired.length, 0, 'an aged status fired a network');
    store.update(container('c8', ['net-8'], { name: 'renamed', status: 'Up 6 minutes' }));
    assert.deepEqual(
      fired.map((n) => n?.kind === 'network' && n.model.name),
      ['net-8'],
    );
    provider.dispose();
  });

  it('a removed container leaves its network, read through the index, and the members stay right', async () => {
    const { store, provider, roots, fired } = await shown();
    const net9 = roots.find((r) => r.kind === 'network' && r.model.name === 'net-9')!;
    const before = names(await provider.getChildren(net9));
    assert.equal(before.length, 20);
    store.containers.reads = 0;
    store.remove('c9');
    assert.ok(store.containers.reads <= 25, `a removal read ${store.containers.reads} container models`);
    assert.deepEqual(
      fired.map((n) => n?.kind === 'network' && n.model.name),
      ['net-9'],
    );
    const after = names(await provider.getChildren(net9));
    assert.deepEqual(
      after,
      before.filter((n) => n !== 'c-c9'),
    );
    // A network's row counts its members: from the index, not a scan of every container.
    store.containers.reads = 0;
    const item = net9.getTreeItem();
    assert.match(String(item.description), /19/);
    assert.ok(store.containers.reads <= 25, `a network row's count read ${store.containers.reads} container models`);
    provider.dispose();
  });

  it('a new container that the network lists as an endpoint only is a member until the store lists it', async () => {
    const nets = [network('net-a', { endpoints: [{ containerId: 'x1', name: 'x1-name', ipv4: '172.20.0.5/16' }] })];
    const { store, networks } = fakeStores([container('c1', ['net-a'])], nets);
    const provider = new NetworksProvider(store as unknown as EngineStore, networks as unknown as NetworkStore, () => ({ showBuiltIn: true }));
    const [row] = await provider.getChildren();
    assert.deepEqual(names(await provider.getChildren(row)), ['c-c1', 'x1-name']);
    const fired: (NetworksTreeNode | undefined)[] = [];
    provider.onDidChangeTreeData((node) => fired.push(node));
    // The store lists it now, without the network in its list (a connect the list has not caught up with).
    store.update(container('x1', [], { name: 'x1-name', state: 'exited', engineState: 'exited' }));
    assert.deepEqual(firedNames(fired), ['net-a/x1-name'], 'still a member (the count is the same): its row only');
    assert.deepEqual(names(await provider.getChildren(row)), ['c-c1', 'x1-name']);
    provider.dispose();
  });
});

/** One network with `size` containers on it (m0000, m0001, ... by name), every one running with an address. */
async function crowded(size = 10_000) {
  const ids = Array.from({ length: size }, (_, i) => `m${String(i).padStart(5, '0')}`);
  const endpoint = (id: string, i: number) => ({ containerId: id, name: `c-${id}`, ipv4: `10.1.${Math.floor(i / 250)}.${(i % 250) + 2}/16` });
  const net = network('crowd', { endpoints: ids.map(endpoint) });
  const { store, networks } = fakeStores(
    ids.map((id) => container(id, ['crowd'])),
    [net],
  );
  const provider = new NetworksProvider(store as unknown as EngineStore, networks as unknown as NetworkStore, () => ({ showBuiltIn: true }));
  const [row] = await provider.getChildren();
  const rows = await provider.getChildren(row);
  const fired: (NetworksTreeNode | undefined)[] = [];
  provider.onDidChangeTreeData((node) => fired.push(node));
  return { store, networks, net, ids, endpoint, provider, row, rows, fired };
}

describe('networks view: a network with thousands of members', () => {
  it('lists its first 100 members and then page rows of 500, as the Containers view does, and inspects only the rows it gives', async () => {
    const { store, provider, row, rows } = await crowded();
    assert.equal(rows.length, 100 + 20, `${rows.length} rows under the network`);
    assert.deepEqual(names(rows.slice(98, 102)), ['c-m00098', 'c-m00099', 'Containers 101–600', 'Containers 601–1,100']);
    assert.equal(names(rows).at(-1), 'Containers 9,601–10,000');
    assert.equal(store.inspected.length, 100, 'one inspect per row given, not one per member');
    const page = rows[101];
    assert.equal(page.kind, 'page');
    const members = await provider.getChildren(page);
    assert.equal(members.length, 500);
    assert.deepEqual(names([members[0], members[499]]), ['c-m00600', 'c-m01099']);
    assert.equal(provider.getParent(members[0]), page, 'a member in a page is under that page (reveal goes through it)');
    assert.equal(provider.getParent(page), row);
    assert.equal(provider.getParent(rows[0]), row);
    assert.equal(store.inspected.length, 600);
    provider.dispose();
  });

  it('a member that stops redraws its own row, not the 10,000-member network', async () => {
    const { store, provider, rows, fired } = await crowded();
    const page = rows[100];
    const members = await provider.getChildren(page);
    store.containers.reads = 0;
    store.update(container('m00005', ['crowd'], { state: 'exited', engineState: 'exited' }));
    store.update(container('m00300', ['crowd'], { state: 'exited', engineState: 'exited' }));
    assert.deepEqual(fired, [rows[5], members[200]], 'the two rows, the same objects VS Code was given');
    assert.ok(store.containers.reads <= 10, `two stops read ${store.containers.reads} container models`);
    assert.equal(rows[5].kind === 'networkContainer' && rows[5].getTreeItem().contextValue, 'networkContainer.stopped');
    provider.dispose();
  });

  it('a join or a leave fetches the network row (its count), never its 10,000 members; a rename inside a page fetches that page', async () => {
    const { store, provider, row, rows, fired } = await crowded();
    store.update(container('n-new', ['crowd'], { name: 'zz-new' }));
    assert.deepEqual(firedNames(fired), ['crowd'], 'the row that counts them');
    const again = await provider.getChildren(row);
    assert.equal(again.length, 120, 'it lists its first 100 and page rows again, not 10,001 members');
    assert.deepEqual(again.slice(0, 100), rows.slice(0, 100), 'the same row objects');
    assert.match(String(row.kind === 'network' && row.getTreeItem().description), /10,001 containers/);
    fired.length = 0;
    await provider.getChildren(again[102]);
    store.update(container('m01200', ['crowd'], { name: 'c-m01599-moved' }));
    assert.deepEqual(firedNames(fired), [String(again[102].kind === 'page' && again[102].getTreeItem().label)], 'the page it moves in');
    fired.length = 0;
    store.update(container('m01300', ['crowd'], { name: 'c-m01300-renamed' }));
    assert.deepEqual(firedNames(fired), ['crowd/c-m01300-renamed'], 'a rename that keeps its place: its row');
    provider.dispose();
  });

  it('a network event that changes one member`s address redraws that row, inspected again, and nothing else', async () => {
    const { store, networks, net, ids, endpoint, provider, rows, fired } = await crowded();
    store.inspected.length = 0;
    const endpoints = ids.map(endpoint);
    endpoints[3] = { ...endpoints[3], ipv4: '10.1.99.9/16' };
    networks.update({ ...net, endpoints });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(fired, [rows[3]]);
    assert.deepEqual(store.inspected, ['m00003']);
    assert.match(String(rows[3].kind === 'networkContainer' && rows[3].getTreeItem().description), /10\.1\.99\.9/);
    fired.length = 0;
    // A member that stops: its endpoint goes, the count (the store still lists it) stays.
    networks.update({ ...net, endpoints: endpoints.filter((e) => e.containerId !== 'm00004') });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(fired, [rows[4]]);
    provider.dispose();
  });
});

describe('networks view: the rows a change puts back in place', function () {
  this.timeout(60_000);
  /** Every member row under the network, through its page rows. */
  async function allRows(provider: InstanceType<typeof NetworksProvider>, row: NetworksTreeNode): Promise<string[]> {
    const rows: NetworksTreeNode[] = [];
    for (const r of await provider.getChildren(row)) rows.push(...(r.kind === 'page' ? await provider.getChildren(r) : [r]));
    // Each row as it reads: its name, address and state.
    return rows.map((r) => `${names([r])[0]}: ${r.getTreeItem().description}`);
  }

  it('after joins, leaves and renames one at a time, the rows are those a fresh view lists, in its order', async () => {
    const { store, networks, provider, row } = await crowded(1200);
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
    for (let step = 0; step < 60; step++) {
      const id = `m${String(random(1300)).padStart(5, '0')}`;
      const kind = random(3);
      if (kind === 0) store.update(container(id, ['crowd'], { name: `c-${id}-${step}` }));
      else if (kind === 1) store.update(container(id, store.containers.get(id)?.networks.includes('crowd') ? [] : ['crowd'], { name: `c-${id}` }));
      else store.remove(id);
      const fresh = new NetworksProvider(store as unknown as EngineStore, networks as unknown as NetworkStore, () => ({ showBuiltIn: true }));
      const [freshRow] = await fresh.getChildren();
      assert.deepEqual(await allRows(provider, row), await allRows(fresh, freshRow), `after step ${step} (${['rename', 'join or leave', 'remove'][kind]} ${id})`);
      fresh.dispose();
    }
    provider.dispose();
  });

  it('after network events that add, drop and move endpoints, the rows and the count are those a fresh view shows', async () => {
    const { store, networks, net, provider, row } = await crowded(1200);
    let seed = 11;
    const random = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
    let endpoints = [...net.endpoints];
    for (let step = 0; step < 40; step++) {
      const kind = random(3);
      // An endpoint the store does not list (a container it has not caught up with), one of a listed container dropped, or an address moved.
      if (kind === 0) endpoints.push({ containerId: `x${step}`, name: `x-${step}`, ipv4: `10.2.0.${step}/16` });
      else if (kind === 1) endpoints.splice(random(endpoints.length), 1);
      else endpoints = endpoints.map((e, i) => (i === random(endpoints.length) ? { ...e, ipv4: `10.3.0.${step}/16` } : e));
      networks.update({ ...net, endpoints: [...endpoints] });
      await new Promise((r) => setImmediate(r));
      if (step % 10 !== 9) continue; // rows in pages VS Code has not fetched yet must follow the events too
      store.update(container(`m${String(random(1200)).padStart(5, '0')}`, ['crowd'], { state: 'exited', engineState: 'exited' }));
      const fresh = new NetworksProvider(store as unknown as EngineStore, networks as unknown as NetworkStore, () => ({ showBuiltIn: true }));
      const [freshRow] = await fresh.getChildren();
      assert.deepEqual(await allRows(provider, row), await allRows(fresh, freshRow), `after step ${step}`);
      assert.equal(String(row.kind === 'network' && row.getTreeItem().description), String(freshRow.kind === 'network' && freshRow.getTreeItem().description));
      fresh.dispose();
    }
    provider.dispose();
  });
});
