import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { containerTargets } from '../targets';

/** Copies the full id (one per line for several), as `docker inspect --format '{{.Id}}'` prints it. */
export async function copyContainerId(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await containerTargets(ctx, args, {
    action: 'dockerExplorer.containers.copyId',
    many: false,
    placeHolder: vscode.l10n.t('Container whose id to copy'),
    noneMessage: vscode.l10n.t('No containers.'),
  });
  if (!targets) {
    return;
  }
  await vscode.env.clipboard.writeText(targets.map((c) => c.id).join('\n'));
  vscode.window.setStatusBarMessage(
    targets.length === 1 ? vscode.l10n.t('Copied the id of {0}.', targets[0].name) : vscode.l10n.t('Copied {0} container ids.', targets.length),
    3000,
  );
}
