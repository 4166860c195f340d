import * as vscode from 'vscode';
import type { ImageModel } from '../../docker/models';
import { formatSize, shortId } from '../../tree/format';
import { actOnce } from '../act';
import type { CommandContext } from '../context';
import { engineReady } from '../engineReady';
import { imageDisplayName } from '../usage';

type Scope = 'dangling' | 'all';

/** What `docker image prune [-a]` removes, from the store: dangling images, or every image no container uses. */
export function imagesToPrune(images: Iterable<ImageModel>, usedImageIds: Set<string>, scope: Scope): ImageModel[] {
  return [...images].filter((i) => !usedImageIds.has(i.id) && (scope === 'all' || i.tags.length === 0));
}

function describe(image: ImageModel): string {
  return image.tags.length > 0 ? image.tags.map((t) => imageDisplayName(image, t)).join(', ') : `<none> ${shortId(image.id)}`;
}

/** `docker image prune [-a]`; the scope comes as an argument ('dangling' | 'all') or from a quick pick. */
export async function pruneImages(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  if (!(await engineReady(ctx))) {
    return;
  }
  const used = new Set([...ctx.store.containers.values()].map((c) => c.imageId));
  const dangling = imagesToPrune(ctx.store.images.values(), used, 'dangling');
  const unused = imagesToPrune(ctx.store.images.values(), used, 'all');
  let scope: Scope | undefined = args[0] === 'all' || args[0] === 'dangling' ? args[0] : undefined;
  scope ??= await ctx.ui.pick(
    [
      {
        label: vscode.l10n.t('Dangling images ({0})', dangling.length),
        detail: vscode.l10n.t('Images without a tag that no container uses: docker image prune'),
        value: 'dangling' as Scope,
      },
      {
        label: vscode.l10n.t('All unused images ({0})', unused.length),
        detail: vscode.l10n.t('Every image no container uses, tagged or not: docker image prune -a'),
        value: 'all' as Scope,
      },
    ],
    { placeHolder: vscode.l10n.t('Which images to remove'), title: vscode.l10n.t('Prune Images') },
  );
  if (!scope) {
    return;
  }
  const doomed = scope === 'all' ? unused : dangling;
  if (doomed.length === 0) {
    void ctx.ui.info(scope === 'all' ? vscode.l10n.t('No unused images to remove.') : vscode.l10n.t('No dangling images to remove.'));
    return;
  }
  const total = doomed.reduce((sum, i) => sum + i.size, 0);
  const action = scope === 'all' ? vscode.l10n.t('Remove All Unused Images') : vscode.l10n.t('Remove Dangling Images');
  const answer = await ctx.ui.choose(
    vscode.l10n.t('Remove {0} images ({1})?', doomed.length, formatSize(total)),
    `${vscode.l10n.t('These images and their layers not shared with other images are deleted:')}\n${doomed.map(describe).join('\n')}`,
    [action],
  );
  if (answer !== action) {
    return;
  }
  const cli = ['docker', 'image', 'prune', ...(scope === 'all' ? ['-a'] : []), '-f'];
  const result = await actOnce(ctx, cli, () => ctx.service.pruneImages(scope === 'all'));
  if (result) {
    const message = vscode.l10n.t('Removed {0} images, reclaimed {1}.', result.deleted.filter((id) => doomed.some((i) => i.id === id)).length, formatSize(result.spaceReclaimed));
    ctx.log.info(message);
    void ctx.ui.info(message);
  }
}
