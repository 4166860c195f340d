import { parseHost, type EngineEndpoint } from './connection';
import type { PortBinding } from './models';

/** A container port published on the engine's host, with the address a browser on this machine opens. */
export interface PublishedPort {
  /** The host port (`-p 8080:80` publishes 8080). */
  hostPort: number;
  /** The container's own port (80 above). */
  containerPort: number;
  /** Where the engine listens for it: 0.0.0.0 / :: for every address, or one address (`-p 127.0.0.1:8080:80`). */
  hostIp: string;
  url: string;
}

const everyAddress = new Set(['', '0.0.0.0', '::']);
const httpsPorts = new Set([443, 8443]);

/**
 * The TCP ports a container publishes, one per host port (the engine lists 0.0.0.0 and :: apart),
 * in host-port order. `engineHost` is the host of a tcp:// or ssh:// engine, whose published ports
 * are on that machine; undefined for a local socket, whose ports are on this one.
 */
export function publishedPorts(ports: readonly PortBinding[], engineHost?: string): PublishedPort[] {
  const byHostPort = new Map<number, PublishedPort>();
  for (const p of ports) {
    if (!p.publicPort || p.type !== 'tcp') {
      continue; // not published, or UDP: nothing a browser can open
    }
    const ip = p.ip ?? '';
    const known = byHostPort.get(p.publicPort);
    if (known && !everyAddress.has(known.hostIp)) {
      continue;
    }
    if (known && everyAddress.has(ip)) {
      continue; // 0.0.0.0 and :: are one host port
    }
    const scheme = httpsPorts.has(p.privatePort) ? 'https' : 'http';
    byHostPort.set(p.publicPort, {
      hostPort: p.publicPort,
      containerPort: p.privatePort,
      hostIp: ip,
      url: `${scheme}://${publishedHost(ip, engineHost)}:${p.publicPort}/`,
    });
  }
  return [...byHostPort.values()].sort((a, b) => a.hostPort - b.hostPort);
}

/** The host this machine reaches a port on that the engine published on `ip` (IPv6 in brackets). */
export function publishedHost(ip: string | undefined, engineHost?: string): string {
  return bracketed(everyAddress.has(ip ?? '') ? (engineHost ?? 'localhost') : (ip ?? ''));
}

/** The engine's host when it is a tcp:// or ssh:// one (its ports are on that machine); undefined for a local socket. */
export function engineHostOf(endpoint: EngineEndpoint | undefined): string | undefined {
  if (!endpoint) {
    return undefined;
  }
  try {
    const parsed = parseHost(endpoint.host);
    return parsed.scheme === 'tcp' || parsed.scheme === 'ssh' ? parsed.host : undefined;
  } catch {
    return undefined;
  }
}

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
