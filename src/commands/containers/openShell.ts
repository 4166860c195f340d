import * as vscode from 'vscode';
import { autoShell } from '../../docker/autoShell';
import type { ContainerModel } from '../../docker/models';
import { commandLine } from '../../docker/shell';
import { toDockerError } from '../../docker/errors';
import { describeError } from '../../errorMessages';
import { commandLineProblem, CommandLineProblem, splitCommandLine } from '../../terminal/commandWords';
import { ExecTerminal } from '../../terminal/execTerminal';
import type { CommandContext } from '../context';
import { containerTargets } from '../targets';

/** `docker exec -it <container> bash|sh`: a shell in a running container, in a terminal. */
export async function openShell(ctx: CommandContext, ...args: unknown[]): Promise<ExecTerminal | undefined> {
  const setting = vscode.workspace.getConfiguration('dockerExplorer.terminal').get<string>('shell', 'auto').trim();
  const auto = setting === '' || setting === 'auto';
  const problem = auto ? undefined : commandLineProblem(setting);
  if (problem) {
    void ctx.ui.error(
      vscode.l10n.t(
        'The setting dockerExplorer.terminal.shell cannot be run: {0} Set it to "auto" or to a command such as /bin/ash -l.',
        describeCommandProblem(problem),
      ),
    );
    return undefined;
  }
  const [target] = (await execTarget(ctx, args, 'dockerExplorer.containers.openShell', vscode.l10n.t('Container to open a shell in'))) ?? [];
  if (!target) {
    return undefined;
  }
  let command: string[];
  if (auto) {
    try {
      command = [await autoShell(ctx.service, target.id)];
    } catch (err) {
      const message = describeError(toDockerError(err), ctx.engineDescription);
      ctx.log.error(message);
      void ctx.ui.error(message);
      return undefined;
    }
  } else {
    command = splitCommandLine(setting);
  }
  return openExecTerminal(ctx, target, command);
}

export function execTarget(
  ctx: CommandContext,
  args: unknown[],
  action: 'dockerExplorer.containers.openShell' | 'dockerExplorer.containers.execCommand',
  placeHolder: string,
): Promise<ContainerModel[] | undefined> {
  return containerTargets(ctx, args, {
    action,
    many: false,
    placeHolder,
    noneMessage: vscode.l10n.t('No running containers: start one first, then run a command in it.'),
  });
}

export function openExecTerminal(ctx: CommandContext, target: ContainerModel, command: string[]): ExecTerminal {
  ctx.log.command(commandLine(['docker', 'exec', '-it', target.name, ...command]));
  const session = new ExecTerminal(ctx.service, target.id, target.name, command, ctx.engineDescription);
  ctx.terminals.show(session, target.name, 'terminal');
  return session;
}

export function describeCommandProblem(problem: CommandLineProblem): string {
  switch (problem) {
    case 'empty':
      return vscode.l10n.t('Type a command, for example: ls -l /');
    case 'controlCharacters':
      return vscode.l10n.t('The command contains control characters (a line break or similar); type it on one line.');
    case 'unclosedQuote':
      return vscode.l10n.t('A quote is not closed; close it or remove it.');
  }
}
