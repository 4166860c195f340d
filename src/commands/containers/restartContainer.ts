import * as vscode from 'vscode';
import { actOnEach } from '../act';
import type { CommandContext } from '../context';
import { containerTargets } from '../targets';

/** `docker restart`: running containers, several at once. */
export async function restartContainer(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await containerTargets(ctx, args, {
    many: true,
    action: 'dockerExplorer.containers.restart',
    placeHolder: vscode.l10n.t('Containers to restart'),
    noneMessage: vscode.l10n.t('No running containers to restart.'),
  });
  if (!targets) {
    return;
  }
  await actOnEach(
    ctx,
    targets,
    (c) => ['docker', 'restart', c.name],
    (c) => ctx.service.restartContainer(c.id),
  );
}
