import * as vscode from 'vscode';
import { removeContainers } from '../containers/removeContainer';
import type { CommandContext } from '../context';
import { projectTarget } from './projectTargets';

/**
 * `docker compose -p NAME rm -s` through the Engine API: one confirmation for the whole project,
 * listing each container with what is lost (as Remove Container says it) and the anonymous volumes
 * at stake; then `docker rm [-f] [-v]` for each. Needs no compose tool.
 */
export async function removeProject(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const target = await projectTarget(ctx, args, vscode.l10n.t('Compose project to remove'));
  if (!target) {
    return;
  }
  ctx.log.info(vscode.l10n.t('Compose project {0}: {1}, container by container:', target.project, `docker compose -p ${target.project} rm -s`));
  await removeContainers(ctx, target.containers, false, (count) =>
    count === 1
      ? vscode.l10n.t('Remove compose project "{0}" and its container?', target.project)
      : vscode.l10n.t('Remove compose project "{0}" and its {1} containers?', target.project, count),
  );
}
