import * as vscode from 'vscode';
import { actOnEach } from '../act';
import type { CommandContext } from '../context';
import { containersOn, describeUsers, networkTargets } from './networkTargets';

/**
 * `docker network rm`: several at once. A network any container is on (running or not) is refused,
 * naming them: the engine refuses running ones itself, and a stopped one would no longer start.
 */
export async function removeNetwork(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await networkTargets(ctx, args, {
    many: true,
    action: 'dockerExplorer.networks.remove',
    placeHolder: vscode.l10n.t('Networks to remove'),
    noneMessage: vscode.l10n.t('No unused networks to remove: containers are on every user-defined network, and the built-in ones cannot be removed.'),
  });
  if (!targets) {
    return;
  }
  // Asked of the engine: a container connected a moment ago, or while the picker was open, counts.
  const [containers, now] = await Promise.all([ctx.service.listContainers(), Promise.all(targets.map((n) => ctx.service.findNetwork(n.id)))]);
  const refused: string[] = [];
  const free = targets.filter((n, i) => {
    const users = containersOn(now[i] ?? n, containers);
    if (users.length > 0) {
      refused.push(vscode.l10n.t('{0} is used by {1}', n.name, describeUsers(users)));
    }
    return users.length === 0;
  });
  if (refused.length > 0) {
    void ctx.ui.error(vscode.l10n.t('Not removed: {0}. Disconnect or remove those containers first, then the network.', refused.join('; ')));
  }
  if (free.length === 0) {
    return;
  }
  const list = free.map((n) => n.name).join(', ');
  const action = vscode.l10n.t('Remove');
  const answer = await ctx.ui.choose(
    free.length === 1 ? vscode.l10n.t('Remove the network {0}?', list) : vscode.l10n.t('Remove {0} networks?', free.length),
    vscode.l10n.t('{0}: its settings (subnet, gateway, options, labels) are lost, and containers can no longer join it.', list),
    [action],
  );
  if (answer !== action) {
    return;
  }
  await actOnEach(
    ctx,
    free,
    (n) => ['docker', 'network', 'rm', n.name],
    (n) => ctx.service.removeNetwork(n.id),
  );
}
