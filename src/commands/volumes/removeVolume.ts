import * as vscode from 'vscode';
import type { VolumeModel } from '../../docker/models';
import { actOnEach } from '../act';
import type { CommandContext } from '../context';
import { volumeTargets } from '../targets';
import { isActive } from '../../docker/models';
import { usersByVolume } from '../../docker/usage';

export function volumeDisplayName(volume: VolumeModel): string {
  return volume.anonymous ? volume.name.slice(0, 12) : volume.name;
}

/** `docker volume rm`: several at once; a volume any container mounts is refused, naming it. */
export async function removeVolume(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await volumeTargets(ctx, args, {
    many: true,
    action: 'dockerExplorer.volumes.remove',
    placeHolder: vscode.l10n.t('Volumes to remove'),
    noneMessage: vscode.l10n.t('No unused volumes to remove: every volume is mounted by a container.'),
  });
  if (!targets) {
    return;
  }
  // Asked of the engine: a container made a moment ago, or while the picker was open, counts.
  const mounted = usersByVolume(await ctx.service.listContainers());
  const refused: string[] = [];
  const free = targets.filter((v) => {
    const users = (mounted.get(v.name) ?? []).map((use) => use.container);
    if (users.length > 0) {
      const who = users.map((c) => `${c.name} (${isActive(c) ? vscode.l10n.t('running') : vscode.l10n.t('stopped')})`).join(', ');
      refused.push(vscode.l10n.t('{0} is used by {1}', volumeDisplayName(v), who));
    }
    return users.length === 0;
  });
  if (refused.length > 0) {
    void ctx.ui.error(vscode.l10n.t('Not removed: {0}. Remove those containers first, then the volume.', refused.join('; ')));
  }
  if (free.length === 0) {
    return;
  }
  const list = free.map(volumeDisplayName).join(', ');
  const action = vscode.l10n.t('Remove');
  const answer = await ctx.ui.choose(
    free.length === 1 ? vscode.l10n.t('Remove the volume {0}?', list) : vscode.l10n.t('Remove {0} volumes?', free.length),
    vscode.l10n.t('The data in {0} is deleted for good; it cannot be recovered.', list),
    [action],
  );
  if (answer !== action) {
    return;
  }
  await actOnEach(
    ctx,
    free,
    (v) => ['docker', 'volume', 'rm', v.name],
    (v) => ctx.service.removeVolume(v.name),
  );
}
