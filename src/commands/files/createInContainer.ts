import * as vscode from 'vscode';
import { ContainerFiles } from '../../docker/containerFiles';
import { entryNameProblem, joinContainerPath, normalizeContainerPath } from '../../docker/containerPath';
import { describeFileError, describeNameProblem } from '../../files/fileMessages';
import { containerFileUri } from '../../files/fileUris';
import type { CommandContext } from '../context';
import { fileTarget } from './fileTargets';

/**
 * New File / New Folder in a container: `{ container, path }` names what to create; on a folder row
 * the name is asked. Something already there is never replaced. Goes through the container
 * filesystem, so the first write into a container asks once, as a save does. Returns the new path.
 */
export async function createInContainer(ctx: CommandContext, type: 'file' | 'directory', args: unknown[]): Promise<string | undefined> {
  const row = !!args[0] && typeof args[0] === 'object' && 'kind' in (args[0] as object);
  const target = await fileTarget(ctx, args, {
    prompt: type === 'file' ? vscode.l10n.t('Container to create a file in') : vscode.l10n.t('Container to create a folder in'),
  });
  if (!target) {
    return undefined;
  }
  let path = target.path;
  if (row) {
    const name = await ctx.ui.input({
      title: type === 'file' ? vscode.l10n.t('New file in {0}', path) : vscode.l10n.t('New folder in {0}', path),
      prompt: vscode.l10n.t('A name, without "/"'),
      validateInput: (value) => {
        const problem = entryNameProblem(value);
        return problem ? describeNameProblem(problem, value) : undefined;
      },
    });
    if (name === undefined) {
      return undefined;
    }
    path = joinContainerPath(path, name);
  }
  path = normalizeContainerPath(path);
  if (path === '/') {
    void ctx.ui.error(vscode.l10n.t('Name the new file or folder, for example /tmp/notes.'));
    return undefined;
  }
  const files = new ContainerFiles(ctx.service);
  const uri = containerFileUri(target.container.id, path);
  try {
    if (await files.exists(target.container.id, path)) {
      void ctx.ui.error(vscode.l10n.t('{0} exists already; nothing was changed.', path));
      return undefined;
    }
    if (type === 'directory') {
      await vscode.workspace.fs.createDirectory(uri);
    } else {
      await vscode.workspace.fs.writeFile(uri, new Uint8Array());
    }
  } catch (err) {
    const message = err instanceof vscode.FileSystemError ? err.message : describeFileError(err, ctx.engineDescription);
    ctx.log.error(message);
    void ctx.ui.error(message);
    return undefined;
  }
  return path;
}

export function newFileInContainer(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  return createInContainer(ctx, 'file', args);
}

export function newFolderInContainer(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  return createInContainer(ctx, 'directory', args);
}
