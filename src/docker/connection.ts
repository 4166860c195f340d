import { createHash } from 'node:crypto';
import { Agent as HttpsAgent } from 'node:https';
import * as path from 'node:path';
import type { DockerOptions } from 'dockerode';
import * as l10n from '@vscode/l10n';

export type EndpointSource = 'setting' | 'DOCKER_HOST' | 'context' | 'default';

/** PEM contents, not paths. */
export interface TlsMaterial {
  ca?: string;
  cert?: string;
  key?: string;
  verify: boolean;
}

export interface EngineEndpoint {
  /** Normalized URL, e.g. unix:///var/run/docker.sock, tcp://1.2.3.4:2376, ssh://user@h:22. */
  host: string;
  source: EndpointSource;
  contextName?: string;
  tls?: TlsMaterial;
  /** For people: "unix:///var/run/docker.sock (from DOCKER_HOST)". */
  description: string;
}

export interface ResolveInput {
  setting?: string;
  env: Record<string, string | undefined>;
  homedir: string;
  platform: NodeJS.Platform;
  /** Returns undefined when the file is missing or unreadable. */
  readFile: (p: string) => string | undefined;
  exists?: (p: string) => boolean;
}

export type ParsedHost =
  | { scheme: 'unix' | 'npipe'; url: string; path: string }
  | { scheme: 'tcp'; url: string; host: string; port: number }
  | { scheme: 'ssh'; url: string; host: string; port: number; user?: string };

/** The engine configuration is wrong; the message says what and what to do about it. */
export class ConnectionConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionConfigError';
  }
}

const defaultUnixSocket = '/var/run/docker.sock';
const defaultNamedPipe = '//./pipe/docker_engine';

/** Validates and normalizes a Docker host string the way the docker CLI's ParseHost reads it. */
export function parseHost(raw: string, opts: { tls?: boolean } = {}): ParsedHost {
  // The CLI trims surrounding whitespace; anything left that is blank is a mistake, not "use the default".
  const value = raw.trim();
  if (value === '') {
    throw new ConnectionConfigError(l10n.t('The Docker host is empty; give a URL (e.g. unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host).'));
  }
  // Messages quote the host, so a password typed into it must never reach them (or the logs).
  const shown = redactPassword(value);
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) {
    throw new ConnectionConfigError(l10n.t('The Docker host {0} contains control characters; remove them.', JSON.stringify(shown)));
  }
  const sep = value.indexOf('://');
  // Like the CLI: a bare path means a unix socket, anything else bare means tcp.
  const scheme = sep >= 0 ? value.slice(0, sep).toLowerCase() : value.startsWith('/') || value.startsWith('./') ? 'unix' : 'tcp';
  const rest = sep >= 0 ? value.slice(sep + 3) : value;
  switch (scheme) {
    case 'unix':
    case 'npipe': {
      if (rest.includes('://')) {
        throw new ConnectionConfigError(l10n.t('The Docker host "{0}" has more than one scheme; use {1}://<path>.', shown, scheme));
      }
      const socket = rest || (scheme === 'unix' ? defaultUnixSocket : defaultNamedPipe);
      return { scheme, url: `${scheme}://${socket}`, path: socket };
    }
    case 'tcp': {
      const { host, port } = parseNetworkAddress(shown, rest, 'tcp');
      const p = port ?? (opts.tls ? 2376 : 2375);
      return { scheme, url: `tcp://${bracket(host)}:${p}`, host, port: p };
    }
    case 'ssh': {
      const { host, port, user } = parseNetworkAddress(shown, rest, 'ssh');
      const p = port ?? 22;
      return { scheme, url: `ssh://${user ? `${user}@` : ''}${bracket(host)}:${p}`, host, port: p, user };
    }
    case 'fd':
      throw new ConnectionConfigError(
        l10n.t('The Docker host "{0}" uses fd://, which only works for a daemon started by systemd; use the socket\'s unix:// path instead.', shown),
      );
    default:
      throw new ConnectionConfigError(
        l10n.t(
          'The Docker host "{0}" has an unsupported scheme "{1}://"; use unix://, npipe://, tcp:// or ssh:// (e.g. unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host).',
          shown,
          scheme,
        ),
      );
  }
}

function parseNetworkAddress(shown: string, rest: string, scheme: 'tcp' | 'ssh'): { host: string; port?: number; user?: string } {
  if (rest.includes('://')) {
    throw new ConnectionConfigError(l10n.t('The Docker host "{0}" has more than one scheme; use {1}://host:port.', shown, scheme));
  }
  if (/\s/.test(rest)) {
    throw new ConnectionConfigError(l10n.t('The Docker host "{0}" contains whitespace; a host name never does.', shown));
  }
  const at = rest.lastIndexOf('@');
  const userinfo = at >= 0 ? rest.slice(0, at) : undefined;
  let address = at >= 0 ? rest.slice(at + 1) : rest;
  if (userinfo !== undefined && userinfo.includes(':')) {
    throw new ConnectionConfigError(l10n.t('The Docker host "{0}" contains a password: don\'t put a password in the host; use an ssh key/agent.', shown));
  }
  if (userinfo !== undefined && scheme === 'tcp') {
    throw new ConnectionConfigError(l10n.t('The Docker host "{0}" has a user name, which tcp:// can\'t use; remove "{1}@" (or use ssh://).', shown, userinfo));
  }
  if (userinfo !== undefined && !/^[A-Za-z0-9._][A-Za-z0-9._-]*$/.test(userinfo)) {
    throw new ConnectionConfigError(l10n.t('The Docker host "{0}" has an invalid user name "{1}".', shown, userinfo));
  }
  if (/[?#]/.test(address)) {
    throw new ConnectionConfigError(l10n.t('The Docker host "{0}" has a query or fragment; remove everything from "?" or "#".', shown));
  }
  const slash = address.indexOf('/');
  if (slash >= 0) {
    // dockerode can't prefix API paths, nor pick a remote socket over ssh.
    if (address.slice(slash) !== '/') {
      throw new ConnectionConfigError(
        l10n.t('The Docker host "{0}" has a path "{1}", which is not supported; use {2}://host:port.', shown, address.slice(slash), scheme),
      );
    }
    address = address.slice(0, slash);
  }
  let host: string;
  let portText: string | undefined;
  if (address.startsWith('[')) {
    const close = address.indexOf(']');
    const after = close >= 0 ? address.slice(close + 1) : '';
    if (close < 0 || (after !== '' && !after.startsWith(':'))) {
      throw new ConnectionConfigError(l10n.t('The Docker host "{0}" has a malformed IPv6 address; write it as [::1]:port.', shown));
    }
    host = address.slice(1, close);
    portText = after ? after.slice(1) : undefined;
  } else {
    const colons = address.split(':').length - 1;
    if (colons > 1) {
      throw new ConnectionConfigError(l10n.t('The Docker host "{0}" looks like an IPv6 address without brackets; write it as {1}://[address]:port.', shown, scheme));
    }
    [host, portText] = colons === 1 ? address.split(':') : [address, undefined];
  }
  if (host === '') {
    // The CLI reads "tcp://:2376" as localhost; a remote shell needs a real host.
    if (scheme === 'ssh') {
      throw new ConnectionConfigError(l10n.t('The Docker host "{0}" has no host name; use ssh://user@host.', shown));
    }
    host = 'localhost';
  } else if (!/^[A-Za-z0-9._-]+$/.test(host) && !(address.startsWith('[') && /^[0-9A-Fa-f:.]+(%[\w.-]+)?$/.test(host))) {
    throw new ConnectionConfigError(l10n.t('The Docker host "{0}" has an invalid host name "{1}".', shown, host));
  }
  return { host, port: parsePort(shown, portText), user: userinfo };
}

function parsePort(shown: string, text: string | undefined): number | undefined {
  // "host:" keeps the default port, as in the CLI.
  if (text === undefined || text === '') {
    return undefined;
  }
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw new ConnectionConfigError(l10n.t('The Docker host "{0}" has an invalid port "{1}"; use a number from 1 to 65535.', shown, text));
  }
  return port;
}

function redactPassword(value: string): string {
  const sep = value.indexOf('://');
  const start = sep >= 0 ? sep + 3 : 0;
  const at = value.lastIndexOf('@');
  const colon = value.indexOf(':', start);
  return colon >= 0 && colon < at ? `${value.slice(0, colon + 1)}***${value.slice(at)}` : value;
}

function bracket(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Which engine the docker CLI would talk to, given these inputs; reads nothing global. */
export function resolveEndpoint(input: ResolveInput): EngineEndpoint {
  const { env } = input;
  const p = input.platform === 'win32' ? path.win32 : path.posix;
  const configDir = nonBlank(env.DOCKER_CONFIG) ?? p.join(input.homedir, '.docker');

  // `origin` adds where the host came from to a message or a URL, as one whole sentence per origin.
  const explicit =
    nonBlank(input.setting) !== undefined
      ? { raw: input.setting!, source: 'setting' as const, origin: (text: string) => l10n.t('{0} (from settings)', text) }
      : nonBlank(env.DOCKER_HOST) !== undefined
        ? { raw: env.DOCKER_HOST!, source: 'DOCKER_HOST' as const, origin: (text: string) => l10n.t('{0} (from DOCKER_HOST)', text) }
        : undefined;
  if (explicit) {
    // A host given directly uses the CLI's "default" context: TLS comes from the DOCKER_TLS* variables.
    const wantsTls = [env.DOCKER_TLS_VERIFY, env.DOCKER_CERT_PATH, env.DOCKER_TLS].some((v) => nonBlank(v) !== undefined);
    const parsed = withOrigin(explicit.origin, () => parseHost(explicit.raw, { tls: wantsTls }));
    const tls = parsed.scheme === 'tcp' && wantsTls ? envTls(input, p, configDir) : undefined;
    return { host: parsed.url, source: explicit.source, tls, description: explicit.origin(parsed.url) };
  }

  const fromEnv = nonBlank(env.DOCKER_CONTEXT);
  const configFile = p.join(configDir, 'config.json');
  const contextName = fromEnv ?? currentContext(input.readFile(configFile));
  if (contextName === undefined || contextName === 'default') {
    return platformDefault(input, p);
  }
  return contextEndpoint(input, p, configDir, contextName, fromEnv ? 'DOCKER_CONTEXT' : configFile);
}

function nonBlank(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

function withOrigin<T>(origin: (message: string) => string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw err instanceof ConnectionConfigError ? new ConnectionConfigError(origin(err.message)) : err;
  }
}

function currentContext(configJson: string | undefined): string | undefined {
  try {
    const name = configJson === undefined ? undefined : (JSON.parse(configJson) as { currentContext?: unknown }).currentContext;
    return typeof name === 'string' ? nonBlank(name) : undefined;
  } catch {
    return undefined; // The CLI only warns about a broken config.json and carries on with the default context.
  }
}

function envTls(input: ResolveInput, p: path.PlatformPath, configDir: string): TlsMaterial {
  const verify = nonBlank(input.env.DOCKER_TLS_VERIFY) !== undefined;
  // The CLI defaults the certificate folder to its config folder (~/.docker unless DOCKER_CONFIG).
  const dir = nonBlank(input.env.DOCKER_CERT_PATH) ?? configDir;
  const files = readTlsFiles(input, p, dir);
  if (verify && files.ca === undefined) {
    throw new ConnectionConfigError(
      l10n.t(
        "DOCKER_TLS_VERIFY is set but {0} can't be read; put the engine's CA certificate there, point DOCKER_CERT_PATH at the folder that has it, or unset DOCKER_TLS_VERIFY.",
        p.join(dir, 'ca.pem'),
      ),
    );
  }
  return { ...files, verify };
}

/** `context`: the context whose TLS folder this is; undefined for DOCKER_CERT_PATH. */
function readTlsFiles(input: ResolveInput, p: path.PlatformPath, dir: string, context?: string): Omit<TlsMaterial, 'verify'> {
  const [ca, cert, key] = ['ca.pem', 'cert.pem', 'key.pem'].map((f) => input.readFile(p.join(dir, f)));
  // A client certificate is useless without its key and vice versa; the CLI refuses the pair too.
  if ((cert === undefined) !== (key === undefined)) {
    const missing = p.join(dir, cert === undefined ? 'cert.pem' : 'key.pem');
    throw new ConnectionConfigError(
      context === undefined
        ? l10n.t("{0} can't be read but its pair is there (DOCKER_CERT_PATH); add the missing file or remove the other.", missing)
        : l10n.t('{0} can\'t be read but its pair is there (context "{1}"); add the missing file or remove the other.', missing, context),
    );
  }
  return { ca, cert, key };
}

function platformDefault(input: ResolveInput, p: path.PlatformPath): EngineEndpoint {
  // Docker Desktop (and rootless setups copying it) serve a per-user socket before the system one.
  const userSocket = p.join(input.homedir, '.docker', 'run', 'docker.sock');
  const host = input.platform === 'win32' ? `npipe://${defaultNamedPipe}` : `unix://${input.exists?.(userSocket) ? userSocket : defaultUnixSocket}`;
  return { host, source: 'default', description: l10n.t('{0} (default)', host) };
}

interface ContextMeta {
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } };
}

/** `setBy`: 'DOCKER_CONTEXT', or the config.json whose "currentContext" names the context. */
function contextEndpoint(input: ResolveInput, p: path.PlatformPath, configDir: string, name: string, setBy: string): EngineEndpoint {
  // The context store names folders by the digest so any context name is a safe path.
  const digest = createHash('sha256').update(name).digest('hex');
  const metaFile = p.join(configDir, 'contexts', 'meta', digest, 'meta.json');
  const origin = (text: string) => l10n.t('{0} (from context "{1}")', text, name);
  const text = input.readFile(metaFile);
  if (text === undefined) {
    throw new ConnectionConfigError(
      setBy === 'DOCKER_CONTEXT'
        ? l10n.t(
            'Docker context "{0}" (set by DOCKER_CONTEXT) was not found: {1} is missing. Run "docker context ls" to see the contexts, then "docker context use <name>" or "docker context use default".',
            name,
            metaFile,
          )
        : l10n.t(
            'Docker context "{0}" (set by "currentContext" in {1}) was not found: {2} is missing. Run "docker context ls" to see the contexts, then "docker context use <name>" or "docker context use default".',
            name,
            setBy,
            metaFile,
          ),
    );
  }
  let meta: ContextMeta;
  try {
    meta = JSON.parse(text) as ContextMeta;
  } catch {
    throw new ConnectionConfigError(
      l10n.t('Docker context "{0}" is damaged: {1} is not valid JSON. Recreate it with "docker context rm" and "docker context create".', name, metaFile),
    );
  }
  const docker = meta?.Endpoints?.docker;
  if (typeof docker !== 'object' || docker === null) {
    throw new ConnectionConfigError(
      l10n.t('Docker context "{0}" has no Docker endpoint ({1}); recreate it with "docker context create {0} --docker host=...".', name, metaFile),
    );
  }
  const rawHost = typeof docker.Host === 'string' ? nonBlank(docker.Host) : undefined;
  // A context without a host is how the CLI spells "the built-in default socket".
  const parsed = withOrigin(origin, () => parseHost(rawHost ?? (input.platform === 'win32' ? `npipe://${defaultNamedPipe}` : `unix://${defaultUnixSocket}`)));
  let tls: TlsMaterial | undefined;
  if (parsed.scheme === 'tcp') {
    const files = readTlsFiles(input, p, p.join(configDir, 'contexts', 'tls', digest, 'docker'), name);
    const skipVerify = docker.SkipTLSVerify === true;
    // Like the CLI: TLS when the context stores any material or asks to skip verification.
    if (files.ca !== undefined || files.cert !== undefined || skipVerify) {
      tls = { ...files, verify: !skipVerify };
    }
  }
  return { host: parsed.url, source: 'context', contextName: name, tls, description: origin(parsed.url) };
}

/**
 * dockerode options for an endpoint. docker-modem merges its own reading of process.env
 * (DOCKER_HOST, DOCKER_CERT_PATH...) under these, so keys we don't use are cleared explicitly.
 * `version` is never set: the engine negotiates the API version.
 */
export function dockerodeOptions(endpoint: EngineEndpoint, opts: { sshAgent?: string } = {}): DockerOptions {
  const parsed = parseHost(endpoint.host, { tls: endpoint.tls !== undefined });
  const cleared: DockerOptions = { host: undefined, port: undefined, protocol: undefined, username: undefined, ca: undefined, cert: undefined, key: undefined };
  let options: DockerOptions & { agent?: HttpsAgent };
  switch (parsed.scheme) {
    case 'unix':
    case 'npipe':
      options = { ...cleared, socketPath: parsed.path };
      break;
    case 'tcp': {
      const tls = endpoint.tls;
      options = { ...cleared, protocol: tls ? 'https' : 'http', host: parsed.host, port: parsed.port, ca: tls?.ca, cert: tls?.cert, key: tls?.key };
      if (tls && !tls.verify) {
        // docker-modem has no rejectUnauthorized option; an agent's own options win over the request's.
        options.agent = new HttpsAgent({ rejectUnauthorized: false });
      }
      break;
    }
    case 'ssh':
      options = { ...cleared, protocol: 'ssh', host: parsed.host, port: parsed.port, username: parsed.user, sshOptions: { agent: opts.sshAgent } };
      break;
  }
  return options;
}
