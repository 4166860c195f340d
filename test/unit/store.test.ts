import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { ContainerModel, ImageModel, VolumeModel } from '../../src/docker/models';
import type { DockerService } from '../../src/docker/service';
import { imageReaderLabel } from '../../src/docker/helperContainers';
import { toContainerModel } from '../../src/docker/models';
import { EngineStore, StoreChange } from '../../src/docker/store';
import { container as containerModel } from './support/models';

/** A container whose status is its state, as this fake engine lists it. */
function container(id: string, state = 'running', name = id): ContainerModel {
  return containerModel(id, { name, state: state as ContainerModel['state'], engineState: state, status: state });
}

/** An engine in memory: lists what it holds, counts requests, streams events we push. */
class FakeEngine {
  containers = new Map<string, ContainerModel>();
  images = new Map<string, ImageModel>();
  volumes = new Map<string, VolumeModel>();
  requests: string[] = [];
  stream = new PassThrough();
  failConnect: Error | undefined;
  /** The next filtered container list fails with this (once). */
  failFiltered: Error | undefined;
  /** A filtered container list answers this much later, with what the engine holds when it was asked. */
  listDelayMs = 0;
  /** How many filtered container lists have answered. */
  filteredAnswers = 0;

  service(): DockerService {
    // The fake service's methods are the engine's: they record into it and read its failures.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const engine = this;
    return {
      async events() {
        engine.requests.push('events');
        if (engine.failConnect) {
          throw engine.failConnect;
        }
        engine.stream = new PassThrough();
        return engine.stream;
      },
      async listContainers(ids?: string[]) {
        engine.requests.push(ids ? `containers?id=${ids.join(',')}` : 'containers');
        const failure = ids ? engine.failFiltered : undefined;
        if (failure) {
          engine.failFiltered = undefined;
          throw failure;
        }
        const answer = [...engine.containers.values()].filter((c) => !ids || ids.includes(c.id));
        if (ids && engine.listDelayMs > 0) {
          await new Promise((r) => setTimeout(r, engine.listDelayMs));
        }
        if (ids) {
          engine.filteredAnswers++;
        }
        return answer;
      },
      async listImages() {
        engine.requests.push('images');
        return [...engine.images.values()];
      },
      async listVolumes() {
        engine.requests.push('volumes');
        return [...engine.volumes.values()];
      },
      async findImage(id: string) {
        engine.requests.push(`image ${id}`);
        return engine.images.get(id);
      },
      async findVolume(name: string) {
        engine.requests.push(`volume ${name}`);
        return engine.volumes.get(name);
      },
    } as unknown as DockerService;
  }

  emit(type: string, action: string, id: string, attributes: Record<string, string> = {}): void {
    this.stream.write(JSON.stringify({ Type: type, Action: action, Actor: { ID: id, Attributes: attributes }, timeNano: Date.now() * 1e6 }) + '\n');
  }
}

async function started(engine: FakeEngine): Promise<{ store: EngineStore; changes: StoreChange[] }> {
  const store = new EngineStore(engine.service(), { coalesceMs: 5, burstThreshold: 10, retryInitialMs: 20, retryMaxMs: 100 });
  const changes: StoreChange[] = [];
  store.onChange((c) => changes.push(c));
  store.start();
  const status = await store.whenSettled(2000);
  assert.equal(status.state, 'ready');
  await store.whenIdle();
  return { store, changes };
}

describe('EngineStore', () => {
  it('lists everything once when the events stream opens', async () => {
    const engine = new FakeEngine();
    engine.containers.set('a', container('a'));
    const { store } = await started(engine);
    assert.deepEqual(engine.requests.sort(), ['containers', 'events', 'images', 'volumes']);
    assert.equal(store.containers.get('a')?.state, 'running');
    store.stop();
  });

  it('updates only the container an event names, with one filtered request', async () => {
    const engine = new FakeEngine();
    engine.containers.set('a', container('a'));
    engine.containers.set('b', container('b'));
    const { store, changes } = await started(engine);
    engine.requests = [];
    changes.length = 0;
    engine.containers.set('a', container('a', 'exited'));
    engine.emit('container', 'die', 'a');
    engine.emit('container', 'stop', 'a');
    await new Promise((r) => setTimeout(r, 30));
    await store.whenIdle();
    assert.deepEqual(engine.requests, ['containers?id=a']);
    assert.deepEqual(changes, [{ kind: 'containers', full: false, updated: ['a'], removed: [] }]);
    assert.equal(store.containers.get('a')?.state, 'exited');
    store.stop();
  });

  it('removes a destroyed container without asking the engine', async () => {
    const engine = new FakeEngine();
    engine.containers.set('a', container('a'));
    const { store, changes } = await started(engine);
    engine.requests = [];
    changes.length = 0;
    engine.containers.delete('a');
    engine.emit('container', 'destroy', 'a');
    await new Promise((r) => setTimeout(r, 30));
    await store.whenIdle();
    assert.deepEqual(engine.requests, []);
    assert.deepEqual(changes, [{ kind: 'containers', full: false, updated: [], removed: ['a'] }]);
    store.stop();
  });

  it('ignores exec and attach events, which change no row', async () => {
    const engine = new FakeEngine();
    engine.containers.set('a', container('a'));
    const { store } = await started(engine);
    engine.requests = [];
    engine.emit('container', 'exec_start: sh', 'a');
    engine.emit('container', 'attach', 'a');
    engine.emit('container', 'resize', 'a');
    await new Promise((r) => setTimeout(r, 30));
    await store.whenIdle();
    assert.deepEqual(engine.requests, []);
    store.stop();
  });

  it('turns a burst of events into one full list', async () => {
    const engine = new FakeEngine();
    for (let i = 0; i < 50; i++) {
      engine.containers.set(`c${i}`, container(`c${i}`, 'exited'));
    }
    const { store } = await started(engine);
    engine.requests = [];
    const before = store.fullLists.containers;
    for (let i = 0; i < 50; i++) {
      engine.containers.set(`c${i}`, container(`c${i}`, 'running'));
      engine.emit('container', 'start', `c${i}`);
    }
    await new Promise((r) => setTimeout(r, 40));
    await store.whenIdle();
    assert.equal(store.fullLists.containers - before, 1);
    assert.deepEqual(engine.requests, ['containers']);
    assert.ok([...store.containers.values()].every((c) => c.state === 'running'));
    store.stop();
  });

  it('reports the engine gone when the stream drops, clears the lists, and resyncs when it is back', async () => {
    const engine = new FakeEngine();
    engine.containers.set('a', container('a'));
    const { store } = await started(engine);
    const statuses: string[] = [];
    store.onStatus((s) => statuses.push(s.state));
    engine.failConnect = Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' });
    engine.stream.end();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(store.status.state, 'failed');
    assert.equal(store.status.state === 'failed' && store.status.error.code, 'unreachable');
    assert.equal(store.containers.size, 0);
    engine.failConnect = undefined;
    engine.containers.set('b', container('b'));
    const deadline = Date.now() + 3000;
    while ((store.status.state as string) !== 'ready' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await store.whenIdle();
    assert.equal(store.status.state, 'ready');
    assert.deepEqual([...store.containers.keys()].sort(), ['a', 'b']);
    store.stop();
  });

  it('asks nothing of the engine while stopped', async () => {
    const engine = new FakeEngine();
    const { store } = await started(engine);
    store.stop();
    engine.requests = [];
    engine.emit('container', 'start', 'a');
    await new Promise((r) => setTimeout(r, 30));
    assert.deepEqual(engine.requests, []);
  });
  it("lists a paused container again until the engine's list shows it paused (dockerd emits pause first)", async () => {
    const engine = new FakeEngine();
    engine.containers.set('a', container('a'));
    const { store } = await started(engine);
    // The event arrives while the list view still says running; it catches up a little later.
    engine.emit('container', 'pause', 'a');
    setTimeout(() => engine.containers.set('a', container('a', 'paused')), 60);
    const deadline = Date.now() + 2000;
    while (store.containers.get('a')?.state !== 'paused' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(store.containers.get('a')?.state, 'paused');
    await store.whenIdle();
    const requestsAfter = engine.requests.length;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(engine.requests.length, requestsAfter, 'no more lists once the states agree');
    store.stop();
  });

  it('retries a failed update with backoff, without waiting for another event', async () => {
    const engine = new FakeEngine();
    engine.containers.set('a', container('a'));
    const { store } = await started(engine);
    const statuses: string[] = [];
    const subscription = store.onStatus((s) => statuses.push(s.state));
    engine.failFiltered = Object.assign(new Error('(HTTP code 500) server error - injected'), { statusCode: 500 });
    engine.containers.set('b', container('b'));
    engine.emit('container', 'create', 'b');
    // The create event shows b at once (a guess); only a list knows the rest of it.
    const deadline = Date.now() + 2000;
    while (statuses.at(-1) !== 'ready' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await store.whenIdle();
    subscription.dispose();
    assert.deepEqual(store.containers.get('b'), engine.containers.get('b'), 'the retry listed the container');
    assert.deepEqual(statuses, ['failed', 'ready']);
    store.stop();
  });

  it('after a stop, start() says connecting until the first full list: the picture went stale meanwhile', async () => {
    const engine = new FakeEngine();
    const { store } = await started(engine);
    store.stop();
    engine.containers.set('late', container('late'));
    store.start();
    assert.equal(store.status.state, 'connecting');
    assert.equal((await store.whenSettled(2000)).state, 'ready');
    assert.ok(store.containers.has('late'));
    store.stop();
  });

  it('a listener disposed of hears nothing more', async () => {
    const engine = new FakeEngine();
    const { store, changes } = await started(engine);
    const mine: StoreChange[] = [];
    store.onChange((c) => mine.push(c)).dispose();
    engine.containers.set('a', container('a'));
    engine.emit('container', 'create', 'a');
    await new Promise((r) => setTimeout(r, 30));
    await store.whenIdle();
    assert.ok(changes.length > 0);
    assert.deepEqual(mine, []);
    store.stop();
  });

  it("shows a container exited when its die event arrives, while the engine's list still says running", async () => {
    const engine = new FakeEngine();
    engine.containers.set('a', container('a'));
    const { store, changes } = await started(engine);
    changes.length = 0;
    // dockerd sends die when the process ended; its list says exited only after the clean-up (100 ms and more).
    engine.emit('container', 'die', 'a', { exitCode: '137' });
    const deadline = Date.now() + 1000;
    while (changes.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2));
    }
    assert.equal(engine.containers.get('a')?.state, 'running', 'the list has not caught up yet');
    assert.equal(store.containers.get('a')?.state, 'exited');
    assert.equal(store.containers.get('a')?.status, 'Exited (137) Less than a second ago');
    // The later lists that still say running do not take it back; the one that agrees ends the re-listing.
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(store.containers.get('a')?.state, 'exited');
    engine.containers.set('a', { ...container('a', 'exited'), status: 'Exited (137) Less than a second ago' });
    await new Promise((r) => setTimeout(r, 60));
    await store.whenIdle();
    const requestsAfter = engine.requests.length;
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(engine.requests.length, requestsAfter, 'no more lists once the states agree');
    assert.equal(store.containers.get('a')?.status, 'Exited (137) Less than a second ago');
    store.stop();
  });

  it('a die then a start (a restart) shows what the list says, not the die', async () => {
    const engine = new FakeEngine();
    engine.containers.set('a', container('a'));
    const { store } = await started(engine);
    engine.emit('container', 'die', 'a', { exitCode: '0' });
    engine.emit('container', 'start', 'a');
    await new Promise((r) => setTimeout(r, 30));
    await store.whenIdle();
    assert.equal(store.containers.get('a')?.state, 'running');
    store.stop();
  });

  it('a die of a container with a restart policy shows restarting once the list says so', async () => {
    const engine = new FakeEngine();
    engine.containers.set('a', container('a'));
    const { store } = await started(engine);
    engine.emit('container', 'die', 'a', { exitCode: '1' });
    setTimeout(() => engine.containers.set('a', container('a', 'restarting')), 40);
    await new Promise((r) => setTimeout(r, 120));
    assert.equal(store.containers.get('a')?.state, 'restarting');
    store.stop();
  });

  it('keeps the containers the explorer makes to read an image out of the views, asking nothing for their events', async () => {
    const reader = (id: string) =>
      toContainerModel({
        Id: id,
        Names: [`/${id}`],
        Image: 'busybox',
        ImageID: 'sha256:img',
        Created: 1,
        State: 'created',
        Status: 'Created',
        Labels: { [imageReaderLabel]: 'true' },
      } as never);
    const engine = new FakeEngine();
    engine.containers.set('a', container('a'));
    engine.containers.set('old-reader', reader('old-reader'));
    const { store, changes } = await started(engine);
    assert.deepEqual([...store.containers.keys()], ['a'], 'a full list leaves it out');
    engine.requests = [];
    changes.length = 0;

    // Its events carry its labels: nothing is asked, nothing changes.
    engine.containers.set('r1', reader('r1'));
    engine.emit('container', 'create', 'r1', { [imageReaderLabel]: 'true', image: 'busybox', name: 'r1' });
    await new Promise((r) => setTimeout(r, 30));
    await store.whenIdle();
    assert.deepEqual(engine.requests, []);
    // An event without them: the list answer says what it is, and it stays out.
    engine.containers.set('r2', reader('r2'));
    engine.emit('container', 'create', 'r2');
    await new Promise((r) => setTimeout(r, 30));
    await store.whenIdle();
    assert.deepEqual(engine.requests, ['containers?id=r2']);
    engine.containers.delete('r1');
    engine.emit('container', 'destroy', 'r1', { [imageReaderLabel]: 'true' });
    await new Promise((r) => setTimeout(r, 30));
    await store.whenIdle();
    assert.deepEqual([...store.containers.keys()], ['a']);
    assert.deepEqual(changes, [], 'the views heard nothing');
    store.stop();
  });
});

/** Polls until `holds` is true (or the time runs out); returns whether it held. */
async function until(holds: () => boolean, timeoutMs = 1000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!holds() && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 2));
  }
  return holds();
}

describe('EngineStore, a change shown from its event and confirmed by the list', () => {
  it("shows a start, a pause, an unpause and a die from the event, before the engine's list answers", async () => {
    const engine = new FakeEngine();
    engine.containers.set('a', { ...container('a', 'exited'), status: 'Exited (0) 5 minutes ago' });
    const { store, changes } = await started(engine);
    engine.listDelayMs = 300;
    const steps: [string, Record<string, string>, string, string][] = [
      ['start', {}, 'running', 'Up Less than a second'],
      ['pause', {}, 'paused', 'Up Less than a second (Paused)'],
      ['unpause', {}, 'running', 'Up Less than a second'],
      ['die', { exitCode: '137' }, 'exited', 'Exited (137) Less than a second ago'],
    ];
    for (const [action, attributes, state, status] of steps) {
      changes.length = 0;
      const answered = engine.filteredAnswers;
      engine.containers.set('a', { ...container('a', state), status });
      engine.emit('container', action, 'a', attributes);
      assert.ok(await until(() => changes.some((c) => c.updated.includes('a')), 200), `${action}: a change before the list answered`);
      assert.equal(engine.filteredAnswers, answered, `${action}: the list had not answered yet`);
      assert.equal(store.containers.get('a')?.state, state);
      assert.equal(store.containers.get('a')?.status, status);
      await store.whenIdle();
    }
    store.stop();
  });

  it("corrects a wrong guess with the engine's answer", async () => {
    const engine = new FakeEngine();
    engine.containers.set('a', container('a', 'exited'));
    const { store } = await started(engine);
    // A container with a health check: the engine says more than the event could.
    engine.containers.set('a', { ...container('a', 'running'), status: 'Up Less than a second (health: starting)' });
    engine.emit('container', 'start', 'a');
    assert.ok(await until(() => store.containers.get('a')?.state === 'running'));
    await store.whenIdle();
    assert.deepEqual(store.containers.get('a'), engine.containers.get('a'));
    store.stop();
  });

  it('lists a created container from its event at once, then takes the rest from the list', async () => {
    const engine = new FakeEngine();
    const { store, changes } = await started(engine);
    engine.listDelayMs = 200;
    changes.length = 0;
    const listed: ContainerModel = {
      ...container('n', 'created', 'web-1'),
      image: 'nginx:1',
      status: 'Created',
      ports: [{ privatePort: 80, type: 'tcp' }],
      composeProject: 'shop',
      composeService: 'web',
    };
    engine.containers.set('n', listed);
    engine.emit('container', 'create', 'n', { name: 'web-1', image: 'nginx:1', 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' });
    assert.ok(await until(() => changes.length > 0, 150), 'shown before the list answered');
    const guessed = store.containers.get('n')!;
    assert.deepEqual(
      [guessed.name, guessed.image, guessed.state, guessed.status, guessed.composeProject, guessed.composeService],
      ['web-1', 'nginx:1', 'created', 'Created', 'shop', 'web'],
    );
    assert.deepEqual(changes[0], { kind: 'containers', full: false, updated: ['n'], removed: [] });
    await store.whenIdle();
    assert.deepEqual(store.containers.get('n'), listed);
    store.stop();
  });

  it('keeps a guess while the list still says what it said before the event, then takes the answer', async () => {
    const engine = new FakeEngine();
    engine.containers.set('a', container('a', 'running'));
    const { store } = await started(engine);
    const seen: string[] = [];
    store.onChange(() => seen.push(store.containers.get('a')!.state));
    // dockerd's list still says running for a while after the pause event.
    engine.emit('container', 'pause', 'a');
    setTimeout(() => engine.containers.set('a', container('a', 'paused')), 80);
    assert.ok(await until(() => engine.containers.get('a')?.state === 'paused'));
    await store.whenIdle();
    assert.ok(seen.length > 0);
    assert.ok(
      seen.every((state) => state === 'paused'),
      `never shown running again: ${seen.join(', ')}`,
    );
    store.stop();
  });

  it('gives up a guess the engine never confirms: the engine is the picture', async () => {
    const engine = new FakeEngine();
    engine.containers.set('a', container('a', 'running'));
    const { store } = await started(engine);
    // A pause event, yet the engine goes on listing the container running (the guess was wrong).
    engine.emit('container', 'pause', 'a');
    assert.ok(await until(() => store.containers.get('a')?.state === 'paused'));
    assert.ok(await until(() => store.containers.get('a')?.state === 'running', 3000), 'the engine answer won');
    await store.whenIdle();
    store.stop();
  });

  it('renames a row from the event, and removes a destroyed one without waiting', async () => {
    const engine = new FakeEngine();
    engine.containers.set('a', container('a', 'exited', 'old'));
    const { store, changes } = await started(engine);
    engine.listDelayMs = 200;
    engine.containers.set('a', container('a', 'exited', 'new'));
    engine.emit('container', 'rename', 'a', { name: 'new', oldName: '/old' });
    assert.ok(await until(() => store.containers.get('a')?.name === 'new', 150));
    await store.whenIdle();
    changes.length = 0;
    engine.containers.delete('a');
    engine.emit('container', 'destroy', 'a');
    assert.ok(await until(() => !store.containers.has('a'), 150));
    await store.whenIdle();
    assert.deepEqual(changes, [{ kind: 'containers', full: false, updated: [], removed: ['a'] }]);
    store.stop();
  });
});

describe('EngineStore, a destroy while a list is on its way', () => {
  it('the list, asked before the destroy, does not bring the container back (an add and a remove the views would send again)', async () => {
    const engine = new FakeEngine();
    engine.containers.set('a', container('a'));
    const { store, changes } = await started(engine);
    engine.listDelayMs = 100;
    changes.length = 0;
    engine.containers.set('a', container('a', 'exited'));
    engine.emit('container', 'die', 'a', { exitCode: '0' });
    assert.ok(await until(() => engine.requests.includes('containers?id=a'), 150), 'the die is being listed');
    engine.containers.delete('a');
    engine.emit('container', 'destroy', 'a');
    assert.ok(await until(() => !store.containers.has('a'), 50));
    await new Promise((r) => setTimeout(r, 150));
    await store.whenIdle();
    assert.equal(store.containers.has('a'), false);
    const afterDestroy = changes.slice(changes.findIndex((c) => c.removed.includes('a')) + 1);
    assert.deepEqual(afterDestroy, [], 'nothing after the destroy');
    store.stop();
  });
});

describe('EngineStore, guesses go out at once', () => {
  it("emits a destroy, a create and a die from their events without waiting for the batch's window", async () => {
    const engine = new FakeEngine();
    engine.containers.set('a', container('a'));
    engine.containers.set('b', container('b'));
    const store = new EngineStore(engine.service(), { coalesceMs: 300, burstThreshold: 10, retryInitialMs: 20, retryMaxMs: 100 });
    store.start();
    assert.equal((await store.whenSettled(2000)).state, 'ready');
    await store.whenIdle();
    const changes: StoreChange[] = [];
    store.onChange((c) => changes.push(c));
    for (const [action, id, attributes] of [
      ['destroy', 'a', {}],
      ['create', 'n', { name: 'n', image: 'busybox' }],
      ['die', 'b', { exitCode: '0' }],
    ] as const) {
      const before = changes.length;
      engine.emit('container', action, id, attributes);
      assert.ok(await until(() => changes.length > before, 100), `${action}: emitted well within the 300 ms window`);
      await store.whenIdle();
    }
    store.stop();
  });
});
