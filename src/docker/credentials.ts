/**
 * Registry credentials where the docker CLI keeps them: `$DOCKER_CONFIG/config.json` (else
 * ~/.docker/config.json) with its `auths` entries, and `credHelpers` / `credsStore` through a
 * credential helper. Read only: the extension never writes the docker config.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { helperGet, HelperCredentials } from './credentialHelper';
import { hubConfigKey, parseRegistryAddress, RegistryAddress } from './registryAddress';

export interface RegistryCredentials {
  username: string;
  password: string;
  /** An identity token (helpers answer Username "<token>"): sent as a refresh token, not a password. */
  identityToken?: string;
}

export interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** Where the docker CLI reads its config: $DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.DOCKER_CONFIG || path.join(os.homedir(), '.docker'), 'config.json');
}

/** The docker config, or an empty one when there is none (or it is not JSON: the CLI would refuse it too). */
export function readDockerConfig(file = dockerConfigPath()): DockerConfigFile {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as DockerConfigFile) : {};
  } catch {
    return {};
  }
}

/** A config key (`https://index.docker.io/v1/`, `127.0.0.1:5000`, `https://ghcr.io`) as an address, or undefined when it is none. */
function addressOfKey(key: string): RegistryAddress | undefined {
  try {
    return parseRegistryAddress(key);
  } catch {
    return undefined;
  }
}

/** The entry of `record` for a registry: keys are compared as the addresses they name (with or without scheme). */
function entryFor<T>(record: Record<string, T> | undefined, address: RegistryAddress): T | undefined {
  if (!record) return undefined;
  for (const [key, value] of Object.entries(record)) {
    if (addressOfKey(key)?.host === address.host) return value;
  }
  return undefined;
}

/** The registries the docker config knows (auths and credHelpers), as addresses. */
export function configuredRegistries(config: DockerConfigFile): RegistryAddress[] {
  const keys = [...Object.keys(config.auths ?? {}), ...Object.keys(config.credHelpers ?? {})];
  const found = new Map<string, RegistryAddress>();
  for (const key of keys) {
    const address = addressOfKey(key);
    if (address) found.set(address.host, address);
  }
  return [...found.values()];
}

export type HelperRunner = (name: string, serverUrl: string) => Promise<HelperCredentials | undefined>;

/**
 * The credentials the docker CLI would use for a registry: its credHelpers entry, else the
 * credsStore, else the `auths` entry. Undefined when there are none.
 */
export async function dockerConfigCredentials(
  address: RegistryAddress,
  config: DockerConfigFile,
  runHelper: HelperRunner = helperGet,
): Promise<RegistryCredentials | undefined> {
  const helper = entryFor(config.credHelpers, address) ?? config.credsStore;
  if (helper) {
    const serverUrl = address.hub ? hubConfigKey : address.host;
    const found = await runHelper(helper, serverUrl);
    if (found) {
      return found.username === '<token>' ? { username: '', password: '', identityToken: found.secret } : { username: found.username, password: found.secret };
    }
    if (entryFor(config.credHelpers, address)) return undefined;
  }
  const entry = entryFor(config.auths, address);
  if (!entry) return undefined;
  if (entry.identitytoken) return { username: entry.username ?? '', password: '', identityToken: entry.identitytoken };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  return undefined;
}

/** The X-Registry-Auth document the engine wants for a push or a pull. */
export function engineAuthConfig(address: RegistryAddress, credentials: RegistryCredentials | undefined): Record<string, string> {
  if (!credentials) return {};
  const serveraddress = address.hub ? hubConfigKey : address.host;
  return credentials.identityToken
    ? { identitytoken: credentials.identityToken, serveraddress }
    : { username: credentials.username, password: credentials.password, serveraddress };
}
