import * as vscode from 'vscode';
import { ContainerFiles } from '../../docker/containerFiles';
import { commandLine } from '../../docker/shell';
import { describeFileError } from '../../files/fileMessages';
import { containerFileUri } from '../../files/fileUris';
import { displayFormat } from '../../tree/format';
import type { CommandContext } from '../context';
import { fileTarget } from './fileTargets';

/** Larger files are not opened as text (an editor holds it all in memory): Download is offered instead. */
export const textEditorLimitBytes = 10 * 1024 * 1024;

/**
 * Open Container File: `{ container, path }`, a Files or Changes row, or a container picked and a
 * path typed. Opens the file's current content in an editor (a binary one as VS Code shows binaries)
 * and returns the document's URI; saving writes it back into the container.
 */
export async function openContainerFile(ctx: CommandContext, ...args: unknown[]): Promise<vscode.Uri | undefined> {
  const target = await fileTarget(ctx, args, { prompt: vscode.l10n.t('Container to open a file in') });
  if (!target) {
    return undefined;
  }
  const { container, path } = target;
  const files = new ContainerFiles(ctx.service);
  ctx.log.command(commandLine(['docker', 'cp', `${container.name}:${path}`, '-']));
  let stat;
  try {
    stat = await files.stat(container.id, path);
  } catch (err) {
    const message = describeFileError(err, ctx.engineDescription);
    ctx.log.error(message);
    void ctx.ui.error(message);
    return undefined;
  }
  if (stat.kind === 'directory' || stat.toDirectory) {
    void ctx.ui.error(vscode.l10n.t('{0} is a folder: open a file in it, or download the folder.', path));
    return undefined;
  }
  if (stat.kind === 'other') {
    void ctx.ui.error(vscode.l10n.t('{0} is a device, a pipe or a socket, not a file to open.', path));
    return undefined;
  }
  if (stat.size > textEditorLimitBytes) {
    const download = vscode.l10n.t('Download...');
    const format = displayFormat(vscode.env.language);
    const choice = await ctx.ui.info(
      vscode.l10n.t('{0} is {1}, more than the {2} an editor opens here. Download it instead.', path, format.size(stat.size), format.size(textEditorLimitBytes)),
      download,
    );
    if (choice === download) {
      await vscode.commands.executeCommand('dockerExplorer.files.download', { container: container.id, path });
    }
    return undefined;
  }
  const uri = containerFileUri(container.id, path);
  // vscode.open: a text file in a text editor, a binary one the way VS Code shows binaries.
  await vscode.commands.executeCommand('vscode.open', uri, { preview: true });
  return uri;
}
