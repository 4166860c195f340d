import * as vscode from 'vscode';
import { accepts } from '../../tree/contextValues';
import { actOnEach } from '../act';
import type { CommandContext } from '../context';
import { allContainers, listNames } from './allContainers';
import { display } from '../../tree/display';

/** `docker container prune`: lists the engine's stopped containers in the confirmation, removes those, then says what went. */
export async function pruneContainers(ctx: CommandContext): Promise<void> {
  const sizes = new Map<string, number>();
  const stopped = await allContainers(ctx, (c) => accepts('dockerExplorer.containers.prune', c.state), vscode.l10n.t('There are no stopped containers to prune.'), sizes);
  if (!stopped) {
    return;
  }
  const prune = vscode.l10n.t('Remove Stopped Containers');
  const choice = await ctx.ui.choose(
    stopped.length === 1 ? vscode.l10n.t('Remove the 1 stopped container?') : vscode.l10n.t('Remove all {0} stopped containers?', stopped.length),
    vscode.l10n.t('{0}\n\nRemoved containers cannot be recovered. The files changed in their writable layers are lost; data in volumes is kept.', listNames(stopped)),
    [prune],
  );
  if (choice !== prune) {
    return;
  }
  // One by one, by id, without force: what the confirmation named and nothing else. A container
  // made since is not in the list; one started since is refused by the engine (it is running).
  const { done } = await actOnEach(
    ctx,
    stopped,
    (c) => ['docker', 'rm', c.name],
    (c) => ctx.service.removeContainer(c.id),
  );
  if (done.length > 0) {
    const reclaimed = done.reduce((sum, c) => sum + (sizes.get(c.id) ?? 0), 0);
    void ctx.ui.info(
      done.length === 1
        ? vscode.l10n.t('Removed 1 stopped container; reclaimed {0}.', display().size(reclaimed))
        : vscode.l10n.t('Removed {0} stopped containers; reclaimed {1}.', done.length, display().size(reclaimed)),
    );
  }
}
