import * as vscode from 'vscode';
import type { NetworkModel } from '../../docker/networks';
import { actOnEach } from '../act';
import type { CommandContext } from '../context';
import { engineReady } from '../engineReady';
import { containersOn } from './networkTargets';

/** A user-defined network of this engine's own (not swarm's) that no container, running or not, is on. */
export function unusedNetworks(networks: NetworkModel[], containers: Parameters<typeof containersOn>[1]): NetworkModel[] {
  const all = [...containers];
  return networks
    .filter((n) => !n.builtIn && !n.ingress && n.scope === 'local' && n.endpoints.length === 0 && containersOn(n, all).length === 0)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * `docker network prune`: lists the user-defined networks no container is on, as the engine has
 * them now, and removes exactly those on confirmation, one by one (a network made or joined since
 * is not touched; a prune request would take it).
 */
export async function pruneNetworks(ctx: CommandContext): Promise<void> {
  if (!(await engineReady(ctx))) {
    return;
  }
  const [networks, containers] = await Promise.all([ctx.service.listNetworks(), ctx.service.listContainers()]);
  const doomed = unusedNetworks(networks, containers);
  if (doomed.length === 0) {
    void ctx.ui.info(vscode.l10n.t('No unused networks: containers are on every user-defined network.'));
    return;
  }
  const action = vscode.l10n.t('Remove Unused Networks');
  const answer = await ctx.ui.choose(
    vscode.l10n.t('Remove {0} unused networks?', doomed.length),
    [vscode.l10n.t('No container is on these networks. Their settings (subnet, gateway, options, labels) are lost:'), ...doomed.map(describe)].join('\n'),
    [action],
  );
  if (answer !== action) {
    return;
  }
  const { done } = await actOnEach(
    ctx,
    doomed,
    (n) => ['docker', 'network', 'rm', n.name],
    (n) => ctx.service.removeNetwork(n.id),
  );
  if (done.length > 0) {
    const message = vscode.l10n.t('Removed {0} networks: {1}.', done.length, done.map((n) => n.name).join(', '));
    ctx.log.info(message);
    void ctx.ui.info(message);
  }
}

function describe(network: NetworkModel): string {
  const subnet = network.pools.find((p) => p.subnet)?.subnet;
  return subnet ? `${network.name} (${network.driver}, ${subnet})` : `${network.name} (${network.driver})`;
}
