import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { ShowMoreNode } from '../../tree/nodes/showMoreNode';

/** The Show more row of a long level in the containers view: its next page. No engine request. */
export async function showMoreContainers(ctx: CommandContext, target?: unknown): Promise<void> {
  if (!(target instanceof ShowMoreNode)) {
    void ctx.ui.error(vscode.l10n.t('Show More takes the "Show more" row of the containers view.'));
    return;
  }
  target.showMore();
}
