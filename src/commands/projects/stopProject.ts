import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { actOnProject } from './projectTargets';

/** `docker compose -p NAME stop` through the Engine API: `docker stop` for each container of the project that accepts it. */
export async function stopProject(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  await actOnProject(ctx, args, {
    containerAction: 'dockerExplorer.containers.stop',
    composeVerb: 'stop',
    placeHolder: vscode.l10n.t('Compose project to stop'),
    noneMessage: (project) => vscode.l10n.t('No container of project {0} is running: there is nothing to stop.', project),
    cli: (c) => ['docker', 'stop', c.name],
    operation: (c) => ctx.service.stopContainer(c.id),
  });
}
