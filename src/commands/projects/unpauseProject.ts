import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { actOnProject } from './projectTargets';

/** `docker compose -p NAME unpause` through the Engine API: `docker unpause` for each container of the project that accepts it. */
export async function unpauseProject(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  await actOnProject(ctx, args, {
    containerAction: 'dockerExplorer.containers.unpause',
    composeVerb: 'unpause',
    placeHolder: vscode.l10n.t('Compose project to unpause'),
    noneMessage: (project) => vscode.l10n.t('No container of project {0} is paused: there is nothing to unpause.', project),
    cli: (c) => ['docker', 'unpause', c.name],
    operation: (c) => ctx.service.unpauseContainer(c.id),
  });
}
