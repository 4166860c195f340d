import * as vscode from 'vscode';
import { accepts } from '../../tree/contextValues';
import { formatSize } from '../../tree/format';
import { actOnce } from '../act';
import type { CommandContext } from '../context';
import { allContainers, listNames } from './allContainers';

/** `docker container prune`: lists the stopped containers in the confirmation, then says what went. */
export async function pruneContainers(ctx: CommandContext): Promise<void> {
  const stopped = await allContainers(ctx, (c) => accepts('dockerExplorer.containers.prune', c.state), vscode.l10n.t('There are no stopped containers to prune.'));
  if (!stopped) {
    return;
  }
  const prune = vscode.l10n.t('Remove Stopped Containers');
  const choice = await ctx.ui.choose(
    stopped.length === 1 ? vscode.l10n.t('Remove the 1 stopped container?') : vscode.l10n.t('Remove all {0} stopped containers?', stopped.length),
    vscode.l10n.t(
      '{0}\n\nRemoved containers cannot be recovered. The files changed in their writable layers are lost; data in volumes is kept.',
      listNames(stopped),
    ),
    [prune],
  );
  if (choice !== prune) {
    return;
  }
  const result = await actOnce(ctx, ['docker', 'container', 'prune', '--force'], () => ctx.service.pruneContainers());
  if (result) {
    void ctx.ui.info(
      result.removed.length === 1
        ? vscode.l10n.t('Removed 1 stopped container; reclaimed {0}.', formatSize(result.spaceReclaimed))
        : vscode.l10n.t('Removed {0} stopped containers; reclaimed {1}.', result.removed.length, formatSize(result.spaceReclaimed)),
    );
  }
}
