import { containerNamePattern } from './containerName';
import { scrubSecrets } from './maskSecrets';
import { isBuiltInNetwork, NetworkSpecError, parseAddressIn, parseAlias, parseHostname, parseNetworkRef } from './networkSpec';
import { printable } from './shell';
import { volumeNamePattern } from './volumeName';

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
    fail(`${option} "${name}" is not a valid container name: use at least 2 characters, letters, digits, _, . or -, starting with a letter or digit (e.g. web-1).`);
  }
  return name.replace(/^\//, '');
}

/** KEY=VALUE; the key may not be empty nor hold '=', spaces or control characters. */
export function parseKeyValue(raw: string, option: string): string {
  const eq = raw.indexOf('=');
  if (eq < 0) {
    fail(`${option} "${raw}" has no value: write KEY=VALUE (KEY= for an empty value).`);
  }
  const key = raw.slice(0, eq);
  if (key === '') {
    fail(`${option} "${raw}" has no name before "=": write KEY=VALUE, e.g. ${option} MODE=production.`);
  }
  if (/\s/.test(key) || controlChars.test(key)) {
    fail(`${option} name "${key.replace(controlChars, '?')}" contains spaces or control characters; use letters, digits and _ (e.g. MY_SETTING).`);
  }
  return raw;
}

function parsePortNumbers(raw: string, what: string, spec: string): { start: number; end: number } {
  const match = /^(\d+)(?:-(\d+))?$/.exec(raw);
  if (!match) {
    return fail(`-p ${spec}: the ${what} "${raw}" is not a port number; use a number from 1 to 65535 or a range such as 8000-8010.`);
  }
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  for (const port of [start, end]) {
    if (port < 1 || port > 65535) {
      fail(`-p ${spec}: ${what} ${port} is out of range; ports go from 1 to 65535.`);
    }
  }
  if (end < start) {
    fail(`-p ${spec}: the ${what} range ${raw} ends before it starts; write the lower port first.`);
  }
  return { start, end };
}

/** `[ip:][hostPort:]containerPort[/tcp|udp|sctp]`, ports or ranges, IPv6 addresses in brackets. */
export function parsePort(spec: string): PortSpec {
  const raw = spec.trim();
  if (raw === '') {
    fail('-p needs a port mapping such as 8080:80, 127.0.0.1:8080:80 or 53:53/udp.');
  }
  let rest = raw;
  let protocol: PortSpec['protocol'] = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    const proto = rest.slice(slash + 1).toLowerCase();
    if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') {
      fail(`-p ${raw}: "${rest.slice(slash + 1)}" is not a protocol; use /tcp, /udp or /sctp (tcp when left out).`);
    }
    protocol = proto as PortSpec['protocol'];
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0 || rest[close + 1] !== ':') {
      fail(`-p ${raw}: write an IPv6 address in brackets followed by the ports, e.g. [::1]:8080:80.`);
    }
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  let hostPort: string | undefined;
  let containerPort: string;
  if (hostIp !== undefined) {
    if (parts.length !== 2) {
      fail(`-p ${raw}: after the address give hostPort:containerPort, e.g. [::1]:8080:80.`);
    }
    [hostPort, containerPort] = parts;
  } else if (parts.length === 1) {
    [containerPort] = parts;
  } else if (parts.length === 2) {
    [hostPort, containerPort] = parts;
  } else if (parts.length === 3) {
    [hostIp, hostPort, containerPort] = parts;
  } else {
    return fail(`-p ${raw}: too many ":"; the form is [ip:]hostPort:containerPort[/protocol], e.g. 127.0.0.1:8080:80.`);
  }
  if (hostIp !== undefined && !/^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*)$/.test(hostIp)) {
    fail(`-p ${raw}: "${hostIp}" is not an IP address; use one such as 127.0.0.1 or 0.0.0.0, or leave it out.`);
  }
  if (hostIp !== undefined && /^\d/.test(hostIp) && !hostIp.includes(':') && hostIp.split('.').some((n) => Number(n) > 255)) {
    fail(`-p ${raw}: "${hostIp}" is not an IPv4 address (each part goes from 0 to 255).`);
  }
  if (containerPort === '') {
    fail(`-p ${raw}: the container port is missing; write the port the program listens on inside the container, e.g. 8080:80.`);
  }
  const inner = parsePortNumbers(containerPort, 'container port', raw);
  if (hostPort === '') {
    hostPort = undefined;
  }
  if (hostPort !== undefined) {
    const outer = parsePortNumbers(hostPort, 'host port', raw);
    const innerCount = inner.end - inner.start;
    const outerCount = outer.end - outer.start;
    if (innerCount > 0 && innerCount !== outerCount) {
      fail(`-p ${raw}: the host range and the container range have different sizes; give ranges of the same length, e.g. 8000-8001:80-81.`);
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
    fail('-v needs a mount such as data:/data, /host/dir:/data:ro or /data.');
  }
  const parts = raw.split(':');
  if (parts.length > 3) {
    fail(`-v ${raw}: too many ":"; the form is source:/container/path[:ro], e.g. data:/data:ro.`);
  }
  if (parts.length === 1) {
    return { kind: 'anonymous', target: checkTarget(parts[0], raw) };
  }
  const [source, target, mode] = parts;
  if (mode !== undefined) {
    const modes = mode.split(',');
    const bad = modes.find((m) => !volumeModes.has(m));
    if (bad !== undefined || (modes.includes('ro') && modes.includes('rw'))) {
      fail(`-v ${raw}: "${mode}" is not a mount mode; use ro (read-only) or rw (read-write, the default).`);
    }
  }
  checkTarget(target, raw);
  if (source.startsWith('/')) {
    return { kind: 'bind', source, target, mode };
  }
  if (source === '') {
    fail(`-v ${raw}: the source is empty; give a volume name or an absolute host path before ":".`);
  }
  if (source.startsWith('.') || source.startsWith('~') || source.includes('/')) {
    fail(`-v ${raw}: "${source}" is a relative path; give an absolute host path (starting with /) or a volume name.`);
  }
  if (!volumeNamePattern.test(source)) {
    fail(`-v ${raw}: "${source}" is not a valid volume name: use at least 2 characters, letters, digits, _, . or -, starting with a letter or digit.`);
  }
  return { kind: 'volume', source, target, mode };
}

function checkTarget(target: string, raw: string): string {
  if (!target.startsWith('/')) {
    fail(`-v ${raw}: the container path "${target}" must be absolute (start with /), e.g. data:/data.`);
  }
  if (target === '/') {
    fail(`-v ${raw}: a volume cannot be mounted on / inside the container; choose a directory such as /data.`);
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
    fail(`--volumes-from ${raw}: write a container name, optionally followed by :ro or :rw (e.g. --volumes-from data:ro).`);
  }
  validateContainerName(name, '--volumes-from');
  return raw;
}

/** `name[:alias]`. */
export function parseLink(raw: string): string {
  const [name, alias, extra] = raw.split(':');
  if (extra !== undefined) {
    fail(`--link ${raw}: write container[:alias], e.g. --link db:database.`);
  }
  validateContainerName(name, '--link');
  if (alias !== undefined && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(alias)) {
    fail(`--link ${raw}: the alias "${alias}" is not a valid host name; use letters, digits, _, . or -.`);
  }
  return raw;
}

export function parseRestart(raw: string): string {
  const match = /^(no|always|unless-stopped|on-failure)(?::(.*))?$/.exec(raw);
  if (!match) {
    return fail(`--restart ${raw}: use no, always, unless-stopped or on-failure[:max-retries], e.g. --restart unless-stopped.`);
  }
  if (match[2] !== undefined) {
    if (match[1] !== 'on-failure') {
      fail(`--restart ${raw}: only on-failure takes a retry count (on-failure:5).`);
    }
    if (!/^\d+$/.test(match[2])) {
      fail(`--restart ${raw}: the retry count "${match[2]}" must be a whole number, e.g. on-failure:5.`);
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
    fail(`--network-alias needs --network with a user-defined network (not ${options.network ?? 'the default bridge'}): create one with docker network create.`);
  }
  if (options.ip !== undefined && !userNetwork) {
    fail(`--ip needs --network with a user-defined network (not ${options.network ?? 'the default bridge'}) whose subnet holds the address.`);
  }
  if (options.network === 'host' && options.ports.length > 0) {
    fail("-p does nothing with --network host: the container uses the host's ports directly. Drop -p or the host network.");
  }
  if ((options.network === 'host' || options.network === 'none') && options.links.length > 0) {
    fail(`--link does not work with --network ${options.network}. Drop --link.`);
  }
  if (options.autoRemove && options.restart !== undefined && options.restart !== 'no') {
    fail(`--rm and --restart ${options.restart} conflict: a container removed when it exits cannot be restarted. Drop one of them.`);
  }
}
