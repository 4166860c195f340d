// Which containers each network's rows show, from the store's own per-network index (no vscode import: unit-tested in Node).
import type { ContainerMap } from '../docker/containerMap';
import type { ContainerModel } from '../docker/models';
import type { NetworkEndpoint, NetworkModel } from '../docker/networks';

/** What a network's container row shows of the container: a change to anything else leaves the rows as they are. */
const rowKey = (c: ContainerModel): string => `${c.name}\0${c.state}`;

/** The networks a change touched: by name (the container's own list) and by id (the networks' endpoints). */
export interface TouchedNetworks {
  names: Set<string>;
  ids: Set<string>;
}

/**
 * The members of each network, so that a container change costs O(its networks) instead of a scan of
 * every container for every network: the store's containers by network name (ContainerMap), and
 * container id -> the networks that list it as an endpoint.
 */
export class NetworkMembership {
  private endpointsOf = new Map<string, Set<string>>();
  /** The network models last indexed, by id: one network's change re-indexes that network only. */
  private indexed = new Map<string, NetworkModel>();

  constructor(private readonly containers: Pick<ContainerMap, 'usersOfNetwork'>) {}

  /** The networks' endpoints, after any network change (their number is the engine's attachments, not its containers). */
  indexEndpoints(networks: Iterable<NetworkModel>): void {
    this.endpointsOf = new Map();
    this.indexed = new Map();
    for (const n of networks) this.add(n);
  }

  /**
   * One network changed (`now` undefined: it is gone): only the endpoints that came or went are indexed
   * again. Returns the model it replaced and the containers whose endpoint came, went or changed.
   */
  reindex(id: string, now: NetworkModel | undefined): { was: NetworkModel | undefined; changed: string[] } {
    const was = this.indexed.get(id);
    const changed = changedEndpoints(was, now);
    const after = now && endpointsById(now);
    for (const containerId of changed) {
      let ids = this.endpointsOf.get(containerId);
      if (after?.has(containerId)) {
        if (!ids) this.endpointsOf.set(containerId, (ids = new Set()));
        ids.add(id);
      } else if (ids) {
        ids.delete(id);
        if (ids.size === 0) this.endpointsOf.delete(containerId);
      }
    }
    if (now) this.indexed.set(id, now);
    else this.indexed.delete(id);
    return { was, changed };
  }

  /** Whether a container (as `model` lists it; undefined: the store does not) is on `network`: listed with it, or one of its endpoints. */
  isOn(network: NetworkModel, id: string, model: ContainerModel | undefined): boolean {
    return model?.networks.includes(network.name) === true || this.endpointsOf.get(id)?.has(network.id) === true;
  }

  private add(n: NetworkModel): void {
    this.indexed.set(n.id, n);
    for (const e of n.endpoints) {
      let ids = this.endpointsOf.get(e.containerId);
      if (!ids) this.endpointsOf.set(e.containerId, (ids = new Set()));
      ids.add(n.id);
    }
  }

  /** The ids of the containers on `network`: listed with it, or one of its endpoints. */
  idsOn(network: NetworkModel): Set<string> {
    const ids = new Set(this.containers.usersOfNetwork(network.name));
    network.endpoints.forEach((e) => ids.add(e.containerId));
    return ids;
  }

  /** How many containers are on `network` (a row's count), without copying its members. */
  countOn(network: NetworkModel): number {
    const listed = this.containers.usersOfNetwork(network.name);
    return listed.size + network.endpoints.filter((e) => !listed.has(e.containerId)).length;
  }

  /** The networks whose rows a change to these containers changed (`before`/`after` undefined: not there). */
  touched(changes: Iterable<[id: string, before: ContainerModel | undefined, after: ContainerModel | undefined]>): TouchedNetworks {
    const touched: TouchedNetworks = { names: new Set(), ids: new Set() };
    for (const [id, before, after] of changes) {
      const was = before && { networks: before.networks, key: rowKey(before) };
      const is = after && { networks: after.networks, key: rowKey(after) };
      if (was?.key === is?.key && sameList(was?.networks, is?.networks)) {
        continue;
      }
      for (const name of new Set([...(was?.networks ?? []), ...(is?.networks ?? [])])) {
        if ((was?.networks.includes(name) ? was.key : undefined) !== (is?.networks.includes(name) ? is.key : undefined)) touched.names.add(name);
      }
      // An endpoint is a member either way; its row changes with what the container shows.
      this.endpointsOf.get(id)?.forEach((networkId) => touched.ids.add(networkId));
    }
    return touched;
  }
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a === b || (!!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]));
}

const endpointMaps = new WeakMap<NetworkModel, Map<string, NetworkEndpoint>>();

/** A network's endpoints by container id, made once per model (each event's model is compared with the last one). */
export function endpointsById(network: NetworkModel): Map<string, NetworkEndpoint> {
  let map = endpointMaps.get(network);
  if (!map) endpointMaps.set(network, (map = new Map(network.endpoints.map((e) => [e.containerId, e]))));
  return map;
}

/** The containers whose endpoint on the network came, went or changed between two of its models. */
export function changedEndpoints(was: NetworkModel | undefined, now: NetworkModel | undefined): string[] {
  const before = was ? endpointsById(was) : new Map<string, NetworkEndpoint>();
  const after = now ? endpointsById(now) : new Map<string, NetworkEndpoint>();
  const changed: string[] = [];
  for (const [id, e] of after) {
    const old = before.get(id);
    if (!old || old.ipv4 !== e.ipv4 || old.ipv6 !== e.ipv6 || old.mac !== e.mac || old.name !== e.name) changed.push(id);
  }
  for (const id of before.keys()) if (!after.has(id)) changed.push(id);
  return changed;
}
