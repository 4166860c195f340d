import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ContainerMap } from '../../src/docker/containerMap';
import { isActive, isRunning, type ContainerModel } from '../../src/docker/models';
import { container } from './support/models';

const states = ['running', 'exited', 'paused', 'restarting', 'created', 'unhealthy', 'dead'] as const;

const model = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
  state: fc.constantFrom(...states),
  imageId: fc.constantFrom('sha256:1', 'sha256:2'),
  volumes: fc.subarray(['v1', 'v2']),
  networks: fc.subarray(['bridge', 'net']),
});
const op = fc.oneof(
  model.map((m) => ({ kind: 'set' as const, ...m })),
  fc.constantFrom('a', 'b', 'c', 'd', 'e').map((id) => ({ kind: 'delete' as const, id })),
  fc.constant({ kind: 'clear' as const, id: '' }),
  // A full list, the same id twice included (the engine never lists one twice; the counts must hold anyway).
  fc.array(model, { maxLength: 6 }).map((models) => ({ kind: 'replaceAll' as const, id: '', models })),
);
const toContainer = (m: { id: string; state: (typeof states)[number]; imageId: string; volumes: string[]; networks: string[] }) =>
  container(m.id, {
    state: m.state,
    engineState: m.state,
    imageId: m.imageId,
    mounts: m.volumes.map((name) => ({ type: 'volume', name, source: '', destination: `/${name}`, readOnly: false })),
    networks: m.networks,
  });

const ids = (models: ContainerModel[], keep: (c: ContainerModel) => boolean) =>
  models
    .filter(keep)
    .map((c) => c.id)
    .sort();

describe('the store container map: counts kept as containers change', () => {
  it('after any run of sets, deletes and clears, every count is what a recount of the map says', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const map = new ContainerMap();
        for (const o of ops) {
          if (o.kind === 'set') map.set(o.id, toContainer(o));
          else if (o.kind === 'replaceAll') map.replaceAll(o.models.map(toContainer));
          else if (o.kind === 'delete') map.delete(o.id);
          else map.clear();
        }
        const all = [...map.values()];
        assert.equal(map.running, all.filter(isRunning).length);
        for (const image of ['sha256:1', 'sha256:2']) {
          assert.deepEqual(
            [...map.usersOfImage(image)].sort(),
            ids(all, (c) => c.imageId === image),
          );
          assert.equal(map.activeUsersOfImage(image), all.filter((c) => c.imageId === image && isActive(c)).length);
        }
        for (const volume of ['v1', 'v2'])
          assert.deepEqual(
            [...map.usersOfVolume(volume)].sort(),
            ids(all, (c) => c.mounts.some((m) => m.name === volume)),
          );
        for (const network of ['bridge', 'net'])
          assert.deepEqual(
            [...map.usersOfNetwork(network)].sort(),
            ids(all, (c) => c.networks.includes(network)),
          );
      }),
    );
  });

  it('while a change is reported, previous is the model the last report of that id left, or undefined for a new one', () => {
    const map = new ContainerMap();
    const first = container('a');
    map.set('a', first);
    map.reporting('all', () => assert.equal(map.previous('a'), first));
    const second = container('a', { name: 'second' });
    map.set('a', second);
    map.set('a', container('a', { name: 'third' }));
    map.set('b', container('b'));
    map.delete('b');
    let seen: (ContainerModel | undefined)[] = [];
    // Only the ids a change names are reported: b stays to report with a later change.
    map.reporting(['a'], () => (seen = [map.previous('a')]));
    assert.deepEqual(seen, [first]);
    map.reporting(['a', 'b'], () => (seen = [map.previous('a'), map.previous('b')]));
    assert.equal(seen[0]?.name, 'third', 'a change that did not touch a since: the current model');
    assert.equal(seen[1], undefined, 'b was new when the last report was made');
    assert.equal(map.previous('a')?.name, 'third', 'outside a report: the current model');
  });
});
