import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { asStore, madeByStore } from '../../src/docker/requestOrigin';
import { DockerService } from '../../src/docker/service';
import { EngineStore } from '../../src/docker/store';

/** A service whose one request answers at once, so the counters can be read without an engine. */
class Probe extends DockerService {
  constructor() {
    super(() => ({ socketPath: '/nonexistent' }));
  }
  ask(): Promise<number> {
    return this.call(async () => 1);
  }
}

describe('requests told apart by who made them (requestOrigin)', () => {
  it('counts a request outside a store flush as the others, and one inside, after an await, as the store’s', async () => {
    const service = new Probe();
    await service.ask();
    await asStore(async () => {
      await new Promise((r) => setTimeout(r, 1));
      await service.ask();
    });
    assert.equal(service.requestsSent, 2);
    assert.equal(service.requestsSentOutsideStores, 1);
  });

  it('puts the store’s lists, the first and those after an event, in the store’s context, and not a caller’s request', async () => {
    const stream = new PassThrough();
    const seen: Array<[string, boolean]> = [];
    const fake = {
      async events() {
        return stream;
      },
      async listContainers(ids?: string[]) {
        seen.push([ids ? 'by id' : 'all', madeByStore()]);
        return [];
      },
      async listImages() {
        return [];
      },
      async listVolumes() {
        return [];
      },
    } as unknown as DockerService;
    const store = new EngineStore(fake, { coalesceMs: 1 });
    store.start();
    await store.whenSettled(5_000);
    stream.write(JSON.stringify({ Type: 'container', Action: 'start', Actor: { ID: 'c1', Attributes: { name: 'c1' } }, timeNano: Date.now() * 1e6 }) + '\n');
    for (let i = 0; i < 200 && !seen.some(([kind]) => kind === 'by id'); i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    await store.whenIdle();
    await fake.listContainers(['mine']);
    store.stop();
    assert.deepEqual(seen.slice(0, 2), [
      ['all', true],
      ['by id', true],
    ]);
    assert.deepEqual(seen.at(-1), ['by id', false]);
  });
});
