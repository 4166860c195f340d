import type { ContainerModel, ImageModel, VolumeModel } from '../../../src/docker/models';
import { Emitter } from '../../../src/docker/event';
import { EngineStore, type StoreChange } from '../../../src/docker/store';

/**
 * A real EngineStore, never connected, holding the given picture; update and remove change it and emit
 * the store's own change, as a flush does. `reads` counts every container model the store's map hands
 * out (get, and each model an iteration yields): the work a change costs its listeners, whatever the clock.
 * `countReads: false` leaves the map as the store has it (a bench timing the listeners).
 */
export function storeHolding(models: ContainerModel[], images: ImageModel[] = [], volumes: VolumeModel[] = [], options: { countReads?: boolean } = {}) {
  const store = new EngineStore({ containerDetails: async () => undefined } as never);
  models.forEach((m) => store.containers.set(m.id, m));
  images.forEach((i) => store.images.set(i.id, i));
  volumes.forEach((v) => store.volumes.set(v.name, v));
  (store as unknown as { current: unknown }).current = { state: 'ready' };
  const emit = (change: StoreChange) => (store as unknown as { emit(c: StoreChange): void }).emit(change);
  // As the first full list does: what was set so far is the picture, not a change still to report.
  emit({ kind: 'containers', full: true, updated: [], removed: [] });
  const counter = { reads: 0 };
  const map = store.containers as Map<string, ContainerModel>;
  const proto = Object.getPrototypeOf(map) as Map<string, ContainerModel>;
  if (options.countReads !== false) {
    countReads(map, proto, counter);
  }
  return {
    store,
    counter,
    update(...updated: ContainerModel[]) {
      updated.forEach((m) => proto.set.call(map, m.id, m));
      emit({ kind: 'containers', full: false, updated: updated.map((m) => m.id), removed: [] });
    },
    remove(...ids: string[]) {
      ids.forEach((id) => proto.delete.call(map, id));
      emit({ kind: 'containers', full: false, updated: [], removed: ids });
    },
    /** update and remove in one change, as one flush of a burst emits them. */
    change(updated: ContainerModel[], removed: string[]) {
      updated.forEach((m) => proto.set.call(map, m.id, m));
      removed.forEach((id) => proto.delete.call(map, id));
      emit({ kind: 'containers', full: false, updated: updated.map((m) => m.id), removed });
    },
  };
}

/** Counts in `counter.reads` every model `map` hands out. */
function countReads(map: Map<string, ContainerModel>, proto: Map<string, ContainerModel>, counter: { reads: number }): void {
  const patched = map as unknown as Record<string | symbol, unknown>;
  patched.get = (id: string) => {
    counter.reads++;
    return proto.get.call(map, id);
  };
  patched.values = function* () {
    for (const model of proto.values.call(map)) {
      counter.reads++;
      yield model;
    }
  };
  patched.entries = function* () {
    for (const entry of proto.entries.call(map)) {
      counter.reads++;
      yield entry;
    }
  };
  patched[Symbol.iterator] = () => (patched.entries as () => Iterator<[string, ContainerModel]>)();
  patched.forEach = (fn: (value: ContainerModel, key: string, m: Map<string, ContainerModel>) => void) => {
    for (const [key, value] of proto.entries.call(map)) {
      counter.reads++;
      fn(value, key, map);
    }
  };
}

/**
 * The part of the store a containers view reads, driven by hand: a plain Map, and one change per call,
 * as a flush emits it (a fresh model object each, as the store keeps).
 */
export function handDrivenStore(models: ContainerModel[]) {
  const changes = new Emitter<StoreChange>();
  const containers = new Map(models.map((m) => [m.id, m]));
  const change = (updated: ContainerModel[], removed: string[]) => {
    updated.forEach((m) => containers.set(m.id, m));
    removed.forEach((id) => containers.delete(id));
    changes.fire({ kind: 'containers', full: false, updated: updated.map((m) => m.id), removed });
  };
  return {
    containers,
    onChange: changes.event,
    whenSettled: async () => ({ state: 'ready' as const }),
    whenContainersShown: async () => ({ state: 'ready' as const }),
    containerDetails: async () => undefined,
    /** The engine listed these containers again after an event. */
    update: (...updated: ContainerModel[]) => change(updated, []),
    /** The engine destroyed these containers. */
    remove: (...ids: string[]) => change([], ids),
    /** Sets and deletes in one change, as one flush does. */
    change,
    full() {
      changes.fire({ kind: 'containers', full: true, updated: [], removed: [] });
    },
  };
}
