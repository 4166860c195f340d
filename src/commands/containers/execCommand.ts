import * as vscode from 'vscode';
import { commandLineProblem, splitCommandLine } from '../../terminal/commandWords';
import type { ExecTerminal } from '../../terminal/execTerminal';
import type { CommandContext } from '../context';
import { describeCommandProblem, execTarget, openExecTerminal } from './openShell';

/**
 * `docker exec -it <container> <command>`: any command the user types, in a terminal; a
 * keybinding or another extension may give the command line as the second argument.
 */
export async function execCommand(ctx: CommandContext, ...args: unknown[]): Promise<ExecTerminal | undefined> {
  const [target] = (await execTarget(ctx, args, 'dockerExplorer.containers.execCommand', vscode.l10n.t('Container to run a command in'))) ?? [];
  if (!target) {
    return undefined;
  }
  if (typeof args[1] === 'string') {
    const problem = commandLineProblem(args[1]);
    if (problem) {
      void ctx.ui.error(describeCommandProblem(problem));
      return undefined;
    }
    return openExecTerminal(ctx, target, splitCommandLine(args[1]));
  }
  const line = await ctx.ui.input({
    title: vscode.l10n.t('Run a command in {0}', target.name),
    prompt: vscode.l10n.t('Words are split as a shell would; for pipes or redirections run sh -c "...".'),
    placeHolder: 'ls -l /',
    validateInput: (value) => {
      const problem = commandLineProblem(value);
      return problem ? describeCommandProblem(problem) : undefined;
    },
  });
  // Validated again: the input box can be bypassed (a test, another caller).
  if (line === undefined || commandLineProblem(line)) {
    return undefined;
  }
  return openExecTerminal(ctx, target, splitCommandLine(line));
}
