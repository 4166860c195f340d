import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { ContainerModel } from '../../src/docker/models';
import type { DockerService } from '../../src/docker/service';
import { EngineStore } from '../../src/docker/store';
import { container, stopped } from './support/models';

/** An engine that lists what it holds and streams the events a test writes. */
function engineOf(models: ContainerModel[]) {
  const containers = new Map(models.map((m) => [m.id, m]));
  let stream = new PassThrough();
  const service = {
    events: async () => (stream = new PassThrough()),
    listContainers: async (ids?: string[]) => [...containers.values()].filter((c) => !ids || ids.includes(c.id)),
    listImages: async () => [],
    listVolumes: async () => [],
  } as unknown as DockerService;
  const emit = (action: string, id: string, attributes: Record<string, string> = {}) =>
    stream.write(JSON.stringify({ Type: 'container', Action: action, Actor: { ID: id, Attributes: attributes }, timeNano: Date.now() * 1e6 }) + '\n');
  return { containers, service, emit };
}

describe("the store's changes say what each named container was before them", () => {
  it('through the events path: a die and a destroy, each heard with the model it replaced, counts kept', async () => {
    const engine = engineOf([container('a', { imageId: 'sha256:1' }), container('b', { ...stopped, imageId: 'sha256:2' })]);
    const store = new EngineStore(engine.service, { coalesceMs: 5, burstThreshold: 10, retryInitialMs: 20, retryMaxMs: 100 });
    const heard: string[] = [];
    store.onChange((change) => {
      if (change.kind !== 'containers' || change.full) return;
      for (const id of [...change.updated, ...change.removed]) {
        heard.push(`${id}: ${store.containers.previous(id)?.state ?? 'new'} -> ${store.containers.get(id)?.state ?? 'gone'}`);
      }
    });
    store.start();
    assert.equal((await store.whenSettled(2000)).state, 'ready');
    await store.whenIdle();
    assert.equal(store.containers.running, 1);
    assert.equal(store.containers.activeUsersOfImage('sha256:1'), 1);

    engine.containers.set('a', container('a', { ...stopped, imageId: 'sha256:1' }));
    engine.emit('die', 'a', { exitCode: '0' });
    await new Promise((r) => setTimeout(r, 40));
    await store.whenIdle();
    assert.equal(heard[0], 'a: running -> exited', heard.join('; '));
    assert.ok(
      heard.slice(1).every((h) => h === 'a: exited -> exited'),
      `the list's confirmation replaces the guess: ${heard.join('; ')}`,
    );
    assert.equal(store.containers.running, 0);
    assert.equal(store.containers.activeUsersOfImage('sha256:1'), 0);

    heard.length = 0;
    engine.containers.delete('b');
    engine.emit('destroy', 'b');
    await new Promise((r) => setTimeout(r, 40));
    await store.whenIdle();
    assert.deepEqual(heard, ['b: exited -> gone']);
    assert.deepEqual([...store.containers.usersOfImage('sha256:2')], []);

    heard.length = 0;
    engine.containers.set('c', container('c', { imageId: 'sha256:2' }));
    engine.emit('create', 'c', { name: 'c-c', image: 'busybox:latest' });
    engine.emit('start', 'c');
    await new Promise((r) => setTimeout(r, 40));
    await store.whenIdle();
    assert.equal(heard[0]?.startsWith('c: new -> '), true, heard.join('; '));
    assert.equal(store.containers.activeUsersOfImage('sha256:2'), 1);
    store.stop();
  });
});
