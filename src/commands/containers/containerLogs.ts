import * as vscode from 'vscode';
import { commandLine } from '../../docker/shell';
import { LogsOptions, LogsTerminal } from '../../terminal/logsTerminal';
import type { CommandContext } from '../context';
import { containerTargets } from '../targets';

/** `docker logs -f --tail N`: a container's logs in a terminal, followed across restarts. */
export async function containerLogs(ctx: CommandContext, ...args: unknown[]): Promise<LogsTerminal | undefined> {
  const [target] =
    (await containerTargets(ctx, args, {
      action: 'dockerExplorer.containers.logs',
      many: false,
      placeHolder: vscode.l10n.t('Container whose logs to follow'),
      noneMessage: vscode.l10n.t('No containers yet: there are no logs to show.'),
    })) ?? [];
  if (!target) {
    return undefined;
  }
  const { tail, timestamps } = logsOptions();
  ctx.log.command(commandLine(['docker', 'logs', '-f', '--tail', String(tail), ...(timestamps ? ['-t'] : []), target.name]));
  const session = new LogsTerminal(ctx.service, target.id, target.name, { tail, timestamps }, ctx.engineDescription);
  ctx.terminals.show(session, vscode.l10n.t('{0} (logs)', target.name), 'output');
  return session;
}

/** `--tail` and `-t` from the settings, shared with Project Logs. */
export function logsOptions(): LogsOptions {
  const config = vscode.workspace.getConfiguration('dockerExplorer.logs');
  const tailSetting = config.get<number>('tail', 1000);
  const tail = Number.isFinite(tailSetting) && tailSetting >= 0 ? Math.floor(tailSetting) : 1000;
  return { tail, timestamps: config.get<boolean>('timestamps', false) };
}
