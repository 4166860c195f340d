// Network names, subnets, addresses and aliases, checked before anything reaches the engine.
import { scrubSecrets } from './maskSecrets';
import { printable } from './shell';
import * as l10n from '@vscode/l10n';

export class NetworkSpecError extends Error {
  constructor(message: string) {
    super(printable(scrubSecrets(message)));
    this.name = 'NetworkSpecError';
  }
}

const fail = (message: string): never => {
  throw new NetworkSpecError(message);
};

export const maxNetworkNameLength = 128;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlChars = /[\x00-\x1f\x7f]/;
const namePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** A user network's name: letters, digits, _ . -, starting with a letter or digit (the names `docker network create` documents). */
export function validateNetworkName(raw: string): string {
  if (controlChars.test(raw)) {
    fail(l10n.t('"{0}" contains spaces or control characters; a network name cannot. Use letters, digits, _, . or -.', raw));
  }
  const name = raw.trim();
  if (name === '') {
    fail(l10n.t('The network name is empty; give one such as backend or app_net.'));
  }
  if (name.length > maxNetworkNameLength) {
    fail(l10n.t('The network name is {0} characters long; at most {1} are allowed.', name.length, maxNetworkNameLength));
  }
  if (controlChars.test(name) || /\s/.test(name)) {
    fail(l10n.t('"{0}" contains spaces or control characters; a network name cannot. Use letters, digits, _, . or -.', name));
  }
  if (!namePattern.test(name)) {
    fail(l10n.t('"{0}" is not a network name: use letters, digits, _, . or -, starting with a letter or a digit (e.g. backend).', name));
  }
  return name;
}

/** An IPv4 address as four numbers, or undefined. */
export function ipv4ToNumber(text: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) {
    return undefined;
  }
  const parts = match.slice(1).map(Number);
  if (parts.some((p) => p > 255) || match.slice(1).some((p) => p.length > 1 && p.startsWith('0'))) {
    return undefined;
  }
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

function numberToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export interface Subnet {
  /** As typed, normalised: 10.231.5.0/24. */
  cidr: string;
  base: number;
  prefix: number;
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** `a.b.c.d/n` with the host bits zero, as the engine wants a subnet. */
export function parseSubnet(raw: string, option = '--subnet'): Subnet {
  if (controlChars.test(raw)) {
    fail(l10n.t('{0} {1}: not an IPv4 subnet in CIDR form (it holds control characters); write address/prefix, e.g. 10.10.0.0/24.', option, raw));
  }
  const text = raw.trim();
  if (text === '') {
    fail(l10n.t('{0} is empty; give a subnet in CIDR form, e.g. 10.10.0.0/24.', option));
  }
  const match = /^([^/]+)\/(\d{1,2})$/.exec(text);
  const address = match ? ipv4ToNumber(match[1]) : undefined;
  if (!match || address === undefined) {
    return fail(l10n.t('{0} {1}: not an IPv4 subnet in CIDR form; write address/prefix, e.g. 10.10.0.0/24.', option, text));
  }
  const prefix = Number(match[2]);
  if (prefix < 8 || prefix > 30) {
    fail(l10n.t('{0} {1}: the prefix /{2} is out of range; use /8 to /30 (e.g. /24 for 254 addresses).', option, text, prefix));
  }
  const base = (address & maskOf(prefix)) >>> 0;
  if (base !== address) {
    fail(l10n.t('{0} {1}: the address has bits set outside the /{2} prefix; did you mean {3}/{2}?', option, text, prefix, numberToIpv4(base)));
  }
  return { cidr: `${numberToIpv4(base)}/${prefix}`, base, prefix };
}

export function subnetContains(subnet: Subnet, address: number): boolean {
  return (address & maskOf(subnet.prefix)) >>> 0 === subnet.base;
}

/** Whether two subnets share an address (the engine refuses a pool that overlaps another). */
export function subnetsOverlap(a: Subnet, b: Subnet): boolean {
  const prefix = Math.min(a.prefix, b.prefix);
  return (a.base & maskOf(prefix)) >>> 0 === (b.base & maskOf(prefix)) >>> 0;
}

/** A subnet the engine reports, or undefined when it is not IPv4 CIDR (IPv6 pools are not compared). */
export function reportedSubnet(cidr: string | undefined): Subnet | undefined {
  try {
    return cidr ? parseSubnet(cidr) : undefined;
  } catch {
    return undefined;
  }
}

/** An IPv4 address usable by a host of `subnet`: not its network or broadcast address. */
export function parseAddressIn(raw: string, subnet: Subnet | undefined, option: string): string {
  if (controlChars.test(raw)) {
    fail(l10n.t('{0} {1}: not an IPv4 address (it holds control characters).', option, raw));
  }
  const text = raw.trim();
  if (text === '') {
    fail(l10n.t('{0} is empty; give an IPv4 address such as 10.10.0.5.', option));
  }
  const address = ipv4ToNumber(text);
  if (address === undefined) {
    return fail(l10n.t('{0} {1}: not an IPv4 address; write four numbers from 0 to 255, e.g. 10.10.0.5.', option, text));
  }
  if (subnet) {
    if (!subnetContains(subnet, address)) {
      fail(l10n.t('{0} {1} is outside the subnet {2}; choose an address inside it.', option, text, subnet.cidr));
    }
    const broadcast = (subnet.base | (~maskOf(subnet.prefix) >>> 0)) >>> 0;
    if (address === subnet.base) {
      fail(l10n.t('{0} {1} is the network address of {2}; choose a host address inside it.', option, text, subnet.cidr));
    }
    if (address === broadcast) {
      fail(l10n.t('{0} {1} is the broadcast address of {2}; choose a host address inside it.', option, text, subnet.cidr));
    }
  }
  return text;
}

/** A network alias: one DNS name, no spaces (`--network-alias`, `docker network connect --alias`). */
export function parseAlias(raw: string, option = '--network-alias'): string {
  if (controlChars.test(raw)) {
    fail(l10n.t('{0} "{1}" contains spaces or control characters; an alias is one name, e.g. db or cache.local.', option, raw));
  }
  const alias = raw.trim();
  if (alias === '') {
    fail(l10n.t('{0} is empty; give a name other containers use to reach this one, e.g. db.', option));
  }
  if (alias.length > 253) {
    fail(l10n.t('{0}: the alias is {1} characters long; a DNS name has at most 253.', option, alias.length));
  }
  if (/\s/.test(alias) || controlChars.test(alias)) {
    fail(l10n.t('{0} "{1}" contains spaces or control characters; an alias is one name, e.g. db or cache.local.', option, alias));
  }
  if (!/^[a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9])?$/.test(alias)) {
    fail(l10n.t('{0} "{1}" is not a host name: use letters, digits, _, . or -, starting and ending with a letter or digit.', option, alias));
  }
  return alias;
}

/** `--hostname`: an RFC 1123 host name the kernel accepts (at most 63 characters in all). */
export function parseHostname(raw: string): string {
  if (controlChars.test(raw)) {
    fail(l10n.t('--hostname "{0}" is not a host name: it holds control characters.', raw));
  }
  const name = raw.trim();
  if (name === '') {
    fail(l10n.t('--hostname is empty; give a host name such as web or web.internal.'));
  }
  if (name.length > 63) {
    fail(l10n.t("--hostname: {0} characters; a container's host name has at most 63.", name.length));
  }
  const label = /^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
  if (/\s/.test(name) || controlChars.test(name) || !name.split('.').every((part) => label.test(part))) {
    fail(l10n.t('--hostname "{0}" is not a host name: dot-separated parts of letters, digits and -, each starting and ending with a letter or digit.', name));
  }
  return name;
}

/** `--network NAME`: a network's name or id (the built-in bridge, host and none included). */
export function parseNetworkRef(raw: string): string {
  const name = raw.trim();
  if (name === '') {
    fail(l10n.t('--network is empty; give a network name such as backend, or leave the option out for the default bridge.'));
  }
  if (/^container:/.test(name)) {
    fail(l10n.t("--network {0}: sharing another container's network stack is not offered here; name a network.", name));
  }
  return validateNetworkName(name);
}

/** The built-in networks every engine has; they cannot be removed. */
export const builtInNetworkNames = ['bridge', 'host', 'none'] as const;

export function isBuiltInNetwork(name: string): boolean {
  return (builtInNetworkNames as readonly string[]).includes(name);
}

/** Everything Create Network takes, checked. */
export interface NetworkCreateSpec {
  name: string;
  driver: string;
  subnet?: string;
  gateway?: string;
  internal: boolean;
  attachable: boolean;
  labels: string[];
}

const driverPattern = /^[a-zA-Z0-9][a-zA-Z0-9_.:/-]*$/;

export function parseDriver(raw: string): string {
  const driver = raw.trim();
  if (driver === '' || !driverPattern.test(driver) || driver.length > 128) {
    fail(l10n.t('"{0}" is not a network driver name; most networks use bridge.', driver));
  }
  if (driver === 'host' || driver === 'null') {
    // {1} is the built-in network's name (none, host), not a word to translate.
    fail(l10n.t('The {0} driver has one network, the built-in {1}; a new one cannot be made. Use bridge.', driver, driver === 'null' ? 'none' : 'host'));
  }
  return driver;
}

/** KEY=VALUE for --label; the key has no spaces. */
export function parseNetworkLabel(raw: string): string {
  const eq = raw.indexOf('=');
  const key = eq < 0 ? raw : raw.slice(0, eq);
  if (eq < 0 || key.trim() === '' || /\s/.test(key) || controlChars.test(key)) {
    fail(l10n.t('--label "{0}": write KEY=VALUE with a key without spaces, e.g. team=web.', raw));
  }
  return raw;
}

/** The subnets the engine's networks already hold, by network name: a new pool may not overlap one. */
export type KnownSubnets = { network: string; subnet: Subnet }[];

export function overlapProblem(subnet: Subnet, known: KnownSubnets): string | undefined {
  const other = known.find((k) => subnetsOverlap(subnet, k.subnet));
  return other
    ? l10n.t('--subnet {0} overlaps {1} of the network {2}; the engine refuses overlapping pools. Choose another range.', subnet.cidr, other.subnet.cidr, other.network)
    : undefined;
}

/** The plain-object argument of Create Network, or the answers of its questions, checked together. */
export function networkCreateSpecFrom(input: Record<string, unknown>, known: KnownSubnets): NetworkCreateSpec {
  if (typeof input.name !== 'string') {
    fail(l10n.t('Create Network needs a name, e.g. { name: "backend" }.'));
  }
  const name = validateNetworkName(input.name as string);
  const driver = input.driver === undefined ? 'bridge' : parseDriver(String(input.driver));
  const subnetText = input.subnet === undefined || input.subnet === '' ? undefined : String(input.subnet);
  const subnet = subnetText === undefined ? undefined : parseSubnet(subnetText);
  const gatewayText = input.gateway === undefined || input.gateway === '' ? undefined : String(input.gateway);
  if (gatewayText !== undefined && !subnet) {
    fail(l10n.t('--gateway needs a --subnet: the gateway is an address inside it.'));
  }
  const gateway = gatewayText === undefined ? undefined : parseAddressIn(gatewayText, subnet, '--gateway');
  if (subnet) {
    const problem = overlapProblem(subnet, known);
    if (problem) fail(problem);
  }
  const labels = input.labels ?? [];
  if (!Array.isArray(labels)) {
    fail(l10n.t('"labels" must be a list of KEY=VALUE strings.'));
  }
  return {
    name,
    driver,
    subnet: subnet?.cidr,
    gateway,
    internal: input.internal === true,
    attachable: input.attachable === true,
    labels: (labels as unknown[]).map((l) => parseNetworkLabel(String(l))),
  };
}

/** `docker network create ...` as people type it. */
export function networkCreateWords(spec: NetworkCreateSpec): string[] {
  return [
    'docker',
    'network',
    'create',
    ...(spec.driver !== 'bridge' ? ['--driver', spec.driver] : []),
    ...(spec.subnet ? ['--subnet', spec.subnet] : []),
    ...(spec.gateway ? ['--gateway', spec.gateway] : []),
    ...(spec.internal ? ['--internal'] : []),
    ...(spec.attachable ? ['--attachable'] : []),
    ...spec.labels.flatMap((l) => ['--label', l]),
    spec.name,
  ];
}

/** The problem with a value, or undefined (for input boxes). */
export function problemOf(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (err) {
    if (err instanceof NetworkSpecError) return err.message;
    throw err;
  }
}
