import * as vscode from 'vscode';
import { baseName } from '../../docker/containerPath';
import { containerFileUri, imageFileUri } from '../../files/fileUris';
import type { CommandContext } from '../context';
import { fileTarget } from './fileTargets';

/**
 * Compare with Image: the image's version of a changed file on the left (read from a container
 * created from the image and never started, removed at once), the container's on the right.
 * `{ container, path }` or a Changes row. Returns the two URIs.
 */
export async function compareWithImage(ctx: CommandContext, ...args: unknown[]): Promise<{ image: vscode.Uri; container: vscode.Uri } | undefined> {
  const target = await fileTarget(ctx, args, { prompt: vscode.l10n.t('Container whose file to compare with its image') });
  if (!target) {
    return undefined;
  }
  const { container, path } = target;
  const image = imageFileUri(container.imageId, path);
  const current = containerFileUri(container.id, path);
  try {
    // Read before the diff opens, so a file the image lacks is said in words, not as an empty side.
    await vscode.workspace.fs.stat(image);
  } catch (err) {
    const message = vscode.l10n.t(
      '{0} is not in the image {1}, so there is nothing to compare with: {2}',
      path,
      container.image,
      err instanceof Error ? err.message : String(err),
    );
    void ctx.ui.error(message);
    return undefined;
  }
  const title = vscode.l10n.t('{0}: image {1} ↔ container {2}', baseName(path), container.image, container.name);
  await vscode.commands.executeCommand('vscode.diff', image, current, title, { preview: true });
  return { image, container: current };
}
