import * as vscode from 'vscode';
import {
  KnownSubnets,
  networkCreateSpecFrom,
  networkCreateWords,
  NetworkCreateSpec,
  NetworkSpecError,
  overlapProblem,
  parseAddressIn,
  parseNetworkLabel,
  parseSubnet,
  problemOf,
  reportedSubnet,
  validateNetworkName,
} from '../../docker/networkSpec';
import type { NetworkModel } from '../../docker/networks';
import { actOnce } from '../act';
import type { CommandContext } from '../context';
import { engineReady } from '../engineReady';

/** The IPv4 pools the engine's networks hold, to refuse an overlapping subnet before the engine does. */
export function knownSubnets(networks: Iterable<NetworkModel>): KnownSubnets {
  return [...networks].flatMap((n) => n.pools.flatMap((p) => (reportedSubnet(p.subnet) ? [{ network: n.name, subnet: reportedSubnet(p.subnet)! }] : [])));
}

/**
 * `docker network create [--driver] [--subnet --gateway] [--internal] [--attachable] [--label] NAME`.
 * A plain object `{ name, driver?, subnet?, gateway?, internal?, attachable?, labels? }` skips the
 * questions. Returns the new network's id.
 */
export async function createNetwork(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const [first] = args;
  if (first && typeof first === 'object' && !Array.isArray(first) && !('kind' in first)) {
    const input = first as Record<string, unknown>;
    // Everything that needs no engine is checked first: bad input sends no request.
    let spec: NetworkCreateSpec;
    try {
      spec = networkCreateSpecFrom(input, []);
    } catch (err) {
      void ctx.ui.error((err as Error).message);
      return undefined;
    }
    if (!(await ready(ctx))) {
      return undefined;
    }
    try {
      spec = networkCreateSpecFrom(input, knownSubnets(ctx.networks.networks.values()));
    } catch (err) {
      void ctx.ui.error((err as Error).message);
      return undefined;
    }
    const taken = nameTaken(ctx, spec.name);
    if (taken) {
      void ctx.ui.error(taken);
      return undefined;
    }
    return create(ctx, spec);
  }
  if (!(await ready(ctx))) {
    return undefined;
  }
  const spec = await ask(ctx);
  return spec && create(ctx, spec);
}

async function ready(ctx: CommandContext): Promise<boolean> {
  if (!(await engineReady(ctx))) {
    return false;
  }
  await ctx.networks.whenListed();
  return true;
}

function nameTaken(ctx: CommandContext, name: string): string | undefined {
  return [...ctx.networks.networks.values()].some((n) => n.name === name)
    ? vscode.l10n.t('A network named {0} already exists. Choose another name, or use that network.', name)
    : undefined;
}

async function ask(ctx: CommandContext): Promise<NetworkCreateSpec | undefined> {
  const title = vscode.l10n.t('Create Network');
  const name = await ctx.ui.input({
    title: vscode.l10n.t('{0} (1/5): name', title),
    prompt: vscode.l10n.t('Letters, digits, _, . or -, starting with a letter or digit. Containers on it reach each other by name.'),
    ignoreFocusOut: true,
    validateInput: (v) => problemOf(() => validateNetworkName(v)) ?? nameTaken(ctx, v.trim()),
  });
  if (name === undefined) return undefined;
  const nameProblem = problemOf(() => validateNetworkName(name)) ?? nameTaken(ctx, name.trim());
  if (nameProblem) {
    void ctx.ui.error(nameProblem);
    return undefined;
  }
  const drivers = (await ctx.service.networkDrivers().catch(() => ['bridge'])).filter((d) => d !== 'host' && d !== 'null');
  const driver = await ctx.ui.pick(
    ['bridge', ...drivers.filter((d) => d !== 'bridge').sort()].map((d) => ({
      label: d,
      description: d === 'bridge' ? vscode.l10n.t('the default: containers on this host reach each other') : undefined,
      value: d,
    })),
    { title: vscode.l10n.t('{0} (2/5): driver', title), placeHolder: vscode.l10n.t('The drivers this engine has'), ignoreFocusOut: true },
  );
  if (driver === undefined) return undefined;
  const known = knownSubnets(ctx.networks.networks.values());
  const subnetProblem = (v: string) => (v.trim() === '' ? undefined : (problemOf(() => parseSubnet(v)) ?? overlapProblem(parseSubnet(v), known)));
  const subnet = await ctx.ui.input({
    title: vscode.l10n.t('{0} (3/5): subnet', title),
    prompt: vscode.l10n.t('An IPv4 subnet in CIDR form, e.g. 10.10.0.0/24; leave empty to let Docker choose one.'),
    ignoreFocusOut: true,
    validateInput: subnetProblem,
  });
  if (subnet === undefined) return undefined;
  if (subnetProblem(subnet)) {
    void ctx.ui.error(subnetProblem(subnet)!);
    return undefined;
  }
  let gateway = '';
  if (subnet.trim() !== '') {
    const parsed = parseSubnet(subnet);
    const gatewayProblem = (v: string) => (v.trim() === '' ? undefined : problemOf(() => parseAddressIn(v, parsed, '--gateway')));
    const answer = await ctx.ui.input({
      title: vscode.l10n.t('{0} (4/5): gateway', title),
      prompt: vscode.l10n.t('An address inside {0}; leave empty for the first one.', parsed.cidr),
      ignoreFocusOut: true,
      validateInput: gatewayProblem,
    });
    if (answer === undefined) return undefined;
    if (gatewayProblem(answer)) {
      void ctx.ui.error(gatewayProblem(answer)!);
      return undefined;
    }
    gateway = answer.trim();
  }
  const flags = await ctx.ui.pick(
    [
      { label: '--internal', description: vscode.l10n.t('no access to the outside: containers reach only each other'), value: 'internal' },
      { label: '--attachable', description: vscode.l10n.t('standalone containers may join (for swarm overlay networks)'), value: 'attachable' },
    ],
    { title: vscode.l10n.t('{0} (5/5): options', title), placeHolder: vscode.l10n.t('Choose any; none is the usual'), canPickMany: true, ignoreFocusOut: true },
  );
  if (flags === undefined) return undefined;
  const labelText = await ctx.ui.input({
    title: vscode.l10n.t('{0}: labels', title),
    prompt: vscode.l10n.t('KEY=VALUE, separated by commas; leave empty for none.'),
    ignoreFocusOut: true,
    validateInput: (v) => labelsProblem(v),
  });
  if (labelText === undefined) return undefined;
  try {
    return networkCreateSpecFrom(
      { name, driver, subnet: subnet.trim(), gateway, internal: flags.includes('internal'), attachable: flags.includes('attachable'), labels: splitLabels(labelText) },
      known,
    );
  } catch (err) {
    void ctx.ui.error(err instanceof NetworkSpecError ? err.message : String(err));
    return undefined;
  }
}

function splitLabels(text: string): string[] {
  return text
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function labelsProblem(text: string): string | undefined {
  for (const label of splitLabels(text)) {
    const problem = problemOf(() => parseNetworkLabel(label));
    if (problem) return problem;
  }
  return undefined;
}

async function create(ctx: CommandContext, spec: NetworkCreateSpec): Promise<string | undefined> {
  const labels = Object.fromEntries(spec.labels.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  const id = await actOnce(ctx, networkCreateWords(spec), () =>
    ctx.service.createNetwork({
      Name: spec.name,
      Driver: spec.driver,
      Internal: spec.internal,
      Attachable: spec.attachable,
      Labels: labels,
      IPAM: spec.subnet ? { Driver: 'default', Config: [{ Subnet: spec.subnet, ...(spec.gateway ? { Gateway: spec.gateway } : {}) }] } : undefined,
    }),
  );
  if (id) {
    void ctx.ui.info(vscode.l10n.t('Created the network {0}.', spec.name));
  }
  return id;
}
