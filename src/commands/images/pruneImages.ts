import * as vscode from 'vscode';
import type { ImageModel } from '../../docker/models';
import { shortId } from '../../tree/format';
import { actOnEach } from '../act';
import type { CommandContext } from '../context';
import { engineReady } from '../engineReady';
import { imageDisplayName } from '../usage';
import { untagEach } from './removeImage';
import { display } from '../../tree/display';

type Scope = 'dangling' | 'all';

/** What `docker image prune [-a]` removes: dangling images, or every image no container uses. */
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
  const given: Scope | undefined = args[0] === 'all' || args[0] === 'dangling' ? args[0] : undefined;
  let { dangling, unused } = await prunableNow(ctx);
  const scope =
    given ??
    (await ctx.ui.pick(
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
    ));
  if (!scope) {
    return;
  }
  if (!given) {
    ({ dangling, unused } = await prunableNow(ctx)); // the pick may have stayed open a while
  }
  const doomed = scope === 'all' ? unused : dangling;
  if (doomed.length === 0) {
    void ctx.ui.info(scope === 'all' ? vscode.l10n.t('No unused images to remove.') : vscode.l10n.t('No dangling images to remove.'));
    return;
  }
  const total = doomed.reduce((sum, i) => sum + i.size, 0);
  const action = scope === 'all' ? vscode.l10n.t('Remove All Unused Images') : vscode.l10n.t('Remove Dangling Images');
  const answer = await ctx.ui.choose(
    vscode.l10n.t('Remove {0} images ({1})?', doomed.length, display().size(total)),
    `${vscode.l10n.t('These images and their layers not shared with other images are deleted:')}\n${doomed.map(describe).join('\n')}`,
    [action],
  );
  if (answer !== action) {
    return;
  }
  // Image by image, never forced: only what the confirmation named goes. An image made or pulled
  // since is not in the list; one a container was created from since is refused by the engine.
  const deleted = new Set<string>();
  const layersBefore = await ctx.service.layersSize().catch(() => undefined);
  await actOnEach(
    ctx,
    doomed,
    (i) => ['docker', 'rmi', ...(i.tags.length > 0 ? i.tags : [shortId(i.id)])],
    async (i) => (i.tags.length > 0 ? untagEach(ctx, i.tags, i.id) : ctx.service.removeImage(i.id)).then((r) => r.deleted.forEach((id) => deleted.add(id))),
  );
  const gone = doomed.filter((i) => deleted.has(i.id));
  if (gone.length > 0) {
    // Layers shared with images that stay are not freed: the engine's own total says what was.
    const layersAfter = layersBefore === undefined ? undefined : await ctx.service.layersSize().catch(() => undefined);
    const reclaimed = layersBefore !== undefined && layersAfter !== undefined ? Math.max(0, layersBefore - layersAfter) : gone.reduce((sum, i) => sum + i.size, 0);
    const message = vscode.l10n.t('Removed {0} images, reclaimed {1}.', gone.length, display().size(reclaimed));
    ctx.log.info(message);
    void ctx.ui.info(message);
  }
}

/** What each scope would remove, from the engine's lists now. */
async function prunableNow(ctx: CommandContext): Promise<{ dangling: ImageModel[]; unused: ImageModel[] }> {
  const [images, containers] = await Promise.all([ctx.service.listImages(), ctx.service.listContainers()]);
  const used = new Set(containers.map((c) => c.imageId));
  return { dangling: imagesToPrune(images, used, 'dangling'), unused: imagesToPrune(images, used, 'all') };
}
