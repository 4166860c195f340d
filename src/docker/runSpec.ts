import type Docker from 'dockerode';
import { scrubSecrets } from './maskSecrets';
import { shellQuote } from './shell';

/**
 * The everyday `docker run` options, parsed and validated the way the docker CLI reads them,
 * turned into the engine's create options, into a line people can paste, and back from inspect.
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
}

/** What `parseRunOptions` reads: everything but the image. */
export type RunOptions = Omit<RunSpec, 'image'>;

export class RunSpecError extends Error {
  constructor(message: string) {
    // Messages quote what was typed: control characters are shown as \xNN and secrets masked.
    super(scrubSecrets(message).replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
    this.name = 'RunSpecError';
  }
}

const fail = (message: string): never => {
  throw new RunSpecError(message);
};

const containerNamePattern = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const volumeNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const controlChars = /[\x00-\x1f\x7f]/;

export function emptyRunOptions(): RunOptions {
  return { env: [], labels: [], ports: [], volumes: [], volumesFrom: [], links: [], interactive: false, tty: false, detach: false, autoRemove: false, init: false };
}

// ---- single values ---------------------------------------------------------------------------

export function validateContainerName(name: string, option = '--name'): string {
  if (!containerNamePattern.test(name)) {
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
    if (bad !== undefined || modes.includes('ro') && modes.includes('rw')) {
      fail(`-v ${raw}: "${mode}" is not a mount mode; use ro (read-only) or rw (read-write, the default).`);
    }
  }
  checkTarget(target, raw);
  if (source.startsWith('/')) {
    return { kind: 'bind', source, target, mode };
  }
  if (source === '' ) {
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

/** Checks the options together; parsing already checked each one. */
export function validateRunOptions(options: RunOptions): void {
  if (options.autoRemove && options.restart !== undefined && options.restart !== 'no') {
    fail(`--rm and --restart ${options.restart} conflict: a container removed when it exits cannot be restarted. Drop one of them.`);
  }
}

// ---- the options line ------------------------------------------------------------------------

/** Splits like a POSIX shell: single and double quotes, backslash escapes; no expansion. */
export function splitShellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) word += text[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 < text.length) word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) {
    fail(`A ${quote === '"' ? 'double' : 'single'} quote is not closed; close it or remove it.`);
  }
  if (inWord) words.push(word);
  return words;
}

type ValueOption = 'name' | 'env' | 'label' | 'publish' | 'volume' | 'volumes-from' | 'link' | 'restart';
type FlagOption = 'interactive' | 'tty' | 'detach' | 'rm' | 'init';

const longValueOptions = new Set<ValueOption>(['name', 'env', 'label', 'publish', 'volume', 'volumes-from', 'link', 'restart']);
const longFlagOptions = new Set<FlagOption>(['interactive', 'tty', 'detach', 'rm', 'init']);
const shortValue: Record<string, ValueOption> = { e: 'env', l: 'label', p: 'publish', v: 'volume' };
const shortFlag: Record<string, FlagOption> = { i: 'interactive', t: 'tty', d: 'detach' };
const supported = '--name, -p, -e, -v, -l, --link, --volumes-from, --restart, --rm, --init, -i, -t, -d';

/**
 * Reads a line of `docker run` options (everything between `docker run` and the image) plus an
 * optional command: after `--`, or from the first word that is not an option.
 */
export function parseRunOptions(text: string): RunOptions {
  const words = splitShellWords(text);
  const options = emptyRunOptions();
  const setValue = (option: ValueOption, value: string) => {
    switch (option) {
      case 'name':
        options.name = validateContainerName(value);
        break;
      case 'env':
        options.env.push(parseKeyValue(value, '-e'));
        break;
      case 'label':
        options.labels.push(parseKeyValue(value, '--label'));
        break;
      case 'publish':
        options.ports.push(parsePort(value));
        break;
      case 'volume':
        options.volumes.push(parseVolume(value));
        break;
      case 'volumes-from':
        options.volumesFrom.push(parseVolumesFrom(value));
        break;
      case 'link':
        options.links.push(parseLink(value));
        break;
      case 'restart':
        options.restart = parseRestart(value);
        break;
    }
  };
  const setFlag = (flag: FlagOption) => {
    if (flag === 'rm') options.autoRemove = true;
    else options[flag] = true;
  };
  const example: Record<ValueOption, string> = {
    name: '--name web',
    env: '-e MODE=production',
    label: '--label team=web',
    publish: '-p 8080:80',
    volume: '-v data:/data',
    'volumes-from': '--volumes-from data',
    link: '--link db:db',
    restart: '--restart unless-stopped',
  };
  let i = 0;
  const valueFor = (option: ValueOption, typed: string): string => {
    if (i + 1 >= words.length) {
      fail(`${typed} needs a value, e.g. ${example[option]}.`);
    }
    return words[++i];
  };
  for (; i < words.length; i++) {
    const word = words[i];
    if (word === '--') {
      i++;
      break;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = (eq < 0 ? word.slice(2) : word.slice(2, eq)) as ValueOption & FlagOption;
      if (longValueOptions.has(name)) {
        setValue(name, eq < 0 ? valueFor(name, word) : word.slice(eq + 1));
      } else if (longFlagOptions.has(name) && eq < 0) {
        setFlag(name);
      } else {
        fail(`${word} is not an option this form knows. Supported: ${supported}. Put the command after -- (e.g. -- sh -c "echo hi").`);
      }
    } else if (word.startsWith('-') && word.length > 1) {
      // Short options combine like the CLI's: -it, -dit, -p8080:80, -eA=1.
      for (let j = 1; j < word.length; j++) {
        const letter = word[j];
        if (shortFlag[letter]) {
          setFlag(shortFlag[letter]);
        } else if (shortValue[letter]) {
          const attached = word.slice(j + 1).replace(/^=/, '');
          setValue(shortValue[letter], attached !== '' ? attached : valueFor(shortValue[letter], `-${letter}`));
          break;
        } else {
          fail(`-${letter} (in ${word}) is not an option this form knows. Supported: ${supported}.`);
        }
      }
    } else {
      break;
    }
  }
  const command = words.slice(i);
  if (command.length > 0) {
    options.command = command;
  }
  validateRunOptions(options);
  return options;
}

/** The problem with an options line, or undefined when it is fine (for an input box). */
export function runOptionsProblem(text: string): string | undefined {
  try {
    parseRunOptions(text);
    return undefined;
  } catch (err) {
    if (err instanceof RunSpecError) {
      return err.message;
    }
    throw err;
  }
}

/** A RunSpec-like object (from a keybinding or a test): strings where parsed values go, all checked. */
export function runSpecFrom(input: Record<string, unknown>): RunSpec {
  if (typeof input.image !== 'string' || input.image.trim() === '') {
    fail('The run arguments need an image, e.g. { image: "nginx:1.27" }.');
  }
  const strings = (key: string): string[] => {
    const value = input[key] ?? [];
    if (!Array.isArray(value)) {
      return fail(`"${key}" must be a list.`);
    }
    return value.map((v) => (typeof v === 'string' ? v : typeof v === 'object' && v ? (key === 'ports' ? formatPort(v as PortSpec) : formatVolume(v as VolumeSpec)) : String(v)));
  };
  const command = input.command;
  const spec: RunSpec = {
    image: (input.image as string).trim(),
    name: input.name === undefined ? undefined : validateContainerName(String(input.name)),
    command: typeof command === 'string' ? splitShellWords(command) : Array.isArray(command) ? command.map(String) : undefined,
    env: strings('env').map((e) => parseKeyValue(e, '-e')),
    labels: strings('labels').map((e) => parseKeyValue(e, '--label')),
    ports: strings('ports').map(parsePort),
    volumes: strings('volumes').map(parseVolume),
    volumesFrom: strings('volumesFrom').map(parseVolumesFrom),
    links: strings('links').map(parseLink),
    interactive: input.interactive === true,
    tty: input.tty === true,
    detach: input.detach === true,
    autoRemove: input.autoRemove === true,
    init: input.init === true,
    restart: input.restart === undefined ? undefined : parseRestart(String(input.restart)),
  };
  validateRunOptions(spec);
  return spec;
}

// ---- outputs ---------------------------------------------------------------------------------

function expandPorts(p: PortSpec): { key: string; hostPort: string }[] {
  const [innerStart, innerEnd = innerStart] = p.containerPort.split('-').map(Number);
  const outer = p.hostPort?.split('-').map(Number);
  const result: { key: string; hostPort: string }[] = [];
  for (let port = innerStart; port <= innerEnd; port++) {
    // Equal ranges map one to one; one container port with a host range lets the engine pick.
    const hostPort = outer === undefined ? '' : innerEnd > innerStart ? String(outer[0] + port - innerStart) : p.hostPort!;
    result.push({ key: `${port}/${p.protocol}`, hostPort });
  }
  return result;
}

/** The engine's create options, as the docker CLI builds them for these flags. */
export function toCreateOptions(spec: RunSpec, options: { create?: boolean } = {}): Docker.ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of spec.ports) {
    for (const { key, hostPort } of expandPorts(p)) {
      exposed[key] = {};
      (bindings[key] ??= []).push({ HostIp: p.hostIp ?? '', HostPort: hostPort });
    }
  }
  const anonymous = spec.volumes.filter((v) => v.kind === 'anonymous');
  const binds = spec.volumes.filter((v) => v.kind !== 'anonymous').map(formatVolume);
  // `docker run` attaches unless -d; `docker create` records the same attach flags without -d.
  const attached = options.create ? true : !spec.detach;
  const [restartName, retries] = (spec.restart ?? 'no').split(':');
  const labels = Object.fromEntries(spec.labels.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return {
    name: spec.name,
    Image: spec.image,
    Cmd: spec.command,
    Env: spec.env,
    Labels: labels,
    Tty: spec.tty,
    OpenStdin: spec.interactive,
    AttachStdin: spec.interactive && attached,
    AttachStdout: attached,
    AttachStderr: attached,
    StdinOnce: spec.interactive && attached && !options.create,
    ExposedPorts: exposed,
    Volumes: Object.fromEntries(anonymous.map((v) => [v.target, {}])),
    HostConfig: {
      PortBindings: bindings,
      Binds: binds,
      VolumesFrom: spec.volumesFrom,
      Links: spec.links,
      RestartPolicy: { Name: restartName, MaximumRetryCount: retries === undefined ? 0 : Number(retries) },
      AutoRemove: spec.autoRemove,
      Init: spec.init || undefined,
    },
  };
}

/** A `docker run ...` (or `docker create ...`) line people can paste into a shell. */
export function toDockerRunLine(spec: RunSpec, options: { create?: boolean } = {}): string {
  return toDockerRunWords(spec, options).map(shellQuote).join(' ');
}

/** The words of that line, unquoted. */
export function toDockerRunWords(spec: RunSpec, options: { create?: boolean } = {}): string[] {
  const words: string[] = ['docker', options.create ? 'create' : 'run'];
  const flags = `${spec.detach && !options.create ? 'd' : ''}${spec.interactive ? 'i' : ''}${spec.tty ? 't' : ''}`;
  if (flags) words.push(`-${flags}`);
  if (spec.name) words.push('--name', spec.name);
  if (spec.autoRemove) words.push('--rm');
  if (spec.init) words.push('--init');
  if (spec.restart && spec.restart !== 'no') words.push('--restart', spec.restart);
  for (const p of spec.ports) words.push('-p', formatPort(p));
  for (const e of spec.env) words.push('-e', e);
  for (const v of spec.volumes) words.push('-v', formatVolume(v));
  for (const v of spec.volumesFrom) words.push('--volumes-from', v);
  for (const l of spec.links) words.push('--link', l);
  for (const l of spec.labels) words.push('--label', l);
  words.push(spec.image, ...(spec.command ?? []));
  return words;
}

// ---- back from inspect -----------------------------------------------------------------------

interface InspectLike {
  Name?: string;
  Config: {
    Image?: string;
    Cmd?: string[] | null;
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
    Tty?: boolean;
    OpenStdin?: boolean;
    AttachStdin?: boolean;
    AttachStdout?: boolean;
    Volumes?: Record<string, unknown> | null;
  };
  HostConfig: {
    PortBindings?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null;
    Binds?: string[] | null;
    VolumesFrom?: string[] | null;
    Links?: string[] | null;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number } | null;
    AutoRemove?: boolean;
    Init?: boolean | null;
  };
}

interface ImageInspectLike {
  Config?: { Cmd?: string[] | null; Env?: string[] | null; Labels?: Record<string, string> | null; Volumes?: Record<string, unknown> | null } | null;
}

/**
 * Rebuilds the spec a container was made with, from `docker inspect` (and its image's, to
 * leave out what the image already sets). Options this form does not know are left out.
 */
export function specFromInspect(container: InspectLike, image?: ImageInspectLike): RunSpec {
  const config = container.Config;
  const host = container.HostConfig;
  const imageConfig = image?.Config ?? undefined;
  const imageEnv = new Set(imageConfig?.Env ?? []);
  const imageLabels = imageConfig?.Labels ?? {};
  const cmd = config.Cmd ?? undefined;
  const sameCmd = imageConfig !== undefined && JSON.stringify(cmd ?? null) === JSON.stringify(imageConfig.Cmd ?? null);
  const ports: PortSpec[] = [];
  for (const [key, bindings] of Object.entries(host.PortBindings ?? {}).sort(([a], [b]) => parseInt(a, 10) - parseInt(b, 10))) {
    const [containerPort, protocol = 'tcp'] = key.split('/');
    for (const b of bindings ?? []) {
      ports.push({ hostIp: b.HostIp || undefined, hostPort: b.HostPort || undefined, containerPort, protocol: protocol as PortSpec['protocol'] });
    }
  }
  const binds = (host.Binds ?? []).map(parseVolume);
  const bound = new Set(binds.map((b) => b.target));
  const imageVolumes = new Set(Object.keys(imageConfig?.Volumes ?? {}));
  const anonymous: VolumeSpec[] = Object.keys(config.Volumes ?? {})
    .filter((target) => !bound.has(target) && !imageVolumes.has(target))
    .map((target) => ({ kind: 'anonymous', target }));
  // The engine stores a link as "/db:/web/database"; people wrote "db:database".
  const links = (host.Links ?? []).map((link) => {
    const [source, target = ''] = link.split(':');
    const name = source.replace(/^\//, '');
    const alias = target.split('/').pop() ?? '';
    return alias ? `${name}:${alias}` : name;
  });
  const policy = host.RestartPolicy ?? {};
  const restart =
    !policy.Name || policy.Name === 'no' ? undefined : policy.Name === 'on-failure' && policy.MaximumRetryCount ? `on-failure:${policy.MaximumRetryCount}` : policy.Name;
  return {
    image: config.Image ?? '',
    name: container.Name ? container.Name.replace(/^\//, '') : undefined,
    command: cmd && cmd.length > 0 && !sameCmd ? cmd : undefined,
    env: (config.Env ?? []).filter((e) => !imageEnv.has(e)),
    labels: Object.entries(config.Labels ?? {})
      .filter(([k, v]) => imageLabels[k] !== v)
      .map(([k, v]) => `${k}=${v}`),
    ports,
    volumes: [...binds, ...anonymous],
    volumesFrom: host.VolumesFrom ?? [],
    links,
    interactive: config.OpenStdin === true,
    tty: config.Tty === true,
    detach: !config.AttachStdout && !config.AttachStdin,
    autoRemove: host.AutoRemove === true,
    init: host.Init === true,
    restart,
  };
}
