import * as vscode from 'vscode';
import { usersByVolume } from '../../docker/usage';
import { formatSize } from '../../tree/format';
import { actOnce } from '../act';
import type { CommandContext } from '../context';
import { engineReady } from '../engineReady';
import { volumeDisplayName } from './removeVolume';

/** `docker volume prune`: lists the volumes no container mounts, then removes them on confirmation. */
export async function pruneVolumes(ctx: CommandContext): Promise<void> {
  if (!(await engineReady(ctx))) {
    return;
  }
  const mounted = usersByVolume(ctx.store.containers.values());
  const unused = [...ctx.store.volumes.values()]
    .filter((v) => !mounted.has(v.name))
    .sort((a, b) => Number(a.anonymous) - Number(b.anonymous) || a.name.localeCompare(b.name));
  if (unused.length === 0) {
    void ctx.ui.info(vscode.l10n.t('No unused volumes: every volume is mounted by a container.'));
    return;
  }
  const action = vscode.l10n.t('Remove Unused Volumes');
  const answer = await ctx.ui.choose(
    vscode.l10n.t('Remove {0} unused volumes?', unused.length),
    `${vscode.l10n.t('No container mounts these volumes. The data in them is deleted for good:')}\n${unused.map(volumeDisplayName).join('\n')}`,
    [action],
  );
  if (answer !== action) {
    return;
  }
  const result = await actOnce(ctx, ['docker', 'volume', 'prune', '-f'], () => ctx.service.pruneVolumes());
  if (result) {
    const message = vscode.l10n.t('Removed {0} volumes, reclaimed {1}.', result.deleted.length, formatSize(result.spaceReclaimed));
    ctx.log.info(message);
    void ctx.ui.info(message);
  }
}
