import * as vscode from 'vscode';
import type { ContainerChange } from '../../docker/containerChanges';
import type { CommandContext } from '../context';
import { containerTargets } from '../targets';

/**
 * Show Changes: the container's row expanded to its Changes (`docker diff`), revealed in the
 * Containers view. Returns the changes as the engine listed them.
 */
export async function showChanges(ctx: CommandContext, ...args: unknown[]): Promise<ContainerChange[] | undefined> {
  const [container] =
    (await containerTargets(ctx, args, {
      action: 'dockerExplorer.containers.showChanges',
      many: false,
      placeHolder: vscode.l10n.t('Container whose changes to show'),
      noneMessage: vscode.l10n.t('No containers.'),
    })) ?? [];
  if (!container) {
    return undefined;
  }
  ctx.log.command(`docker diff ${container.name}`);
  return ctx.reveal?.changes(container.id);
}
