import * as vscode from 'vscode';
import { shortId } from '../../tree/format';
import { actOnce } from '../act';
import type { CommandContext } from '../context';
import { ImageTarget, imageTargets } from '../targets';
import { DockerError } from '../../docker/errors';
import { isActive } from '../../docker/models';
import { describeError } from '../../errorMessages';
import { containersUsingImage, imageDisplayName, names } from '../usage';
import { display } from '../../tree/display';

/**
 * `docker rmi`: untags one tag of an image that has several; otherwise removes the image, asking
 * first. Never forces past a container: running ones and stopped ones both keep their image.
 */
export async function removeImage(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await imageTargets(ctx, args, {
    action: 'dockerExplorer.images.remove',
    many: false,
    placeHolder: vscode.l10n.t('Image to remove'),
    noneMessage: vscode.l10n.t('No images to remove.'),
  });
  for (const target of targets ?? []) {
    await removeOne(ctx, target);
  }
}

/**
 * Untags each reference in turn while it still names the image `id` (one moved to another image
 * since stops it there); the engine deletes the image with its last reference, and not while a
 * container needs it. Never forced: only what was confirmed goes.
 */
export async function untagEach(ctx: CommandContext, references: string[], id: string): Promise<{ untagged: string[]; deleted: string[] }> {
  const result = { untagged: [] as string[], deleted: [] as string[] };
  for (const reference of references) {
    if ((await ctx.service.findImage(reference))?.id !== id) {
      throw new DockerError('notFound', vscode.l10n.t('{0} no longer names the image {1}; it was left alone.', reference, shortId(id)));
    }
    const { untagged, deleted } = await ctx.service.removeImage(reference);
    result.untagged.push(...untagged);
    result.deleted.push(...deleted);
  }
  return result;
}

async function removeOne(ctx: CommandContext, target: ImageTarget): Promise<void> {
  const { reference } = target;
  // The tags and the containers as the engine has them now, not as the row or the store last saw them.
  const image = await ctx.service.findImage(target.image.id);
  if (!image || (reference && !image.tags.includes(reference))) {
    const what = reference ? imageDisplayName(target.image, reference) : shortId(target.image.id);
    void ctx.ui.error(describeError(new DockerError('notFound', vscode.l10n.t('No such image: {0}.', what)), ctx.engineDescription));
    return;
  }
  const name = imageDisplayName(image, reference);
  const id = shortId(image.id);
  const users = await containersUsingImage(ctx, image.id);
  const active = users.filter(isActive);
  if (active.length > 0) {
    void ctx.ui.error(vscode.l10n.t('{0} is used by running or paused containers: {1}. Stop and remove them first, then remove the image.', name, names(active)));
    return;
  }
  const tags = image.tags.map((t) => imageDisplayName(image, t));
  let cli: string[];
  let operation: () => Promise<{ untagged: string[]; deleted: string[] }>;
  if (reference && image.tags.length > 1) {
    const others = tags.filter((t) => t !== name);
    const action = vscode.l10n.t('Untag');
    const answer = await ctx.ui.choose(
      vscode.l10n.t('Untag {0}?', name),
      vscode.l10n.t('Only the tag {0} goes. The image {1} and its layers stay, still tagged as {2}.', name, id, others.join(', ')),
      [action],
    );
    if (answer !== action) {
      return;
    }
    cli = ['docker', 'rmi', name];
    operation = () => untagEach(ctx, [reference], image.id);
  } else {
    const stopped = users.filter((c) => !isActive(c));
    if (stopped.length > 0) {
      void ctx.ui.error(
        vscode.l10n.t(
          '{0} cannot be removed: the stopped containers {1} were created from it, and the engine keeps an image while a container needs it. Remove those containers first (their changes are lost), then the image.',
          name,
          names(stopped),
        ),
      );
      return;
    }
    const lost = vscode.l10n.t(
      'The image {0} ({1}) and its layers not shared with other images are deleted. Pull or build it again to get it back.',
      id,
      display().size(image.size),
    );
    if (!reference && image.tags.length > 1) {
      // By id, an image with several tags only goes with -f, which untags every one of them.
      const action = vscode.l10n.t('Force Untag and Remove');
      const answer = await ctx.ui.choose(
        vscode.l10n.t('Remove image {0} and all its {1} tags?', id, image.tags.length),
        `${vscode.l10n.t('Its tags {0} are all removed.', tags.join(', '))} ${lost}`,
        [action],
      );
      if (answer !== action) {
        return;
      }
      // Tag by tag rather than -f by id: a tag added after this confirmation keeps the image.
      cli = ['docker', 'rmi', ...tags];
      operation = () => untagEach(ctx, image.tags, image.id);
    } else {
      const action = vscode.l10n.t('Remove');
      const answer = await ctx.ui.choose(vscode.l10n.t('Remove image {0}?', name), lost, [action]);
      if (answer !== action) {
        return;
      }
      cli = ['docker', 'rmi', reference ? name : id];
      operation = () => (reference ? untagEach(ctx, [reference], image.id) : ctx.service.removeImage(image.id));
    }
  }
  const result = await actOnce(ctx, cli, operation);
  if (result) {
    const message =
      result.deleted.length === 0
        ? vscode.l10n.t('Untagged {0}; the image {1} stays.', name, id)
        : vscode.l10n.t('Removed {0}: {1} untagged, {2} deleted.', name, result.untagged.length, result.deleted.length);
    ctx.log.info(message);
    void ctx.ui.info(message);
  }
}
