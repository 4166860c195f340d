import * as vscode from 'vscode';
import { isActive } from '../../docker/models';
import type { CommandContext } from '../context';
import { engineReady } from '../engineReady';
import { composeStart, composeTitle, composeVerb, projectOfFile } from './composeFlow';
import type { ComposeRun } from './composeRun';

/**
 * `docker compose ... down [-v]`, after a modal confirmation built from what the engine has of the
 * project now: its containers and networks; its named volumes, and that their data is lost, only
 * when "also remove volumes" is chosen (or `{ volumes: true }` given, which still asks).
 */
export async function composeDown(ctx: CommandContext, ...args: unknown[]): Promise<ComposeRun | undefined> {
  const start = await composeStart(ctx, args);
  if (!start || !(await engineReady(ctx))) {
    return undefined;
  }
  const project = await projectOfFile(ctx, start);
  const [containers, networks, volumes] = await Promise.all([
    ctx.service.projectContainers(project),
    ctx.service.projectNetworks(project),
    ctx.service.projectVolumes(project),
  ]);
  const named = volumes.filter((v) => !v.anonymous).map((v) => v.name);
  const lines = [
    containers.length === 0
      ? vscode.l10n.t('No containers of project {0} exist.', project)
      : vscode.l10n.t(
          'Containers (stopped, then removed; the files changed in their writable layers are lost): {0}',
          containers.map((c) => `${c.name} (${c.state})`).join(', '),
        ),
    networks.length === 0 ? vscode.l10n.t('No networks of project {0} exist.', project) : vscode.l10n.t('Networks removed: {0}', networks.map((n) => n.name).join(', ')),
  ];
  if (named.length > 0 && !start.target.volumes) {
    lines.push(vscode.l10n.t('Named volumes are kept ({0}) unless you choose Down and Remove Volumes.', named.join(', ')));
  }
  if (start.target.volumes || named.length > 0) {
    lines.push(
      named.length > 0
        ? vscode.l10n.t('Down and Remove Volumes also removes the named volumes {0}: their data is lost.', named.join(', '))
        : vscode.l10n.t('Down and Remove Volumes also removes the anonymous volumes of its containers.'),
    );
  }
  const running = containers.filter(isActive).length;
  const message =
    running > 0 ? vscode.l10n.t('Stop and remove compose project "{0}" ({1} running)?', project, running) : vscode.l10n.t('Remove compose project "{0}"?', project);
  const down = vscode.l10n.t('Down');
  const downWithVolumes = vscode.l10n.t('Down and Remove Volumes');
  const offered = start.target.volumes ? [downWithVolumes] : named.length > 0 ? [down, downWithVolumes] : [down];
  const choice = await ctx.ui.choose(message, lines.join('\n'), offered);
  if (choice !== down && choice !== downWithVolumes) {
    return undefined;
  }
  // -p the project confirmed: exactly what the question listed is brought down.
  return composeVerb(ctx, { ...start, projectName: project }, ['down', ...(choice === downWithVolumes ? ['-v'] : [])], composeTitle('Down', start), {
    profiles: start.target.profiles,
  });
}
