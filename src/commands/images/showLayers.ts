import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { imageTargets } from '../targets';
import { imageDisplayName } from '../usage';

/**
 * Show Layers: the image's row expanded to its layers (`docker history`) in the Images view, with
 * the reminder that they are read-only and shared by every container made from the image.
 */
export async function showLayers(ctx: CommandContext, ...args: unknown[]): Promise<number | undefined> {
  const [target] =
    (await imageTargets(ctx, args, {
      action: 'dockerExplorer.images.showLayers',
      many: false,
      placeHolder: vscode.l10n.t('Image whose layers to show'),
      noneMessage: vscode.l10n.t('No local images.'),
    })) ?? [];
  if (!target) {
    return undefined;
  }
  const name = imageDisplayName(target.image, target.reference);
  ctx.log.command(`docker history ${name}`);
  const layers = await ctx.reveal?.layers(target.image.id, target.reference);
  if (layers !== undefined) {
    void ctx.ui.info(
      vscode.l10n.t(
        '{0} has {1} layers. They are read-only and shared by every container made from the image; each container adds its own writable layer (its Changes).',
        name,
        layers,
      ),
    );
  }
  return layers;
}
