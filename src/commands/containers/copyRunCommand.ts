import * as vscode from 'vscode';
import { toDockerError } from '../../docker/errors';
import { specFromInspect, toDockerRunLine } from '../../docker/runSpecBuild';
import { describeError } from '../../errorMessages';
import { withSecretsMasked } from './runFlow';
import type { CommandContext } from '../context';
import { containerTargets } from '../targets';

/** The `docker run` line that would make this container again, to the clipboard and the output. */
export async function copyRunCommand(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const targets = await containerTargets(ctx, args, {
    action: 'dockerExplorer.containers.copyRunCommand',
    many: false,
    placeHolder: vscode.l10n.t('Container to copy the docker run command of'),
    noneMessage: vscode.l10n.t('No containers.'),
  });
  const target = targets?.[0];
  if (!target) {
    return undefined;
  }
  let line: string;
  let shown: string;
  try {
    const container = await ctx.service.inspectContainer(target.id);
    // The image's own settings are left out; if the image is gone, everything is kept.
    const image = await ctx.service.inspectImage(container.Image).catch(() => undefined);
    const spec = specFromInspect(container, image);
    line = toDockerRunLine(spec);
    shown = toDockerRunLine(withSecretsMasked(spec));
  } catch (err) {
    void ctx.ui.error(describeError(toDockerError(err), ctx.engineDescription));
    return undefined;
  }
  // The user asked for the command: the clipboard keeps real values; the output and the screen show them masked.
  await vscode.env.clipboard.writeText(line);
  ctx.log.info(vscode.l10n.t('docker run command of {0}:', target.name));
  ctx.log.info(shown);
  void ctx.ui.info(vscode.l10n.t('Copied the docker run command of {0}: {1}', target.name, shown));
  return line;
}
