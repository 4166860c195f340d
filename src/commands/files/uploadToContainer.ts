import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ContainerFiles } from '../../docker/containerFiles';
import { entryNameProblem, joinContainerPath } from '../../docker/containerPath';
import { commandLine } from '../../docker/shell';
import { describeFileError, describeNameProblem } from '../../files/fileMessages';
import type { CommandContext } from '../context';
import { fileTarget } from './fileTargets';

/**
 * Upload to Container: `docker cp FROM CONTAINER:TO`. `{ container, from, to }` (from: host files or
 * folders, one or an array; to: a folder in the container), or a folder row and an open dialog. What
 * is there already under the same name is replaced only after a confirmation that names it.
 * Returns the container paths written.
 */
export async function uploadToContainer(ctx: CommandContext, ...args: unknown[]): Promise<string[] | undefined> {
  const given = args[0] as { from?: unknown } | undefined;
  const plain = !!given && typeof given === 'object' && !('kind' in given);
  let sources: string[] | undefined;
  if (plain) {
    const from = given.from;
    sources = typeof from === 'string' ? [from] : Array.isArray(from) && from.every((f) => typeof f === 'string') ? (from as string[]) : undefined;
    if (!sources || sources.length === 0 || !sources.every((s) => path.isAbsolute(s))) {
      void ctx.ui.error(vscode.l10n.t('"from" must be an absolute path on this machine (or several), for example /tmp/site.'));
      return undefined;
    }
  } else if (Array.isArray(args[2])) {
    sources = args[2] as string[];
  }
  const target = await fileTarget(ctx, args, { pathKey: 'to', prompt: vscode.l10n.t('Container to upload into'), askPath: true });
  if (!target) {
    return undefined;
  }
  if (!sources) {
    const picked = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Upload into {0}:{1}', target.container.name, target.path),
      canSelectFiles: true,
      canSelectFolders: true,
      canSelectMany: true,
      openLabel: vscode.l10n.t('Upload'),
    });
    sources = picked?.map((u) => u.fsPath);
    if (!sources || sources.length === 0) {
      return undefined;
    }
  }
  return uploadPaths(ctx, target.container.id, target.container.name, sources, target.path);
}

/** Uploads host paths into a container folder, each under its own name (shared with drag and drop). */
export async function uploadPaths(ctx: CommandContext, containerId: string, containerName: string, sources: string[], folder: string): Promise<string[] | undefined> {
  for (const source of sources) {
    const name = path.basename(source);
    const problem = entryNameProblem(name);
    if (problem) {
      void ctx.ui.error(describeNameProblem(problem, name));
      return undefined;
    }
    if (!(await fs.promises.lstat(source).catch(() => undefined))) {
      void ctx.ui.error(vscode.l10n.t('{0} does not exist on this machine; nothing was uploaded.', source));
      return undefined;
    }
  }
  const files = new ContainerFiles(ctx.service);
  const written: string[] = [];
  try {
    const replaced: string[] = [];
    for (const source of sources) {
      const at = joinContainerPath(folder, path.basename(source));
      if (await files.exists(containerId, at)) {
        replaced.push(at);
      }
    }
    if (replaced.length > 0) {
      const replace = vscode.l10n.t('Replace');
      const choice = await ctx.ui.choose(
        vscode.l10n.t('Replace {0} in container "{1}"?', replaced.join(', '), containerName),
        vscode.l10n.t('What is there now in the container is overwritten by the upload (files of the same name; other files in a folder stay).'),
        [replace],
      );
      if (choice !== replace) {
        return undefined;
      }
    }
    for (const source of sources) {
      ctx.log.command(commandLine(['docker', 'cp', source, `${containerName}:${folder}`]));
      await files.upload(containerId, source, folder, path.basename(source));
      written.push(joinContainerPath(folder, path.basename(source)));
    }
    return written;
  } catch (err) {
    const message = describeFileError(err, ctx.engineDescription);
    ctx.log.error(message);
    void ctx.ui.error(message);
    return written.length > 0 ? written : undefined;
  } finally {
    if (written.length > 0) {
      ctx.filesChanged?.(containerId, folder);
    }
  }
}
