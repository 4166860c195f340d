import * as vscode from 'vscode';
import { actOnEach } from '../act';
import type { CommandContext } from '../context';
import { containerTargets } from '../targets';

/** `docker unpause`: paused containers, several at once. */
export async function unpauseContainer(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await containerTargets(ctx, args, {
    many: true,
    action: 'dockerExplorer.containers.unpause',
    placeHolder: vscode.l10n.t('Containers to unpause'),
    noneMessage: vscode.l10n.t('No paused containers to unpause.'),
  });
  if (!targets) {
    return;
  }
  await actOnEach(
    ctx,
    targets,
    (c) => ['docker', 'unpause', c.name],
    (c) => ctx.service.unpauseContainer(c.id),
  );
}
