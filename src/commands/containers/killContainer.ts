import * as vscode from 'vscode';
import { actOnEach } from '../act';
import type { CommandContext } from '../context';
import { containerTargets } from '../targets';

/** `docker kill`: SIGKILL to running (or paused, restarting) containers, several at once. */
export async function killContainer(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await containerTargets(ctx, args, {
    many: true,
    action: 'dockerExplorer.containers.kill',
    placeHolder: vscode.l10n.t('Containers to kill'),
    noneMessage: vscode.l10n.t('No running containers to kill.'),
  });
  if (!targets) {
    return;
  }
  await actOnEach(
    ctx,
    targets,
    (c) => ['docker', 'kill', c.name],
    (c) => ctx.service.killContainer(c.id),
  );
}
