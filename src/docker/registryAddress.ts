/**
 * Registry addresses and user names as `docker login` takes them, checked before anything is
 * sent. Pure: no vscode, no network. Loopback registries may speak plain HTTP (dockerd trusts
 * 127.0.0.0/8 as insecure by default); every other one is HTTPS only.
 */
import * as l10n from '@vscode/l10n';

/** Docker Hub: what image references without a registry mean, and the key the docker CLI files its login under. */
export const hubHost = 'docker.io';
export const hubConfigKey = 'https://index.docker.io/v1/';
const hubApi = 'https://registry-1.docker.io';
const hubAliases = new Set([hubHost, 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

export interface RegistryAddress {
  /** host[:port] as image references spell it (`127.0.0.1:5000`, `ghcr.io`, `docker.io`). */
  host: string;
  hub: boolean;
  /** Where the v2 API answers, scheme included (`http://127.0.0.1:5000`, `https://ghcr.io`). */
  apiBase: string;
  /** The key of this registry in the docker config's `auths` and `credHelpers`. */
  configKey: string;
  loopback: boolean;
}

export class RegistryAddressError extends Error {}

const maxAddressLength = 255;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlCharacter = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const lineBreakOrNul = /[\u0000\r\n]/;
const label = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const hostPattern = new RegExp(`^(?:${label}(?:\\.${label})*|\\[[0-9a-fA-F:.]+\\])(?::([0-9]{1,5}))?$`);

export function isLoopbackHost(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/** `host[:port]`, optionally as a URL (`https://host/`, `https://index.docker.io/v1/`); throws RegistryAddressError saying what is wrong. */
export function parseRegistryAddress(raw: string): RegistryAddress {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new RegistryAddressError(l10n.t('A registry address is required, e.g. 127.0.0.1:5000 or registry.example.com.'));
  }
  if (controlCharacter.test(raw)) {
    throw new RegistryAddressError(l10n.t('A registry address cannot contain control characters.'));
  }
  if (raw !== raw.trim() || /\s/.test(raw)) {
    throw new RegistryAddressError(l10n.t('"{0}" contains spaces; a registry address is host[:port], e.g. 127.0.0.1:5000.', raw));
  }
  if (raw.length > maxAddressLength) {
    throw new RegistryAddressError(l10n.t('A registry address is at most {0} characters.', maxAddressLength));
  }
  let rest = raw;
  let scheme: string | undefined;
  const withScheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(.*)$/.exec(raw);
  if (withScheme) {
    scheme = withScheme[1].toLowerCase();
    rest = withScheme[2];
    if (scheme !== 'https' && scheme !== 'http') {
      throw new RegistryAddressError(l10n.t('"{0}": a registry is reached over https:// (or http:// on this machine\'s loopback), not {1}://.', raw, scheme));
    }
  }
  const slash = rest.indexOf('/');
  const authority = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash) : '';
  if (authority.includes('@')) {
    throw new RegistryAddressError(l10n.t('Give the user name and password when asked, never inside the registry address.'));
  }
  if (path && !/^\/(v1\/?|v2\/?)?$/.test(path)) {
    throw new RegistryAddressError(l10n.t('"{0}": a registry address is host[:port]; a path ({1}) names a repository, not a registry.', raw, path));
  }
  const match = hostPattern.exec(authority);
  if (!match) {
    throw new RegistryAddressError(l10n.t('"{0}" is not a valid registry host: letters, digits, dots and dashes, then an optional :port.', authority));
  }
  const port = match[1] === undefined ? undefined : Number(match[1]);
  if (port !== undefined && (port < 1 || port > 65535)) {
    throw new RegistryAddressError(l10n.t('Port {0} is out of range (1-65535).', match[1]));
  }
  const hostname = port === undefined ? authority : authority.slice(0, authority.lastIndexOf(':'));
  const loopback = isLoopbackHost(hostname);
  if (scheme === 'http' && !loopback) {
    throw new RegistryAddressError(l10n.t('"{0}": plain HTTP is allowed only for a registry on this machine\'s loopback (127.0.0.1, localhost); use https://.', raw));
  }
  const host = authority.toLowerCase();
  if (hubAliases.has(host)) {
    return { host: hubHost, hub: true, apiBase: hubApi, configKey: hubConfigKey, loopback: false };
  }
  const useHttp = scheme === 'http' || (scheme === undefined && loopback);
  return { host, hub: false, apiBase: `${useHttp ? 'http' : 'https'}://${host}`, configKey: host, loopback };
}

/** What is wrong with an address, or undefined; for input boxes. */
export function registryAddressProblem(raw: string): string | undefined {
  try {
    parseRegistryAddress(raw);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

const maxUserLength = 255;

/** What is wrong with a user name for basic auth, or undefined. A colon would split it from the password. */
export function userNameProblem(raw: string): string | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') {
    return l10n.t('A user name is required.');
  }
  if (controlCharacter.test(raw)) {
    return l10n.t('A user name cannot contain control characters.');
  }
  if (/\s/.test(raw)) {
    return l10n.t('A user name cannot contain spaces.');
  }
  if (raw.includes(':')) {
    return l10n.t('A user name cannot contain ":" (basic authentication puts it between the user name and the password).');
  }
  if (raw.length > maxUserLength) {
    return l10n.t('A user name is at most {0} characters.', maxUserLength);
  }
  return undefined;
}

/** What is wrong with a password, or undefined. Never echoes it. */
export function passwordProblem(raw: string): string | undefined {
  if (typeof raw !== 'string' || raw === '') {
    return l10n.t('A password (or access token) is required.');
  }
  if (lineBreakOrNul.test(raw)) {
    return l10n.t('A password cannot contain line breaks or NUL characters.');
  }
  if (raw.length > 4096) {
    return l10n.t('A password is at most 4096 characters.');
  }
  return undefined;
}
