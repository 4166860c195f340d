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
    containerDetails: async () => undefined,
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
  };
  return { store, networks };
}

const names = (rows: NetworksTreeNode[]) => rows.map((r) => (r.kind === 'networkContainer' ? r.member.name : r.model.name));

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
  it('a container that stops reads only its own networks members, and fires only those networks', async () => {
    const { store, provider, fired } = await shown();
    store.containers.reads = 0;
    store.update(container('c7', ['net-7'], { state: 'exited', engineState: 'exited', status: 'Exited (0) 1 second ago' }));
    // O(its networks): c7 and the few containers net-7 holds, never the 1000 of the engine.
    assert.ok(store.containers.reads <= 25, `a change to one container read ${store.containers.reads} container models`);
    assert.deepEqual(
      fired.map((n) => n?.kind === 'network' && n.model.name),
      ['net-7'],
    );
    provider.dispose();
  });

  it('a container on two networks fires both; one that moves fires the old and the new network', async () => {
    const { store, provider, fired } = await shown();
    store.update(container('c10', ['net-10', 'net-0'], { state: 'paused', engineState: 'paused' }));
    assert.deepEqual(fired.map((n) => n?.kind === 'network' && n.model.name).sort(), ['net-0', 'net-10']);
    fired.length = 0;
    store.containers.reads = 0;
    store.update(container('c3', ['net-4']));
    assert.ok(store.containers.reads <= 50, `a move read ${store.containers.reads} container models`);
    assert.deepEqual(fired.map((n) => n?.kind === 'network' && n.model.name).sort(), ['net-3', 'net-4']);
    provider.dispose();
  });

  it('a change the network rows do not show (its status ages) fires nothing; a rename fires its network', async () => {
    const { store, provider, fired } = await shown();
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
    assert.deepEqual(
      fired.map((n) => n?.kind === 'network' && n.model.name),
      ['net-a'],
    );
    assert.deepEqual(names(await provider.getChildren(row)), ['c-c1', 'x1-name']);
    provider.dispose();
  });
});
