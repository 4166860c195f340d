import * as vscode from 'vscode';
import { ContainerFiles } from '../../docker/containerFiles';
import { isActive } from '../../docker/models';
import { describeFileError } from '../../files/fileMessages';
import { containerFileUri } from '../../files/fileUris';
import type { CommandContext } from '../context';
import { fileTarget } from './fileTargets';

/**
 * Delete in Container: `docker exec CONTAINER rm -rf -- PATH`, after a confirmation that names the
 * path. Running containers only: the archive endpoints can add files but not delete them, and a
 * stopped container runs no process. Returns true when it was deleted.
 */
export async function deleteInContainer(ctx: CommandContext, ...args: unknown[]): Promise<boolean> {
  const target = await fileTarget(ctx, args, { prompt: vscode.l10n.t('Container to delete a path in') });
  if (!target) {
    return false;
  }
  const { container, path } = target;
  if (path === '/') {
    void ctx.ui.error(vscode.l10n.t('The root folder of a container cannot be deleted.'));
    return false;
  }
  const files = new ContainerFiles(ctx.service);
  try {
    const now = (await ctx.service.findContainer(container.id)) ?? container;
    if (!isActive(now) || now.state === 'paused') {
      void ctx.ui.error(
        vscode.l10n.t(
          'Container "{0}" is {1}, so {2} cannot be deleted: the Engine API can copy files into a stopped container but not delete them, and deleting runs rm inside. Start it first.',
          now.name,
          now.state,
          path,
        ),
      );
      return false;
    }
    const stat = await files.stat(container.id, path);
    const folder = stat.kind === 'directory';
    const remove = vscode.l10n.t('Delete');
    const choice = await ctx.ui.choose(
      folder
        ? vscode.l10n.t('Delete the folder {0} and everything in it from container "{1}"?', path, container.name)
        : vscode.l10n.t('Delete {0} from container "{1}"?', path, container.name),
      vscode.l10n.t(
        'This runs rm -rf inside the container. A path that comes from the image stays in the image; the container records it as deleted in its writable layer. It cannot be undone.',
      ),
      [remove],
    );
    if (choice !== remove) {
      return false;
    }
    await vscode.workspace.fs.delete(containerFileUri(container.id, path), { recursive: true, useTrash: false });
    return true;
  } catch (err) {
    const message = err instanceof vscode.FileSystemError ? err.message : describeFileError(err, ctx.engineDescription);
    ctx.log.error(message);
    void ctx.ui.error(message);
    return false;
  }
}
