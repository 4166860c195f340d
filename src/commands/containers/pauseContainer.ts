import * as vscode from 'vscode';
import { actOnEach } from '../act';
import type { CommandContext } from '../context';
import { containerTargets } from '../targets';

/** `docker pause`: freezes the processes of running containers, several at once. */
export async function pauseContainer(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await containerTargets(ctx, args, {
    many: true,
    action: 'dockerExplorer.containers.pause',
    placeHolder: vscode.l10n.t('Containers to pause'),
    noneMessage: vscode.l10n.t('No running containers to pause.'),
  });
  if (!targets) {
    return;
  }
  await actOnEach(
    ctx,
    targets,
    (c) => ['docker', 'pause', c.name],
    (c) => ctx.service.pauseContainer(c.id),
  );
}
