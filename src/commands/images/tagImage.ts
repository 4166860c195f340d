import * as vscode from 'vscode';
import { familiarImageName, ImageRef, ImageRefError, parseImageRef } from '../../docker/imageRef';
import { actOnce } from '../act';
import type { CommandContext } from '../context';
import { imageTargets } from '../targets';
import { imageDisplayName } from '../usage';

/** What is wrong with a new tag, or undefined when it is one; no engine request. */
export function tagProblem(value: string): string | undefined {
  let ref: ImageRef;
  try {
    ref = parseImageRef(value);
  } catch (err) {
    return err instanceof ImageRefError ? err.message : String(err);
  }
  if (ref.digest) {
    return vscode.l10n.t(
      'A digest (@sha256:...) names content the registry already has, so it cannot be given to an image as a tag. Give repository:tag instead, e.g. myapp:1.0.',
    );
  }
  return undefined;
}

/** A reference tagProblem accepted, as the docker CLI names it: `repository` without docker.io/library, `tag` latest when none. */
export function tagReference(value: string): { repository: string; tag: string; full: string } {
  const ref = parseImageRef(value);
  const repository = familiarImageName({ domain: ref.domain, path: ref.path });
  const tag = ref.tag ?? 'latest';
  return { repository, tag, full: `${repository}:${tag}` };
}

/** `docker tag SRC DEST`: gives an image another name; the image itself is not copied. */
export async function tagImage(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await imageTargets(ctx, args, {
    action: 'dockerExplorer.images.tag',
    many: false,
    placeHolder: vscode.l10n.t('Image to tag'),
    noneMessage: vscode.l10n.t('No images to tag.'),
  });
  const target = targets?.[0];
  if (!target) {
    return;
  }
  const source = imageDisplayName(target.image, target.reference);
  const value = await ctx.ui.input({
    title: vscode.l10n.t('Tag {0} as', source),
    prompt: vscode.l10n.t('A new reference: repository[:tag], e.g. myapp:1.0 or 127.0.0.1:5000/team/app:2 (no tag means latest).'),
    value: target.reference ? source : '',
    validateInput: tagProblem,
  });
  if (value === undefined) {
    return;
  }
  const problem = tagProblem(value);
  if (problem) {
    void ctx.ui.error(problem);
    return;
  }
  const { repository, tag, full: destination } = tagReference(value);
  if (target.image.tags.some((t) => imageDisplayName(target.image, t) === destination)) {
    void ctx.ui.info(vscode.l10n.t('{0} is already tagged as {1}; nothing to do.', source, destination));
    return;
  }
  await actOnce(ctx, ['docker', 'tag', source, destination], () => ctx.service.tagImage(target.image.id, repository, tag));
}
