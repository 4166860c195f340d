import { containerNamePattern } from './containerName';
import { scrubSecrets } from './maskSecrets';
import { isBuiltInNetwork, NetworkSpecError, parseAddressIn, parseAlias, parseHostname, parseNetworkRef } from './networkSpec';
import { printable } from './shell';
import { volumeNamePattern } from './volumeName';
import * as l10n from '@vscode/l10n';

/**
 * The everyday `docker run` options as a specification, each option parsed and validated the way
 * the docker CLI reads it. runOptions.ts reads a whole options line; runSpecBuild.ts turns a spec
 * into the engine's create options, a line people can paste, and back from inspect.
 */
export interface PortSpec {
  hostIp?: string;
  /** A port, a range "8000-8010", or undefined for a port the engine picks. */
  hostPort?: string;
  /** A port or a range "80-81". */
  containerPort: string;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export interface VolumeSpec {
  kind: 'bind' | 'volume' | 'anonymous';
  /** The host path (bind) or the volume name (volume). */
  source?: string;
  target: string;
  /** ro, rw, z, Z, nocopy, comma-separated as typed; undefined when none. */
  mode?: string;
}

export interface RunSpec {
  image: string;
  name?: string;
  command?: string[];
  env: string[];
  labels: string[];
  ports: PortSpec[];
  volumes: VolumeSpec[];
  volumesFrom: string[];
  links: string[];
  interactive: boolean;
  tty: boolean;
  detach: boolean;
  autoRemove: boolean;
  init: boolean;
  /** no | always | unless-stopped | on-failure[:N]; undefined is the engine's default (no). */
  restart?: string;
  /** `--network`: a network's name or id; undefined is the default bridge. */
  network?: string;
  /** `--network-alias`, on that network (user-defined networks only). */
  networkAliases: string[];
  /** `--ip`: a fixed IPv4 address inside that network's subnet. */
  ip?: string;
  hostname?: string;
}

/** What `parseRunOptions` reads: everything but the image. */
export type RunOptions = Omit<RunSpec, 'image'>;

export class RunSpecError extends Error {
  constructor(message: string) {
    // Messages quote what was typed: control characters are shown as \xNN and secrets masked.
    super(printable(scrubSecrets(message)));
    this.name = 'RunSpecError';
  }
}

export const fail = (message: string): never => {
  throw new RunSpecError(message);
};

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlChars = /[\x00-\x1f\x7f]/;

export function emptyRunOptions(): RunOptions {
  return {
    env: [],
    labels: [],
    ports: [],
    volumes: [],
    volumesFrom: [],
    links: [],
    interactive: false,
    tty: false,
    detach: false,
    autoRemove: false,
    init: false,
    networkAliases: [],
  };
}

// ---- single values ---------------------------------------------------------------------------

export function validateContainerName(name: string, option = '--name'): string {
  // --link and --volumes-from also take the engine's own spelling with a leading slash.
  if (!containerNamePattern.test(name.replace(/^\//, ''))) {
    fail(
      l10n.t(
        '{0} "{1}" is not a valid container name: use at least 2 characters, letters, digits, _, . or -, starting with a letter or digit (e.g. web-1).',
        option,
        name,
      ),
    );
  }
  return name.replace(/^\//, '');
}

/** KEY=VALUE; the key may not be empty nor hold '=', spaces or control characters. */
export function parseKeyValue(raw: string, option: string): string {
  const eq = raw.indexOf('=');
  if (eq < 0) {
    fail(l10n.t('{0} "{1}" has no value: write KEY=VALUE (KEY= for an empty value).', option, raw));
  }
  const key = raw.slice(0, eq);
  if (key === '') {
    fail(l10n.t('{0} "{1}" has no name before "=": write KEY=VALUE, e.g. {0} MODE=production.', option, raw));
  }
  if (/\s/.test(key) || controlChars.test(key)) {
    fail(l10n.t('{0} name "{1}" contains spaces or control characters; use letters, digits and _ (e.g. MY_SETTING).', option, key.replace(controlChars, '?')));
  }
  return raw;
}

/** `side`: which half of the mapping `raw` is, so each message names it in a whole sentence. */
function parsePortNumbers(raw: string, side: 'host' | 'container', spec: string): { start: number; end: number } {
  const host = side === 'host';
  const match = /^(\d+)(?:-(\d+))?$/.exec(raw);
  if (!match) {
    return fail(
      host
        ? l10n.t('-p {0}: the host port "{1}" is not a port number; use a number from 1 to 65535 or a range such as 8000-8010.', spec, raw)
        : l10n.t('-p {0}: the container port "{1}" is not a port number; use a number from 1 to 65535 or a range such as 8000-8010.', spec, raw),
    );
  }
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  for (const port of [start, end]) {
    if (port < 1 || port > 65535) {
      fail(
        host
          ? l10n.t('-p {0}: host port {1} is out of range; ports go from 1 to 65535.', spec, port)
          : l10n.t('-p {0}: container port {1} is out of range; ports go from 1 to 65535.', spec, port),
      );
    }
  }
  if (end < start) {
    fail(
      host
        ? l10n.t('-p {0}: the host port range {1} ends before it starts; write the lower port first.', spec, raw)
        : l10n.t('-p {0}: the container port range {1} ends before it starts; write the lower port first.', spec, raw),
    );
  }
  return { start, end };
}

/** `[ip:][hostPort:]containerPort[/tcp|udp|sctp]`, ports or ranges, IPv6 addresses in brackets. */
export function parsePort(spec: string): PortSpec {
  const raw = spec.trim();
  if (raw === '') {
    fail(l10n.t('-p needs a port mapping such as 8080:80, 127.0.0.1:8080:80 or 53:53/udp.'));
  }
  let rest = raw;
  let protocol: PortSpec['protocol'] = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    const proto = rest.slice(slash + 1).toLowerCase();
    if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') {
      fail(l10n.t('-p {0}: "{1}" is not a protocol; use /tcp, /udp or /sctp (tcp when left out).', raw, rest.slice(slash + 1)));
    }
    protocol = proto as PortSpec['protocol'];
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0 || rest[close + 1] !== ':') {
      fail(l10n.t('-p {0}: write an IPv6 address in brackets followed by the ports, e.g. [::1]:8080:80.', raw));
    }
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  let hostPort: string | undefined;
  let containerPort: string;
  if (hostIp !== undefined) {
    if (parts.length !== 2) {
      fail(l10n.t('-p {0}: after the address give hostPort:containerPort, e.g. [::1]:8080:80.', raw));
    }
    [hostPort, containerPort] = parts;
  } else if (parts.length === 1) {
    [containerPort] = parts;
  } else if (parts.length === 2) {
    [hostPort, containerPort] = parts;
  } else if (parts.length === 3) {
    [hostIp, hostPort, containerPort] = parts;
  } else {
    return fail(l10n.t('-p {0}: too many ":"; the form is [ip:]hostPort:containerPort[/protocol], e.g. 127.0.0.1:8080:80.', raw));
  }
  if (hostIp !== undefined && !/^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*)$/.test(hostIp)) {
    fail(l10n.t('-p {0}: "{1}" is not an IP address; use one such as 127.0.0.1 or 0.0.0.0, or leave it out.', raw, hostIp));
  }
  if (hostIp !== undefined && /^\d/.test(hostIp) && !hostIp.includes(':') && hostIp.split('.').some((n) => Number(n) > 255)) {
    fail(l10n.t('-p {0}: "{1}" is not an IPv4 address (each part goes from 0 to 255).', raw, hostIp));
  }
  if (containerPort === '') {
    fail(l10n.t('-p {0}: the container port is missing; write the port the program listens on inside the container, e.g. 8080:80.', raw));
  }
  const inner = parsePortNumbers(containerPort, 'container', raw);
  if (hostPort === '') {
    hostPort = undefined;
  }
  if (hostPort !== undefined) {
    const outer = parsePortNumbers(hostPort, 'host', raw);
    const innerCount = inner.end - inner.start;
    const outerCount = outer.end - outer.start;
    if (innerCount > 0 && innerCount !== outerCount) {
      fail(l10n.t('-p {0}: the host range and the container range have different sizes; give ranges of the same length, e.g. 8000-8001:80-81.', raw));
    }
  }
  return { hostIp: hostIp === '' ? undefined : hostIp, hostPort, containerPort, protocol };
}

export function formatPort(p: PortSpec): string {
  const ip = p.hostIp === undefined ? '' : p.hostIp.includes(':') ? `[${p.hostIp}]:` : `${p.hostIp}:`;
  const host = p.hostPort !== undefined ? `${p.hostPort}:` : ip !== '' ? ':' : '';
  return `${ip}${host}${p.containerPort}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}`;
}

const volumeModes = new Set(['ro', 'rw', 'z', 'Z', 'nocopy']);

/** `/host:/path[:mode]` (bind), `name:/path[:mode]` (named volume), `/path` (anonymous volume). */
export function parseVolume(spec: string): VolumeSpec {
  const raw = spec.trim();
  if (raw === '') {
    fail(l10n.t('-v needs a mount such as data:/data, /host/dir:/data:ro or /data.'));
  }
  const parts = raw.split(':');
  if (parts.length > 3) {
    fail(l10n.t('-v {0}: too many ":"; the form is source:/container/path[:ro], e.g. data:/data:ro.', raw));
  }
  if (parts.length === 1) {
    return { kind: 'anonymous', target: checkTarget(parts[0], raw) };
  }
  const [source, target, mode] = parts;
  if (mode !== undefined) {
    const modes = mode.split(',');
    const bad = modes.find((m) => !volumeModes.has(m));
    if (bad !== undefined || (modes.includes('ro') && modes.includes('rw'))) {
      fail(l10n.t('-v {0}: "{1}" is not a mount mode; use ro (read-only) or rw (read-write, the default).', raw, mode));
    }
  }
  checkTarget(target, raw);
  if (source.startsWith('/')) {
    return { kind: 'bind', source, target, mode };
  }
  if (source === '') {
    fail(l10n.t('-v {0}: the source is empty; give a volume name or an absolute host path before ":".', raw));
  }
  if (source.startsWith('.') || source.startsWith('~') || source.includes('/')) {
    fail(l10n.t('-v {0}: "{1}" is a relative path; give an absolute host path (starting with /) or a volume name.', raw, source));
  }
  if (!volumeNamePattern.test(source)) {
    fail(l10n.t('-v {0}: "{1}" is not a valid volume name: use at least 2 characters, letters, digits, _, . or -, starting with a letter or digit.', raw, source));
  }
  return { kind: 'volume', source, target, mode };
}

function checkTarget(target: string, raw: string): string {
  if (!target.startsWith('/')) {
    fail(l10n.t('-v {0}: the container path "{1}" must be absolute (start with /), e.g. data:/data.', raw, target));
  }
  if (target === '/') {
    fail(l10n.t('-v {0}: a volume cannot be mounted on / inside the container; choose a directory such as /data.', raw));
  }
  return target;
}

export function formatVolume(v: VolumeSpec): string {
  return v.kind === 'anonymous' ? v.target : `${v.source}:${v.target}${v.mode ? `:${v.mode}` : ''}`;
}

/** `name[:ro|rw]`. */
export function parseVolumesFrom(raw: string): string {
  const [name, mode, extra] = raw.split(':');
  if (extra !== undefined || (mode !== undefined && mode !== 'ro' && mode !== 'rw')) {
    fail(l10n.t('--volumes-from {0}: write a container name, optionally followed by :ro or :rw (e.g. --volumes-from data:ro).', raw));
  }
  validateContainerName(name, '--volumes-from');
  return raw;
}

/** `name[:alias]`. */
export function parseLink(raw: string): string {
  const [name, alias, extra] = raw.split(':');
  if (extra !== undefined) {
    fail(l10n.t('--link {0}: write container[:alias], e.g. --link db:database.', raw));
  }
  validateContainerName(name, '--link');
  if (alias !== undefined && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(alias)) {
    fail(l10n.t('--link {0}: the alias "{1}" is not a valid host name; use letters, digits, _, . or -.', raw, alias));
  }
  return raw;
}

export function parseRestart(raw: string): string {
  const match = /^(no|always|unless-stopped|on-failure)(?::(.*))?$/.exec(raw);
  if (!match) {
    return fail(l10n.t('--restart {0}: use no, always, unless-stopped or on-failure[:max-retries], e.g. --restart unless-stopped.', raw));
  }
  if (match[2] !== undefined) {
    if (match[1] !== 'on-failure') {
      fail(l10n.t('--restart {0}: only on-failure takes a retry count (on-failure:5).', raw));
    }
    if (!/^\d+$/.test(match[2])) {
      fail(l10n.t('--restart {0}: the retry count "{1}" must be a whole number, e.g. on-failure:5.', raw, match[2]));
    }
  }
  return raw;
}

/** The network parsers' refusals as the run form's own. */
function asRunOption<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof NetworkSpecError) fail(err.message);
    throw err;
  }
}

export const parseRunNetwork = (raw: string): string => asRunOption(() => parseNetworkRef(raw));
export const parseRunNetworkAlias = (raw: string): string => asRunOption(() => parseAlias(raw, '--network-alias'));
/** `--ip`: IPv4 only here; whether it is inside the network's subnet is checked against the engine's networks. */
export const parseRunIp = (raw: string): string => asRunOption(() => parseAddressIn(raw, undefined, '--ip'));
export const parseRunHostname = (raw: string): string => asRunOption(() => parseHostname(raw));

/** Checks the options together; parsing already checked each one. */
export function validateRunOptions(options: RunOptions): void {
  const userNetwork = options.network !== undefined && !isBuiltInNetwork(options.network);
  if (options.networkAliases.length > 0 && !userNetwork) {
    fail(
      options.network === undefined
        ? l10n.t('--network-alias needs --network with a user-defined network (not the default bridge): create one with docker network create.')
        : l10n.t('--network-alias needs --network with a user-defined network (not {0}): create one with docker network create.', options.network),
    );
  }
  if (options.ip !== undefined && !userNetwork) {
    fail(
      options.network === undefined
        ? l10n.t('--ip needs --network with a user-defined network (not the default bridge) whose subnet holds the address.')
        : l10n.t('--ip needs --network with a user-defined network (not {0}) whose subnet holds the address.', options.network),
    );
  }
  if (options.network === 'host' && options.ports.length > 0) {
    fail(l10n.t("-p does nothing with --network host: the container uses the host's ports directly. Drop -p or the host network."));
  }
  if ((options.network === 'host' || options.network === 'none') && options.links.length > 0) {
    fail(l10n.t('--link does not work with --network {0}. Drop --link.', options.network));
  }
  if (options.autoRemove && options.restart !== undefined && options.restart !== 'no') {
    fail(l10n.t('--rm and --restart {0} conflict: a container removed when it exits cannot be restarted. Drop one of them.', options.restart));
  }
}
