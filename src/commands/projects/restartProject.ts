import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { actOnProject } from './projectTargets';

/** `docker compose -p NAME restart` through the Engine API: `docker restart` for each container of the project that accepts it. */
export async function restartProject(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  await actOnProject(ctx, args, {
    containerAction: 'dockerExplorer.containers.restart',
    composeVerb: 'restart',
    placeHolder: vscode.l10n.t('Compose project to restart'),
    noneMessage: (project) => vscode.l10n.t('No container of project {0} is running: there is nothing to restart.', project),
    cli: (c) => ['docker', 'restart', c.name],
    operation: (c) => ctx.service.restartContainer(c.id),
  });
}
