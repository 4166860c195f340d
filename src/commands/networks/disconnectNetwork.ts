import * as vscode from 'vscode';
import { isActive, type ContainerModel } from '../../docker/models';
import type { NetworkModel } from '../../docker/networks';
import { actOnce } from '../act';
import type { CommandContext } from '../context';
import { engineReady } from '../engineReady';
import { findContainer, findNetwork } from './connectNetwork';
import { containersOn } from './networkTargets';

interface MemberRow {
  kind?: string;
  network?: NetworkModel;
  member?: { containerId: string; name: string; container?: ContainerModel };
}

/**
 * `docker network disconnect NETWORK CONTAINER`: from a container row under a network,
 * `{ container, network }`, or the palette. A running container is asked about first: its
 * connections on that network drop.
 */
export async function disconnectNetwork(ctx: CommandContext, ...args: unknown[]): Promise<boolean> {
  const [first] = args as [MemberRow | { container?: unknown; network?: unknown } | undefined];
  const row = first && typeof first === 'object' && (first as MemberRow).kind === 'networkContainer' ? (first as MemberRow) : undefined;
  const plain = first && typeof first === 'object' && !('kind' in first) ? (first as { container?: unknown; network?: unknown }) : undefined;
  if (plain && (typeof plain.container !== 'string' || typeof plain.network !== 'string')) {
    void ctx.ui.error(vscode.l10n.t('Disconnect needs { container, network }, each a name or an id, e.g. { container: "web", network: "backend" }.'));
    return false;
  }
  if (!(await engineReady(ctx))) return false;
  await ctx.networks.whenListed();

  let network = row?.network ?? (typeof plain?.network === 'string' ? await findNetwork(ctx, plain.network) : undefined);
  if (plain && !network) return false;
  network ??= await pickNetwork(ctx);
  if (!network) return false;
  let container: ContainerModel | undefined;
  if (row?.member) {
    container = row.member.container ?? (await findContainer(ctx, row.member.containerId));
  } else if (typeof plain?.container === 'string') {
    container = await findContainer(ctx, plain.container);
  } else {
    container = await pickMember(ctx, network);
  }
  if (!container) return false;

  // Asked of the engine: the state decides the question, and the store may lag.
  const [now] = await ctx.service.listContainers([container.id]);
  container = now ?? container;
  if (containersOn(network, [container]).length === 0) {
    void ctx.ui.error(vscode.l10n.t('{0} is not on the network {1}.', container.name, network.name));
    return false;
  }
  if (isActive(container)) {
    const action = vscode.l10n.t('Disconnect');
    const answer = await ctx.ui.choose(
      vscode.l10n.t('Disconnect the running container {0} from {1}?', container.name, network.name),
      vscode.l10n.t('Its open connections on {0} drop at once, and containers there no longer reach it by name or alias.', network.name),
      [action],
    );
    if (answer !== action) return false;
  }
  const done = await actOnce(ctx, ['docker', 'network', 'disconnect', network.name, container.name], async () => {
    await ctx.service.disconnectNetwork(network.id, container.id);
    return true;
  });
  return done === true;
}

async function pickNetwork(ctx: CommandContext): Promise<NetworkModel | undefined> {
  const candidates = [...ctx.networks.networks.values()]
    .filter((n) => containersOn(n, ctx.store.containers.values()).length > 0)
    .sort((a, b) => a.name.localeCompare(b.name));
  if (candidates.length === 0) {
    void ctx.ui.info(vscode.l10n.t('No container is on any network.'));
    return undefined;
  }
  return ctx.ui.pick(
    candidates.map((n) => ({ label: n.name, description: n.driver, value: n })),
    { placeHolder: vscode.l10n.t('Network to disconnect a container from'), ignoreFocusOut: true },
  );
}

async function pickMember(ctx: CommandContext, network: NetworkModel): Promise<ContainerModel | undefined> {
  const members = containersOn(network, ctx.store.containers.values());
  if (members.length === 0) {
    void ctx.ui.info(vscode.l10n.t('No container is on {0}.', network.name));
    return undefined;
  }
  return ctx.ui.pick(
    members.map((c) => ({ label: c.name, description: c.status, value: c })),
    { placeHolder: vscode.l10n.t('Container to disconnect from {0}', network.name), ignoreFocusOut: true },
  );
}
