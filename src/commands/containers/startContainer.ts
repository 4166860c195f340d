import * as vscode from 'vscode';
import { actOnEach } from '../act';
import type { CommandContext } from '../context';
import { containerTargets } from '../targets';

/** `docker start`: created or exited containers, several at once. */
export async function startContainer(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await containerTargets(ctx, args, {
    many: true,
    action: 'dockerExplorer.containers.start',
    placeHolder: vscode.l10n.t('Containers to start'),
    noneMessage: vscode.l10n.t('No stopped containers to start.'),
  });
  if (!targets) {
    return;
  }
  await actOnEach(
    ctx,
    targets,
    (c) => ['docker', 'start', c.name],
    (c) => ctx.service.startContainer(c.id),
  );
}
