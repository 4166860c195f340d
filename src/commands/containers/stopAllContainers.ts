import * as vscode from 'vscode';
import { accepts } from '../../tree/contextValues';
import { actOnEach } from '../act';
import type { CommandContext } from '../context';
import { allContainers, listNames } from './allContainers';

/** `docker stop` for every running (paused, restarting) container, after one confirmation with the count. */
export async function stopAllContainers(ctx: CommandContext): Promise<void> {
  const running = await allContainers(ctx, (c) => accepts('dockerExplorer.containers.stopAll', c.state), vscode.l10n.t('No running containers to stop.'));
  if (!running) {
    return;
  }
  const stopAll = vscode.l10n.t('Stop All');
  const choice = await ctx.ui.choose(
    running.length === 1 ? vscode.l10n.t('Stop the 1 running container?') : vscode.l10n.t('Stop all {0} running containers?', running.length),
    vscode.l10n.t('{0}\n\nEach gets SIGTERM, then SIGKILL after 10 seconds. Their writable layers are kept: Start brings them back.', listNames(running)),
    [stopAll],
  );
  if (choice !== stopAll) {
    return;
  }
  await actOnEach(
    ctx,
    running,
    (c) => ['docker', 'stop', c.name],
    (c) => ctx.service.stopContainer(c.id),
  );
}
