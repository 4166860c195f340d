import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { actOnProject } from './projectTargets';

/** `docker compose -p NAME start` through the Engine API: `docker start` for each container of the project that accepts it. */
export async function startProject(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  await actOnProject(ctx, args, {
    containerAction: 'dockerExplorer.containers.start',
    composeVerb: 'start',
    placeHolder: vscode.l10n.t('Compose project to start'),
    noneMessage: (project) => vscode.l10n.t('No container of project {0} is stopped: there is nothing to start.', project),
    cli: (c) => ['docker', 'start', c.name],
    operation: (c) => ctx.service.startContainer(c.id),
  });
}
