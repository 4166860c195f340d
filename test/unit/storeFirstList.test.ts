import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { ContainerModel } from '../../src/docker/models';
import type { DockerService } from '../../src/docker/service';
import { EngineStore, StoreChange } from '../../src/docker/store';
import { requireWithFakeVscode } from './support/fakeVscode';
import { container as containerModel } from './support/models';

const { ContainersProvider } = requireWithFakeVscode<typeof import('../../src/tree/containersProvider')>('../../src/tree/containersProvider');

/** A container whose status is its state, as this fake engine lists it. */
function container(id: string, created: number, state = 'created'): ContainerModel {
  return containerModel(id, { name: id, created, state: state as ContainerModel['state'], engineState: state, status: state });
}

/**
 * An engine in memory whose whole container list answers only when the test lets it: the answer
 * is what the engine held when it was asked, as dockerd's is (its snapshot is taken first).
 */
class SlowEngine {
  containers = new Map<string, ContainerModel>();
  requests: string[] = [];
  stream = new PassThrough();
  private releaseFull: (() => void) | undefined;
  private noteFullAsked: () => void = () => undefined;
  /** Resolves when the whole list was asked (set anew by expectFull). */
  fullAsked = this.expectFull();

  /** From now on, fullAsked resolves at the next whole list asked. */
  expectFull(): Promise<void> {
    this.fullAsked = new Promise<void>((resolve) => (this.noteFullAsked = resolve));
    return this.fullAsked;
  }

  /** Lets the pending whole list answer (with the snapshot it took when asked). */
  answerFull(): void {
    this.releaseFull?.();
  }

  service(): DockerService {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const engine = this;
    const newestFirst = () => [...engine.containers.values()].sort((a, b) => b.created - a.created);
    return {
      async events() {
        engine.requests.push('events');
        engine.stream = new PassThrough();
        return engine.stream;
      },
      async listContainers(ids?: string[], options: { limit?: number } = {}) {
        if (ids) {
          engine.requests.push(`containers?id=${ids.join(',')}`);
          return newestFirst().filter((c) => ids.includes(c.id));
        }
        if (options.limit) {
          engine.requests.push(`containers?limit=${options.limit}`);
          return newestFirst().slice(0, options.limit);
        }
        engine.requests.push('containers');
        const snapshot = newestFirst();
        await new Promise<void>((resolve) => {
          engine.releaseFull = resolve;
          engine.noteFullAsked();
        });
        return snapshot;
      },
      async listImages() {
        engine.requests.push('images');
        return [];
      },
      async listVolumes() {
        engine.requests.push('volumes');
        return [];
      },
    } as unknown as DockerService;
  }

  emit(action: string, id: string, attributes: Record<string, string> = {}): void {
    this.stream.write(JSON.stringify({ Type: 'container', Action: action, Actor: { ID: id, Attributes: attributes }, timeNano: Date.now() * 1e6 }) + '\n');
  }
}

const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

function engineWith(count: number): SlowEngine {
  const engine = new SlowEngine();
  for (let i = 0; i < count; i++) {
    engine.containers.set(`c${i}`, container(`c${i}`, 1000 + i));
  }
  return engine;
}

function storeOn(engine: SlowEngine): { store: EngineStore; changes: StoreChange[] } {
  const store = new EngineStore(engine.service(), { coalesceMs: 5, burstThreshold: 10, retryInitialMs: 20, retryMaxMs: 100, firstPage: 3 });
  const changes: StoreChange[] = [];
  store.onChange((c) => changes.push(c));
  return { store, changes };
}

/** A store that has its whole picture of five containers; the engine's requests so far are forgotten and its next whole list waits. */
async function storeWithItsPicture(): Promise<{ engine: SlowEngine; store: EngineStore }> {
  const engine = engineWith(5);
  const { store } = storeOn(engine);
  store.start();
  await engine.fullAsked;
  engine.answerFull();
  await store.whenSettled(2000);
  engine.requests = [];
  engine.expectFull();
  return { engine, store };
}

describe('EngineStore: the first list (a page of the newest, then the whole list)', () => {
  it("shows the engine's newest containers before the whole list answers, then the whole list", async () => {
    const engine = engineWith(8);
    const { store, changes } = storeOn(engine);
    store.start();
    const shown = await store.whenContainersShown(2000);
    assert.equal(shown.state, 'connecting', 'the first page is not the whole picture: the store is not ready yet');
    assert.deepEqual([...store.containers.keys()].sort(), ['c5', 'c6', 'c7']);
    assert.equal(store.containersComplete, false);
    assert.deepEqual(
      changes.filter((c) => c.kind === 'containers'),
      [{ kind: 'containers', full: true, updated: [], removed: [], partial: true }],
    );
    await engine.fullAsked;
    engine.answerFull();
    assert.equal((await store.whenSettled(2000)).state, 'ready');
    assert.equal(store.containers.size, 8);
    assert.equal(store.containersComplete, true);
    assert.deepEqual(
      changes.filter((c) => c.kind === 'containers'),
      [
        { kind: 'containers', full: true, updated: [], removed: [], partial: true },
        { kind: 'containers', full: true, updated: [], removed: [] },
      ],
    );
    assert.deepEqual(
      engine.requests.filter((r) => r.startsWith('containers')),
      ['containers?limit=3', 'containers'],
    );
    assert.equal(store.fullLists.containers, 1, 'the page is not a full list, and no second full list is made');
    store.stop();
  });

  it('applies the events that came during the first list after it, in order, and loses none', async () => {
    const engine = engineWith(6);
    const { store, changes } = storeOn(engine);
    store.start();
    await store.whenContainersShown(2000);
    await engine.fullAsked;
    // While the engine works on the whole list (its snapshot already taken): a start, a create, a destroy, then a die.
    engine.containers.set('c1', container('c1', 1001, 'running'));
    engine.emit('start', 'c1');
    engine.containers.set('new', container('new', 2000, 'created'));
    engine.emit('create', 'new');
    engine.containers.delete('c5');
    engine.emit('destroy', 'c5');
    engine.containers.set('c1', container('c1', 1001, 'exited'));
    engine.emit('die', 'c1', { exitCode: '0' });
    await tick();
    engine.answerFull();
    await store.whenSettled(2000);
    await tick();
    await store.whenIdle();
    assert.equal(store.containers.get('c1')?.state, 'exited', 'the die came after the start: the last word is exited');
    assert.ok(store.containers.has('new'), 'the container created during the list is there');
    assert.ok(!store.containers.has('c5'), 'the container destroyed during the list is gone');
    assert.equal(store.containers.size, 6);
    const containerChanges = changes.filter((c) => c.kind === 'containers');
    assert.deepEqual(
      containerChanges.map((c) => (c.full ? (c.partial ? 'page' : 'whole') : 'update')),
      ['page', 'whole', 'update'],
      'the events are applied once, after the whole list, never before it',
    );
    assert.deepEqual(containerChanges[2], { kind: 'containers', full: false, updated: ['c1', 'new'], removed: ['c5'] });
    assert.deepEqual(
      engine.requests.filter((r) => r.startsWith('containers')),
      ['containers?limit=3', 'containers', 'containers?id=c1,new'],
    );
    assert.equal(store.fullLists.containers, 1);
    store.stop();
  });

  it('asks for no page when the store already has its picture (Refresh lists the whole list only)', async () => {
    const { engine, store } = await storeWithItsPicture();
    const refreshed = store.refresh(['containers']);
    await engine.fullAsked;
    assert.equal(store.containersComplete, true, 'the picture stays whole while the new list is asked');
    engine.answerFull();
    await refreshed;
    assert.deepEqual(engine.requests, ['containers']);
    assert.equal(store.fullLists.containers, 2);
    store.stop();
  });

  it('asks for the page again after the engine was switched (the picture was forgotten)', async () => {
    const { engine, store } = await storeWithItsPicture();
    store.switchEngine();
    assert.equal(store.containersComplete, false);
    await store.whenContainersShown(2000);
    assert.equal(store.containers.size, 3);
    await engine.fullAsked;
    engine.answerFull();
    await store.whenSettled(2000);
    assert.deepEqual(
      engine.requests.filter((r) => r.startsWith('containers')),
      ['containers?limit=3', 'containers'],
    );
    store.stop();
  });

  it('without a first page, lists the whole list at once, as before', async () => {
    const engine = engineWith(5);
    const store = new EngineStore(engine.service(), { coalesceMs: 5 });
    store.start();
    await engine.fullAsked;
    engine.answerFull();
    await store.whenSettled(2000);
    assert.deepEqual(
      engine.requests.filter((r) => r.startsWith('containers')),
      ['containers'],
    );
    store.stop();
  });

  it('gives the Containers view its first rows from the page, before the whole list answers', async () => {
    const engine = engineWith(8);
    const { store } = storeOn(engine);
    const provider = new ContainersProvider(store, () => ({ groupBy: 'none', sortBy: 'created' }));
    let refetched = 0;
    provider.onDidChangeTreeData(() => refetched++);
    store.start();
    const first = await provider.getChildren();
    assert.deepEqual(
      first.map((n) => provider.getTreeItem(n).id),
      ['c7', 'c6', 'c5'].map((id) => `container:${id}`),
    );
    await engine.fullAsked;
    const before = refetched;
    engine.answerFull();
    await store.whenSettled(2000);
    await tick(200);
    assert.ok(refetched > before, 'the whole list makes VS Code fetch the rows again');
    assert.equal((await provider.getChildren()).length, 8);
    provider.dispose();
    store.stop();
  });
});
