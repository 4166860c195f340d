// Which containers each network's rows show, kept from the store's changes (no vscode import: unit-tested in Node).
import type { ContainerModel } from '../docker/models';
import type { NetworkModel } from '../docker/networks';

/** What a network's container row shows of the container: a change to anything else leaves the rows as they are. */
const rowKey = (c: ContainerModel): string => `${c.name}\0${c.state}`;

interface Indexed {
  networks: readonly string[];
  key: string;
}

/** The networks a change touched: by name (the container's own list) and by id (the networks' endpoints). */
export interface TouchedNetworks {
  names: Set<string>;
  ids: Set<string>;
}

/**
 * An index of network members, so that a container change costs O(its networks) instead of a scan
 * of every container for every network: network name -> the containers the store lists on it, and
 * container id -> the networks that list it as an endpoint.
 */
export class NetworkMembership {
  private readonly byName = new Map<string, Set<string>>();
  private readonly indexed = new Map<string, Indexed>();
  private endpointsOf = new Map<string, Set<string>>();

  constructor(containers: Iterable<ContainerModel> = []) {
    for (const c of containers) this.add(c.id, { networks: c.networks, key: rowKey(c) });
  }

  /** The networks' endpoints, after any network change (their number is the engine's attachments, not its containers). */
  indexEndpoints(networks: Iterable<NetworkModel>): void {
    this.endpointsOf = new Map();
    for (const n of networks) {
      for (const e of n.endpoints) {
        let ids = this.endpointsOf.get(e.containerId);
        if (!ids) this.endpointsOf.set(e.containerId, (ids = new Set()));
        ids.add(n.id);
      }
    }
  }

  /** The ids of the containers on `network`: listed with it, or one of its endpoints. */
  idsOn(network: NetworkModel): Set<string> {
    const ids = new Set(this.byName.get(network.name));
    network.endpoints.forEach((e) => ids.add(e.containerId));
    return ids;
  }

  /** Re-indexes the changed containers (`model` undefined: removed); says which networks' rows changed. */
  apply(changes: Iterable<[id: string, model: ContainerModel | undefined]>): TouchedNetworks {
    const touched: TouchedNetworks = { names: new Set(), ids: new Set() };
    for (const [id, model] of changes) {
      const before = this.indexed.get(id);
      const after = model && { networks: model.networks, key: rowKey(model) };
      if (before?.key === after?.key && sameList(before?.networks, after?.networks)) {
        continue;
      }
      for (const name of new Set([...(before?.networks ?? []), ...(after?.networks ?? [])])) {
        const was = before?.networks.includes(name) ? before.key : undefined;
        const is = after?.networks.includes(name) ? after.key : undefined;
        if (was !== is) touched.names.add(name);
      }
      // An endpoint is a member either way; its row changes with what the container shows.
      this.endpointsOf.get(id)?.forEach((networkId) => touched.ids.add(networkId));
      if (before) this.remove(id, before);
      if (after) this.add(id, after);
    }
    return touched;
  }

  /** Every container the index holds that `present` no longer does (after a full list). */
  missing(present: (id: string) => boolean): string[] {
    return [...this.indexed.keys()].filter((id) => !present(id));
  }

  private add(id: string, entry: Indexed): void {
    this.indexed.set(id, entry);
    for (const name of entry.networks) {
      let ids = this.byName.get(name);
      if (!ids) this.byName.set(name, (ids = new Set()));
      ids.add(id);
    }
  }

  private remove(id: string, entry: Indexed): void {
    this.indexed.delete(id);
    for (const name of entry.networks) {
      const ids = this.byName.get(name);
      ids?.delete(id);
      if (ids?.size === 0) this.byName.delete(name);
    }
  }
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a === b || (!!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]));
}
