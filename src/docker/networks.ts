// What the explorer keeps of a network, and of a container's place on each network.
import type Docker from 'dockerode';
import { isBuiltInNetwork } from './networkSpec';

/** A container with an endpoint on the network (running: the engine lists only live endpoints). */
export interface NetworkEndpoint {
  containerId: string;
  name: string;
  ipv4?: string;
  ipv6?: string;
  mac?: string;
}

export interface IpamPool {
  subnet?: string;
  gateway?: string;
  ipRange?: string;
}

export interface NetworkModel {
  id: string;
  name: string;
  driver: string;
  scope: string;
  created?: string;
  internal: boolean;
  attachable: boolean;
  ingress: boolean;
  enableIPv6: boolean;
  ipamDriver: string;
  pools: IpamPool[];
  options: Record<string, string>;
  labels: Record<string, string>;
  /** bridge, host, none: every engine has them and none can be removed. */
  builtIn: boolean;
  endpoints: NetworkEndpoint[];
}

/** A container's attachment to one network, as its inspect says (aliases only inspect knows). */
export interface NetworkAttachment {
  network: string;
  ipv4?: string;
  ipv6?: string;
  aliases: string[];
}

/** "10.0.0.2/24" without the prefix; undefined for "". */
function address(cidr: string | undefined): string | undefined {
  return cidr ? cidr.split('/')[0] : undefined;
}

export function toNetworkModel(info: Docker.NetworkInspectInfo): NetworkModel {
  const containers = (info.Containers ?? {}) as Record<string, { Name?: string; IPv4Address?: string; IPv6Address?: string; MacAddress?: string }>;
  return {
    id: info.Id,
    name: info.Name,
    driver: info.Driver,
    scope: info.Scope,
    created: info.Created,
    internal: info.Internal === true,
    attachable: info.Attachable === true,
    ingress: info.Ingress === true,
    enableIPv6: info.EnableIPv6 === true,
    ipamDriver: info.IPAM?.Driver ?? 'default',
    pools: ((info.IPAM?.Config ?? []) as { Subnet?: string; Gateway?: string; IPRange?: string }[]).map((c) => ({
      subnet: c.Subnet || undefined,
      gateway: c.Gateway || undefined,
      ipRange: c.IPRange || undefined,
    })),
    options: info.Options ?? {},
    labels: info.Labels ?? {},
    builtIn: isBuiltInNetwork(info.Name),
    endpoints: Object.entries(containers)
      .filter(([id]) => !id.startsWith('ep-')) // endpoints of load balancers, not containers
      .map(([containerId, c]) => ({
        containerId,
        name: c.Name ?? containerId.slice(0, 12),
        ipv4: address(c.IPv4Address),
        ipv6: address(c.IPv6Address),
        mac: c.MacAddress || undefined,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

interface EndpointSettingsLike {
  IPAddress?: string;
  GlobalIPv6Address?: string;
  Aliases?: string[] | null;
}

/** Each network of an inspected container, with its addresses and the aliases people gave (the short id the engine adds left out). */
export function networkAttachments(info: { Id: string; NetworkSettings?: { Networks?: Record<string, EndpointSettingsLike> } }): NetworkAttachment[] {
  const shortId = info.Id.slice(0, 12);
  return Object.entries(info.NetworkSettings?.Networks ?? {})
    .map(([network, e]) => ({
      network,
      ipv4: e.IPAddress || undefined,
      ipv6: e.GlobalIPv6Address || undefined,
      aliases: (e.Aliases ?? []).filter((a) => a !== shortId),
    }))
    .sort((a, b) => a.network.localeCompare(b.network));
}
