import * as vscode from 'vscode';
import type { VolumeModel } from '../../docker/models';
import { usersByVolume } from '../../docker/usage';
import { actOnEach } from '../act';
import type { CommandContext } from '../context';
import { engineReady } from '../engineReady';
import { volumeDisplayName } from './removeVolume';
import { display } from '../../tree/display';

/** The label Docker 23 and later put on the volumes they create for a container alone; `docker volume prune` keeps the others unless -a. */
const anonymousVolumeLabel = 'com.docker.volume.anonymous';

/**
 * `docker volume prune [-a]`: lists the volumes that engine's prune would remove now (the local
 * ones no container mounts; on Engine API 1.42 and later only anonymous ones unless -a), then
 * removes exactly those on confirmation.
 */
export async function pruneVolumes(ctx: CommandContext): Promise<void> {
  if (!(await engineReady(ctx))) {
    return;
  }
  const [volumes, containers, onlyAnonymous] = await Promise.all([ctx.service.listVolumes(), ctx.service.listContainers(), ctx.service.prunesOnlyAnonymousVolumes()]);
  const mounted = usersByVolume(containers);
  // The engine prunes only volumes of the local driver that no container (in any state) mounts.
  const unused = volumes
    .filter((v) => v.driver === 'local' && !mounted.has(v.name))
    .sort((a, b) => Number(a.anonymous) - Number(b.anonymous) || a.name.localeCompare(b.name));
  const anonymous = onlyAnonymous ? unused.filter((v) => anonymousVolumeLabel in v.labels) : unused;
  const named = onlyAnonymous ? unused.filter((v) => !(anonymousVolumeLabel in v.labels)) : [];
  if (unused.length === 0) {
    void ctx.ui.info(vscode.l10n.t('No unused volumes: every volume is mounted by a container.'));
    return;
  }
  const removeUnused = onlyAnonymous ? vscode.l10n.t('Remove Unused Anonymous Volumes') : vscode.l10n.t('Remove Unused Volumes');
  const removeAll = vscode.l10n.t('Remove All Unused Volumes');
  const header = vscode.l10n.t('No container mounts these volumes. The data in them is deleted for good:');
  const lines =
    anonymous.length > 0
      ? [header, ...anonymous.map(volumeDisplayName)]
      : [header, ...named.map(volumeDisplayName), '', vscode.l10n.t('This engine prunes named volumes only with -a: {0} is docker volume prune -a.', removeAll)];
  if (anonymous.length > 0 && named.length > 0) {
    lines.push('', vscode.l10n.t('{0} (docker volume prune -a) also deletes these named volumes:', removeAll), ...named.map(volumeDisplayName));
  }
  const answer = await ctx.ui.choose(
    anonymous.length > 0 && onlyAnonymous
      ? vscode.l10n.t('Remove {0} unused anonymous volumes?', anonymous.length)
      : vscode.l10n.t('Remove {0} unused volumes?', anonymous.length || named.length),
    lines.join('\n'),
    [...(anonymous.length > 0 ? [removeUnused] : []), ...(named.length > 0 ? [removeAll] : [])],
  );
  if (answer !== removeUnused && answer !== removeAll) {
    return;
  }
  await removeVolumes(ctx, answer === removeAll ? [...anonymous, ...named] : anonymous);
}

/**
 * One by one, by name, never forced: a volume created after the listing is not in it, and one a
 * container mounts since is refused by the engine. (A prune request would take both.)
 */
async function removeVolumes(ctx: CommandContext, doomed: VolumeModel[]): Promise<void> {
  const known = await ctx.service.volumeSizes().catch(() => new Map<string, number>());
  const { done } = await actOnEach(
    ctx,
    doomed,
    (v) => ['docker', 'volume', 'rm', v.name],
    (v) => ctx.service.removeVolume(v.name),
  );
  if (done.length > 0) {
    const reclaimed = done.reduce((sum, v) => sum + Math.max(0, known.get(v.name) ?? 0), 0);
    const message = vscode.l10n.t('Removed {0} volumes, reclaimed {1}.', done.length, display().size(reclaimed));
    ctx.log.info(message);
    void ctx.ui.info(message);
  }
}
