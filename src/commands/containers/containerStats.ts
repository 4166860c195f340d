import * as vscode from 'vscode';
import { commandLine } from '../../docker/shell';
import { StatsTerminal } from '../../terminal/statsTerminal';
import type { CommandContext } from '../context';
import { containerTargets } from '../targets';

/**
 * `docker stats NAME...`: live CPU, memory, network and block I/O of running containers in one
 * terminal. Takes rows (the selection), ids or names, or `{ container: [...] }`; resolves to the
 * session once its first table is drawn.
 */
export async function containerStats(ctx: CommandContext, ...args: unknown[]): Promise<StatsTerminal | undefined> {
  const targets = await containerTargets(ctx, args, {
    action: 'dockerExplorer.containers.stats',
    many: true,
    placeHolder: vscode.l10n.t('Running containers to watch'),
    noneMessage: vscode.l10n.t('No running containers: stats come from a container while it runs.'),
  });
  if (!targets) {
    return undefined;
  }
  ctx.log.command(commandLine(['docker', 'stats', ...targets.map((c) => c.name)]));
  const session = new StatsTerminal(ctx.service, targets, ctx.engineDescription);
  const title = targets.length === 1 ? vscode.l10n.t('{0} (stats)', targets[0].name) : vscode.l10n.t('{0} containers (stats)', targets.length);
  ctx.terminals.show(session, title, 'pulse');
  await Promise.race([session.firstTable, new Promise((resolve) => session.onDidClose(resolve))]);
  return session;
}
