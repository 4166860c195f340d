import * as vscode from 'vscode';
import { accepts } from '../../tree/contextValues';
import type { CommandContext } from '../context';
import { allContainers } from './allContainers';
import { removeContainers } from './removeContainer';

/** Every container of the engine, after one confirmation with the counts (running ones forced). */
export async function removeAllContainers(ctx: CommandContext): Promise<void> {
  const all = await allContainers(ctx, (c) => accepts('dockerExplorer.containers.removeAll', c.state), vscode.l10n.t('There are no containers to remove.'));
  if (all) {
    await removeContainers(ctx, all, true);
  }
}
