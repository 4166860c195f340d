import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { actOnProject } from './projectTargets';

/** `docker compose -p NAME pause` through the Engine API: `docker pause` for each container of the project that accepts it. */
export async function pauseProject(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  await actOnProject(ctx, args, {
    containerAction: 'dockerExplorer.containers.pause',
    composeVerb: 'pause',
    placeHolder: vscode.l10n.t('Compose project to pause'),
    noneMessage: (project) => vscode.l10n.t('No container of project {0} is running: there is nothing to pause.', project),
    cli: (c) => ['docker', 'pause', c.name],
    operation: (c) => ctx.service.pauseContainer(c.id),
  });
}
