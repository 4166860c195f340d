// Network names, subnets, addresses and aliases, checked before anything reaches the engine.
import { scrubSecrets } from './maskSecrets';
import { printable } from './shell';

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
    fail(`"${raw}" contains spaces or control characters; a network name cannot. Use letters, digits, _, . or -.`);
  }
  const name = raw.trim();
  if (name === '') {
    fail('The network name is empty; give one such as backend or app_net.');
  }
  if (name.length > maxNetworkNameLength) {
    fail(`The network name is ${name.length} characters long; at most ${maxNetworkNameLength} are allowed.`);
  }
  if (controlChars.test(name) || /\s/.test(name)) {
    fail(`"${name}" contains spaces or control characters; a network name cannot. Use letters, digits, _, . or -.`);
  }
  if (!namePattern.test(name)) {
    fail(`"${name}" is not a network name: use letters, digits, _, . or -, starting with a letter or a digit (e.g. backend).`);
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
    fail(`${option} ${raw}: not an IPv4 subnet in CIDR form (it holds control characters); write address/prefix, e.g. 10.10.0.0/24.`);
  }
  const text = raw.trim();
  if (text === '') {
    fail(`${option} is empty; give a subnet in CIDR form, e.g. 10.10.0.0/24.`);
  }
  const match = /^([^/]+)\/(\d{1,2})$/.exec(text);
  const address = match ? ipv4ToNumber(match[1]) : undefined;
  if (!match || address === undefined) {
    return fail(`${option} ${text}: not an IPv4 subnet in CIDR form; write address/prefix, e.g. 10.10.0.0/24.`);
  }
  const prefix = Number(match[2]);
  if (prefix < 8 || prefix > 30) {
    fail(`${option} ${text}: the prefix /${prefix} is out of range; use /8 to /30 (e.g. /24 for 254 addresses).`);
  }
  const base = (address & maskOf(prefix)) >>> 0;
  if (base !== address) {
    fail(`${option} ${text}: the address has bits set outside the /${prefix} prefix; did you mean ${numberToIpv4(base)}/${prefix}?`);
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
    fail(`${option} ${raw}: not an IPv4 address (it holds control characters).`);
  }
  const text = raw.trim();
  if (text === '') {
    fail(`${option} is empty; give an IPv4 address such as 10.10.0.5.`);
  }
  const address = ipv4ToNumber(text);
  if (address === undefined) {
    return fail(`${option} ${text}: not an IPv4 address; write four numbers from 0 to 255, e.g. 10.10.0.5.`);
  }
  if (subnet) {
    if (!subnetContains(subnet, address)) {
      fail(`${option} ${text} is outside the subnet ${subnet.cidr}; choose an address inside it.`);
    }
    const broadcast = (subnet.base | (~maskOf(subnet.prefix) >>> 0)) >>> 0;
    if (address === subnet.base || address === broadcast) {
      fail(`${option} ${text} is the ${address === subnet.base ? 'network' : 'broadcast'} address of ${subnet.cidr}; choose a host address inside it.`);
    }
  }
  return text;
}

/** A network alias: one DNS name, no spaces (`--network-alias`, `docker network connect --alias`). */
export function parseAlias(raw: string, option = '--network-alias'): string {
  if (controlChars.test(raw)) {
    fail(`${option} "${raw}" contains spaces or control characters; an alias is one name, e.g. db or cache.local.`);
  }
  const alias = raw.trim();
  if (alias === '') {
    fail(`${option} is empty; give a name other containers use to reach this one, e.g. db.`);
  }
  if (alias.length > 253) {
    fail(`${option}: the alias is ${alias.length} characters long; a DNS name has at most 253.`);
  }
  if (/\s/.test(alias) || controlChars.test(alias)) {
    fail(`${option} "${alias}" contains spaces or control characters; an alias is one name, e.g. db or cache.local.`);
  }
  if (!/^[a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9])?$/.test(alias)) {
    fail(`${option} "${alias}" is not a host name: use letters, digits, _, . or -, starting and ending with a letter or digit.`);
  }
  return alias;
}

/** `--hostname`: an RFC 1123 host name the kernel accepts (at most 63 characters in all). */
export function parseHostname(raw: string): string {
  if (controlChars.test(raw)) {
    fail(`--hostname "${raw}" is not a host name: it holds control characters.`);
  }
  const name = raw.trim();
  if (name === '') {
    fail('--hostname is empty; give a host name such as web or web.internal.');
  }
  if (name.length > 63) {
    fail(`--hostname: ${name.length} characters; a container's host name has at most 63.`);
  }
  const label = /^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
  if (/\s/.test(name) || controlChars.test(name) || !name.split('.').every((part) => label.test(part))) {
    fail(`--hostname "${name}" is not a host name: dot-separated parts of letters, digits and -, each starting and ending with a letter or digit.`);
  }
  return name;
}

/** `--network NAME`: a network's name or id (the built-in bridge, host and none included). */
export function parseNetworkRef(raw: string): string {
  const name = raw.trim();
  if (name === '') {
    fail('--network is empty; give a network name such as backend, or leave the option out for the default bridge.');
  }
  if (/^container:/.test(name)) {
    fail(`--network ${name}: sharing another container's network stack is not offered here; name a network.`);
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
    fail(`"${driver}" is not a network driver name; most networks use bridge.`);
  }
  if (driver === 'host' || driver === 'null') {
    fail(`The ${driver} driver has one network, the built-in ${driver === 'null' ? 'none' : 'host'}; a new one cannot be made. Use bridge.`);
  }
  return driver;
}

/** KEY=VALUE for --label; the key has no spaces. */
export function parseNetworkLabel(raw: string): string {
  const eq = raw.indexOf('=');
  const key = eq < 0 ? raw : raw.slice(0, eq);
  if (eq < 0 || key.trim() === '' || /\s/.test(key) || controlChars.test(key)) {
    fail(`--label "${raw}": write KEY=VALUE with a key without spaces, e.g. team=web.`);
  }
  return raw;
}

/** The subnets the engine's networks already hold, by network name: a new pool may not overlap one. */
export type KnownSubnets = { network: string; subnet: Subnet }[];

export function overlapProblem(subnet: Subnet, known: KnownSubnets): string | undefined {
  const other = known.find((k) => subnetsOverlap(subnet, k.subnet));
  return other
    ? `--subnet ${subnet.cidr} overlaps ${other.subnet.cidr} of the network ${other.network}; the engine refuses overlapping pools. Choose another range.`
    : undefined;
}

/** The plain-object argument of Create Network, or the answers of its questions, checked together. */
export function networkCreateSpecFrom(input: Record<string, unknown>, known: KnownSubnets): NetworkCreateSpec {
  if (typeof input.name !== 'string') {
    fail('Create Network needs a name, e.g. { name: "backend" }.');
  }
  const name = validateNetworkName(input.name as string);
  const driver = input.driver === undefined ? 'bridge' : parseDriver(String(input.driver));
  const subnetText = input.subnet === undefined || input.subnet === '' ? undefined : String(input.subnet);
  const subnet = subnetText === undefined ? undefined : parseSubnet(subnetText);
  const gatewayText = input.gateway === undefined || input.gateway === '' ? undefined : String(input.gateway);
  if (gatewayText !== undefined && !subnet) {
    fail('--gateway needs a --subnet: the gateway is an address inside it.');
  }
  const gateway = gatewayText === undefined ? undefined : parseAddressIn(gatewayText, subnet, '--gateway');
  if (subnet) {
    const problem = overlapProblem(subnet, known);
    if (problem) fail(problem);
  }
  const labels = input.labels ?? [];
  if (!Array.isArray(labels)) {
    fail('"labels" must be a list of KEY=VALUE strings.');
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
