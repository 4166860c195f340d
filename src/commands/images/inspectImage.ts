import * as vscode from 'vscode';
import { familiarImageName, parseImageRef } from '../../docker/imageRef';
import { shortId } from '../../tree/format';
import { actOnce } from '../act';
import type { CommandContext } from '../context';
import { imageTargets } from '../targets';

/** `docker image inspect`: the image's JSON as a read-only document, secrets in its Env masked. */
export async function inspectImage(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await imageTargets(ctx, args, {
    action: 'dockerExplorer.images.inspect',
    many: true,
    placeHolder: vscode.l10n.t('Images to inspect'),
    noneMessage: vscode.l10n.t('No images to inspect.'),
  });
  for (const { image, reference } of targets ?? []) {
    const name = reference ? familiarImageName(parseImageRef(reference)) : shortId(image.id);
    const answer = await actOnce(ctx, ['docker', 'image', 'inspect', name], () => ctx.service.inspectImage(reference ?? image.id));
    if (answer) {
      await ctx.inspect.show('image', image.id, name, answer);
    }
  }
}
