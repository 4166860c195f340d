import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { PageNode } from '../../tree/nodes/pageNode';

/**
 * Show More Containers: a page row of a long level in the containers view (containers 501-1,000) or of a network's members,
 * expanded in the view as a click on it would; returns once the view has its rows. No engine request.
 */
export async function showMoreContainers(ctx: CommandContext, target?: unknown): Promise<void> {
  if (!(target instanceof PageNode)) {
    void ctx.ui.error(
      vscode.l10n.t('Show More Containers needs a page row of the Containers or Networks view, such as "Containers 101–600": run it from that row, or expand the row.'),
    );
    return;
  }
  await ctx.expandContainersRow?.(target);
}
