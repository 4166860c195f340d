import * as vscode from 'vscode';
import { actOnEach } from '../act';
import type { CommandContext } from '../context';
import { containerTargets } from '../targets';

/** `docker stop`: running, paused or restarting containers, several at once. */
export async function stopContainer(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await containerTargets(ctx, args, {
    many: true,
    action: 'dockerExplorer.containers.stop',
    placeHolder: vscode.l10n.t('Containers to stop'),
    noneMessage: vscode.l10n.t('No running containers to stop.'),
  });
  if (!targets) {
    return;
  }
  await actOnEach(
    ctx,
    targets,
    (c) => ['docker', 'stop', c.name],
    (c) => ctx.service.stopContainer(c.id),
  );
}
