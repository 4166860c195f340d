import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ContainerFiles } from '../../docker/containerFiles';
import { baseName } from '../../docker/containerPath';
import { commandLine } from '../../docker/shell';
import { describeFileError } from '../../files/fileMessages';
import type { CommandContext } from '../context';
import { fileTarget } from './fileTargets';

/**
 * Download from Container: `docker cp CONTAINER:PATH TO`. `{ container, path, to }` (to: the host
 * path the file or folder becomes, or an existing host folder to put it in), or a row and a save
 * dialog. A folder arrives as a folder, never a tar. An existing host file is not replaced unless the
 * save dialog asked. Returns the host path written.
 */
export async function downloadFromContainer(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const given = args[0] as { to?: unknown } | undefined;
  const plain = !!given && typeof given === 'object' && !('kind' in given);
  if (plain && given.to !== undefined && (typeof given.to !== 'string' || !path.isAbsolute(given.to))) {
    void ctx.ui.error(vscode.l10n.t('"to" must be an absolute path on this machine, for example /tmp/hosts.'));
    return undefined;
  }
  const target = await fileTarget(ctx, args, { prompt: vscode.l10n.t('Container to download from') });
  if (!target) {
    return undefined;
  }
  const { container, path: from } = target;
  const name = baseName(from) || 'root';
  let dest: string;
  let confirmed = false;
  if (plain && typeof given.to === 'string') {
    dest = given.to;
  } else {
    const chosen = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Download {0} from {1}', from, container.name),
      defaultUri: vscode.Uri.file(path.join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.env.HOME ?? '/', name)),
      saveLabel: vscode.l10n.t('Download'),
    });
    if (!chosen) {
      return undefined;
    }
    dest = chosen.fsPath;
    confirmed = true;
  }
  const existing = await fs.promises.lstat(dest).catch(() => undefined);
  if (existing?.isDirectory() && !confirmed) {
    dest = path.join(dest, name);
  }
  const there = await fs.promises.lstat(dest).catch(() => undefined);
  if (there && !(confirmed && there.isFile())) {
    void ctx.ui.error(vscode.l10n.t('{0} exists on this machine already; nothing was downloaded. Choose a new name.', dest));
    return undefined;
  }
  if (there) {
    await fs.promises.rm(dest);
  }
  ctx.log.command(commandLine(['docker', 'cp', `${container.name}:${from}`, dest]));
  try {
    const result = await new ContainerFiles(ctx.service).download(container.id, from, dest);
    if (result.skipped.length > 0) {
      ctx.log.info(vscode.l10n.t('Not written (devices, pipes, or links leading out of the download): {0}', result.skipped.join(', ')));
    }
    return dest;
  } catch (err) {
    const message = describeFileError(err, ctx.engineDescription);
    ctx.log.error(message);
    void ctx.ui.error(message);
    return undefined;
  }
}
