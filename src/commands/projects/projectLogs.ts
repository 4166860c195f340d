import * as vscode from 'vscode';
import { commandLine } from '../../docker/shell';
import { ProjectLogsTerminal } from '../../terminal/projectLogsTerminal';
import type { CommandContext } from '../context';
import { logsOptions } from '../containers/containerLogs';
import { projectTarget } from './projectTargets';

/** `docker compose -p NAME logs -f --tail N`: every service of the project in one terminal, prefixed. */
export async function projectLogs(ctx: CommandContext, ...args: unknown[]): Promise<ProjectLogsTerminal | undefined> {
  const target = await projectTarget(ctx, args, vscode.l10n.t('Compose project whose logs to follow'));
  if (!target) {
    return undefined;
  }
  const options = logsOptions();
  const { project } = target;
  ctx.log.command(commandLine(['docker', 'compose', '-p', project, 'logs', '-f', '--tail', String(options.tail), ...(options.timestamps ? ['-t'] : [])]));
  // The terminal follows the store's picture: the events stream must run as long as it is open.
  const lease = ctx.lifetime.lease();
  const members = {
    current: () => [...ctx.store.containers.values()].filter((c) => c.composeProject === project),
    onChange: (listener: () => void) => ctx.store.onChange((change) => change.kind === 'containers' && listener()),
  };
  const session = new ProjectLogsTerminal(ctx.service, project, members, options, ctx.engineDescription);
  const { terminal } = ctx.terminals.show(session, vscode.l10n.t('{0} (project logs)', project), 'output');
  const closed = vscode.window.onDidCloseTerminal((t) => {
    if (t === terminal) {
      lease.dispose();
      closed.dispose();
    }
  });
  return session;
}
