import * as vscode from 'vscode';
import { actOnce } from '../act';
import type { CommandContext } from '../context';
import { volumeTargets } from '../targets';

/** `docker volume inspect`: the volume's JSON as a read-only document. */
export async function inspectVolume(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await volumeTargets(ctx, args, {
    action: 'dockerExplorer.volumes.inspect',
    many: true,
    placeHolder: vscode.l10n.t('Volumes to inspect'),
    noneMessage: vscode.l10n.t('No volumes to inspect.'),
  });
  for (const volume of targets ?? []) {
    const answer = await actOnce(ctx, ['docker', 'volume', 'inspect', volume.name], () => ctx.service.inspectVolume(volume.name));
    if (answer) {
      await ctx.inspect.show('volume', volume.name, volume.name, answer);
    }
  }
}
