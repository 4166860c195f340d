import * as assert from 'node:assert/strict';
import type { ContainerModel } from '../../src/docker/models';
import type { RunningBadge as RunningBadgeType } from '../../src/tree/runningBadge';
import { requireWithFakeVscode } from './support/fakeVscode';
import { container, stopped } from './support/models';
import { storeHolding } from './support/storeChanges';

const { RunningBadge } = requireWithFakeVscode<typeof import('../../src/tree/runningBadge')>('../../src/tree/runningBadge');

const running = (models: Iterable<ContainerModel>) => [...models].filter((c) => c.state === 'running' || c.state === 'unhealthy').length;

/** A small deterministic random source (the same mix each run). */
function random(seed: number): () => number {
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

function badged(models: ContainerModel[]) {
  const fixture = storeHolding(models);
  const view: { badge?: { value: number; tooltip: string } } = {};
  const badge: RunningBadgeType = new RunningBadge(fixture.store, view);
  return { ...fixture, view, badge };
}

describe('the running-containers badge', () => {
  it('after a burst of mixed changes, the badge says what a recount of the store says', () => {
    const models = Array.from({ length: 300 }, (_, i) => container(`c${i}`, i % 3 === 0 ? {} : stopped));
    const { store, view, update, remove, change, badge } = badged(models);
    const next = random(7);
    let created = 0;
    const states: Partial<ContainerModel>[] = [{}, stopped, { state: 'paused', engineState: 'paused' }, { state: 'unhealthy' }, { state: 'restarting' }];
    const anyId = () => [...store.containers.keys()][Math.floor(next() * store.containers.size)];
    for (let step = 0; step < 2000; step++) {
      const roll = next();
      if (roll < 0.5) update(container(anyId(), states[Math.floor(next() * states.length)]));
      else if (roll < 0.65) update(container(`new${created++}`, next() < 0.5 ? {} : stopped));
      else if (roll < 0.8 && store.containers.size > 1) remove(anyId());
      else {
        const [kept, gone] = [anyId(), anyId()];
        change([container(kept, states[Math.floor(next() * states.length)]), container(`new${created++}`)], gone === kept ? [] : [gone]);
      }
      const expected = running(store.containers.values());
      assert.equal(view.badge?.value, expected === 0 ? undefined : expected, `after step ${step}`);
    }
    badge.dispose();
  });

  it('a start, a stop or a remove reads no container model beyond the one it names', () => {
    const models = Array.from({ length: 5000 }, (_, i) => container(`c${i}`, i % 2 ? stopped : {}));
    const { counter, view, update, remove, badge } = badged(models);
    update(container('c1'));
    assert.equal(view.badge?.value, 2501);
    counter.reads = 0;
    update(container('c3'));
    update(container('c0', stopped));
    remove('c2');
    assert.equal(view.badge?.value, 2500);
    assert.ok(counter.reads <= 6, `three changes read ${counter.reads} container models`);
    badge.dispose();
  });

  it('says nothing when nothing runs, and the tooltip counts in words', () => {
    const { view, update, badge } = badged([container('a', stopped), container('b', stopped)]);
    update(container('a'));
    assert.deepEqual(view.badge, { value: 1, tooltip: '1 running container' });
    update(container('b'));
    assert.deepEqual(view.badge, { value: 2, tooltip: '2 running containers' });
    update(container('a', stopped), container('b', stopped));
    assert.equal(view.badge, undefined);
    badge.dispose();
  });
});
