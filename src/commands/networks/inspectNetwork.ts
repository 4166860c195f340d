import * as vscode from 'vscode';
import { actOnce } from '../act';
import type { CommandContext } from '../context';
import { networkTargets } from './networkTargets';

/** `docker network inspect`: the network's JSON as a read-only document. */
export async function inspectNetwork(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await networkTargets(ctx, args, {
    action: 'dockerExplorer.networks.inspect',
    many: true,
    placeHolder: vscode.l10n.t('Networks to inspect'),
    noneMessage: vscode.l10n.t('No networks to inspect.'),
  });
  for (const network of targets ?? []) {
    const answer = await actOnce(ctx, ['docker', 'network', 'inspect', network.name], () => ctx.service.inspectNetwork(network.id));
    if (answer) {
      await ctx.inspect.show('network', network.id, network.name, answer);
    }
  }
}
