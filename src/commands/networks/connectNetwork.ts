import * as vscode from 'vscode';
import type { ContainerModel } from '../../docker/models';
import { NetworkSpecError, parseAddressIn, parseAlias, problemOf, reportedSubnet } from '../../docker/networkSpec';
import type { NetworkModel } from '../../docker/networks';
import { actOnce } from '../act';
import type { CommandContext } from '../context';
import { engineReady } from '../engineReady';
import { containerKind } from '../targetKinds';
import { containersOn, networkByName } from './networkTargets';

/** A row of the Containers or the Networks view, as the bundle's node classes carry it. */
interface RowLike {
  kind?: string;
  model?: unknown;
}

/** The plain-object arguments of Connect and Disconnect. */
export interface ConnectArguments {
  container?: unknown;
  network?: unknown;
  aliases?: unknown;
  ip?: unknown;
}

/** Aliases typed as "db, cache" or "db cache". */
export function splitAliases(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

/** host and none take no further containers; the default bridge takes no --ip or aliases. */
function connectProblem(network: NetworkModel, options: { aliases: string[]; ip?: string }): string | undefined {
  if (network.name === 'host' || network.name === 'none' || network.driver === 'host' || network.driver === 'null') {
    return vscode.l10n.t(
      '{0} is the built-in {1} network: a container is put on it when it is created (--network {1}), never connected later.',
      network.name,
      network.name,
    );
  }
  if (network.name === 'bridge' && (options.aliases.length > 0 || options.ip)) {
    return vscode.l10n.t('The default bridge network takes no aliases or fixed addresses; create a network of your own for them.');
  }
  return undefined;
}

/** Checks what the caller gave (no engine needed): aliases and the address inside the network's subnet. */
export function checkedEndpoint(network: NetworkModel | undefined, aliases: unknown, ip: unknown): { aliases: string[]; ip?: string } {
  if (aliases !== undefined && !(Array.isArray(aliases) && aliases.every((a) => typeof a === 'string'))) {
    throw new NetworkSpecError('"aliases" must be a list of names, e.g. ["db"].');
  }
  const checkedAliases = ((aliases as string[] | undefined) ?? []).map((a) => parseAlias(a, '--alias'));
  const subnet = network && reportedSubnet(network.pools.find((p) => reportedSubnet(p.subnet))?.subnet);
  const checkedIp = ip === undefined || ip === '' ? undefined : parseAddressIn(String(ip), subnet, '--ip');
  return { aliases: checkedAliases, ip: checkedIp };
}

/** `docker network connect [--alias A] [--ip IP] NETWORK CONTAINER`, from a container row, a network row, `{ container, network, aliases?, ip? }`, or the palette. */
export async function connectNetwork(ctx: CommandContext, ...args: unknown[]): Promise<boolean> {
  const [first] = args as [RowLike | ConnectArguments | undefined];
  const row = first && typeof first === 'object' && 'kind' in first ? (first as RowLike) : undefined;
  const plain = first && typeof first === 'object' && !row ? (first as ConnectArguments) : undefined;
  if (plain) {
    if (typeof plain.container !== 'string' || typeof plain.network !== 'string') {
      void ctx.ui.error(vscode.l10n.t('Connect needs { container, network }, each a name or an id, e.g. { container: "web", network: "backend" }.'));
      return false;
    }
    try {
      checkedEndpoint(undefined, plain.aliases, plain.ip); // the shape, before any request
    } catch (err) {
      void ctx.ui.error((err as Error).message);
      return false;
    }
  }
  if (!(await engineReady(ctx))) return false;
  await ctx.networks.whenListed();

  const network = row?.kind === 'network' ? (row.model as NetworkModel) : typeof plain?.network === 'string' ? await findNetwork(ctx, plain.network) : undefined;
  const container =
    row?.kind === 'container' ? (row.model as ContainerModel) : typeof plain?.container === 'string' ? await findContainer(ctx, plain.container) : undefined;
  if (plain && (!network || !container)) return false;

  const chosenContainer = container ?? (await pickContainer(ctx, network));
  if (!chosenContainer) return false;
  const chosenNetwork = network ?? (await pickNetwork(ctx, chosenContainer));
  if (!chosenNetwork) return false;

  if (containersOn(chosenNetwork, [chosenContainer]).length > 0) {
    void ctx.ui.error(vscode.l10n.t('{0} is already on the network {1}.', chosenContainer.name, chosenNetwork.name));
    return false;
  }
  let endpoint: { aliases: string[]; ip?: string };
  if (plain) {
    try {
      endpoint = checkedEndpoint(chosenNetwork, plain.aliases, plain.ip);
    } catch (err) {
      void ctx.ui.error((err as Error).message);
      return false;
    }
  } else {
    const asked = await askEndpoint(ctx, chosenNetwork, chosenContainer);
    if (!asked) return false;
    endpoint = asked;
  }
  const problem = connectProblem(chosenNetwork, endpoint);
  if (problem) {
    void ctx.ui.error(problem);
    return false;
  }
  const cli = [
    'docker',
    'network',
    'connect',
    ...endpoint.aliases.flatMap((a) => ['--alias', a]),
    ...(endpoint.ip ? ['--ip', endpoint.ip] : []),
    chosenNetwork.name,
    chosenContainer.name,
  ];
  const done = await actOnce(ctx, cli, async () => {
    await ctx.service.connectNetwork(chosenNetwork.id, chosenContainer.id, { aliases: endpoint.aliases, ipv4: endpoint.ip });
    return true;
  });
  return done === true;
}

export async function findNetwork(ctx: CommandContext, name: string): Promise<NetworkModel | undefined> {
  const found = networkByName([...ctx.networks.networks.values()], name) ?? (await ctx.service.findNetwork(name).catch(() => undefined));
  if (!found) void ctx.ui.error(vscode.l10n.t('No network is named or has the id "{0}". Check the name in the Networks view.', name));
  return found;
}

export async function findContainer(ctx: CommandContext, name: string): Promise<ContainerModel | undefined> {
  const kind = containerKind('dockerExplorer.containers.connectNetwork');
  const found = kind.byName(kind.all(ctx), name) ?? (await kind.lookUp(ctx, name).catch(() => undefined));
  if (!found) void ctx.ui.error(kind.notFound(name));
  return found;
}

async function pickContainer(ctx: CommandContext, network: NetworkModel | undefined): Promise<ContainerModel | undefined> {
  const on = network ? new Set(containersOn(network, ctx.store.containers.values()).map((c) => c.id)) : new Set<string>();
  const candidates = [...ctx.store.containers.values()].filter((c) => !on.has(c.id) && c.state !== 'removing').sort((a, b) => a.name.localeCompare(b.name));
  if (candidates.length === 0) {
    void ctx.ui.info(network ? vscode.l10n.t('Every container is on {0} already.', network.name) : vscode.l10n.t('No containers.'));
    return undefined;
  }
  return ctx.ui.pick(
    candidates.map((c) => ({ label: c.name, description: `${c.image} · ${c.status}`, value: c })),
    { placeHolder: network ? vscode.l10n.t('Container to connect to {0}', network.name) : vscode.l10n.t('Container to connect to a network'), ignoreFocusOut: true },
  );
}

async function pickNetwork(ctx: CommandContext, container: ContainerModel): Promise<NetworkModel | undefined> {
  const candidates = [...ctx.networks.networks.values()]
    .filter((n) => n.name !== 'host' && n.name !== 'none' && !containersOn(n, [container]).length)
    .sort((a, b) => Number(a.builtIn) - Number(b.builtIn) || a.name.localeCompare(b.name));
  if (candidates.length === 0) {
    void ctx.ui.info(vscode.l10n.t('{0} is on every network already. Create a network first.', container.name));
    return undefined;
  }
  return ctx.ui.pick(
    candidates.map((n) => ({ label: n.name, description: `${n.driver} · ${n.pools.find((p) => p.subnet)?.subnet ?? n.scope}`, value: n })),
    { placeHolder: vscode.l10n.t('Network to connect {0} to', container.name), ignoreFocusOut: true },
  );
}

async function askEndpoint(ctx: CommandContext, network: NetworkModel, container: ContainerModel): Promise<{ aliases: string[]; ip?: string } | undefined> {
  const aliasesProblem = (v: string) => {
    for (const alias of splitAliases(v)) {
      const problem = problemOf(() => parseAlias(alias, '--alias'));
      if (problem) return problem;
    }
    return undefined;
  };
  const aliasText = await ctx.ui.input({
    title: vscode.l10n.t('Connect {0} to {1}: aliases', container.name, network.name),
    prompt: vscode.l10n.t('Other names containers on {0} reach it by, separated by commas; its name always works. Leave empty for none.', network.name),
    ignoreFocusOut: true,
    validateInput: aliasesProblem,
  });
  if (aliasText === undefined) return undefined;
  if (aliasesProblem(aliasText)) {
    void ctx.ui.error(aliasesProblem(aliasText)!);
    return undefined;
  }
  const subnet = network.pools.find((p) => reportedSubnet(p.subnet))?.subnet;
  const ipProblem = (v: string) => (v.trim() === '' ? undefined : problemOf(() => checkedEndpoint(network, [], v)));
  const ip = await ctx.ui.input({
    title: vscode.l10n.t('Connect {0} to {1}: IPv4 address', container.name, network.name),
    prompt: subnet
      ? vscode.l10n.t('A fixed address inside {0}; leave empty to let Docker pick one.', subnet)
      : vscode.l10n.t('Leave empty to let Docker pick an address.'),
    ignoreFocusOut: true,
    validateInput: ipProblem,
  });
  if (ip === undefined) return undefined;
  if (ipProblem(ip)) {
    void ctx.ui.error(ipProblem(ip)!);
    return undefined;
  }
  return { aliases: splitAliases(aliasText), ip: ip.trim() || undefined };
}
