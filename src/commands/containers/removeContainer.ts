import * as vscode from 'vscode';
import { toDockerError } from '../../docker/errors';
import { firstPaths, type ContainerChange } from '../../docker/containerChanges';
import { ContainerModel, isActive, isAnonymousVolumeName } from '../../docker/models';
import { describeError } from '../../errorMessages';
import { actOnEach } from '../act';
import type { CommandContext } from '../context';
import { containerTargets } from '../targets';
import { containersNow } from '../usage';

/** A volume Docker created for the container alone: its name is 64 hex characters. */
export function anonymousVolumes(container: ContainerModel): string[] {
  return container.mounts.filter((m) => m.type === 'volume' && m.name && isAnonymousVolumeName(m.name)).map((m) => m.name as string);
}

interface Removal {
  container: ContainerModel;
  /** Paths changed in the writable layer (`docker diff`), undefined when the engine would not say. */
  changes: ContainerChange[] | undefined;
  anonymous: string[];
}

/** How many changed paths a confirmation names before "and 41 more". */
const namedPaths = 3;

/** "/a, /b and 41 more": the first paths the removal loses. */
function lostPaths(changes: ContainerChange[], container: ContainerModel): string {
  const { paths, more } = firstPaths(
    changes,
    namedPaths,
    container.mounts.map((m) => m.destination),
  );
  return more > 0 ? vscode.l10n.t('{0} and {1} more', paths.join(', '), more) : paths.join(', ');
}

/** "/data (volume db), /src (bind mount of /home/me/src)": where the container's data is kept. */
function keptData(container: ContainerModel): string | undefined {
  const kept = container.mounts
    .filter((m) => m.type === 'volume' || m.type === 'bind')
    .map((m) =>
      m.type === 'bind'
        ? vscode.l10n.t('{0} (bind mount of {1})', m.destination, m.source)
        : m.name && isAnonymousVolumeName(m.name)
          ? vscode.l10n.t('{0} (anonymous volume {1})', m.destination, m.name.slice(0, 12))
          : vscode.l10n.t('{0} (volume {1})', m.destination, m.name ?? ''),
    );
  return kept.length > 0 ? kept.join(', ') : undefined;
}

function describeRemoval(r: Removal): string {
  const count = r.changes?.length;
  const parts = [
    count === undefined
      ? vscode.l10n.t('changed files in its writable layer: unknown')
      : count === 0
        ? vscode.l10n.t('0 changed paths in its writable layer')
        : count === 1
          ? vscode.l10n.t('1 changed path in its writable layer ({0})', lostPaths(r.changes ?? [], r.container))
          : vscode.l10n.t('{0} changed paths in its writable layer ({1})', count, lostPaths(r.changes ?? [], r.container)),
  ];
  if (r.anonymous.length > 0) {
    // Named by their short ids, as the Volumes view shows them: a project's removal lists each one at stake.
    const names = r.anonymous.map((v) => v.slice(0, 12)).join(', ');
    parts.push(r.anonymous.length === 1 ? vscode.l10n.t('1 anonymous volume ({0})', names) : vscode.l10n.t('{0} anonymous volumes ({1})', r.anonymous.length, names));
  }
  if (isActive(r.container)) {
    parts.push(vscode.l10n.t('{0}, will be killed', r.container.state));
  }
  const kept = keptData(r.container);
  const line = `${r.container.name}: ${parts.join(', ')}`;
  return kept ? `${line}\n  ${vscode.l10n.t('kept, in volumes and bind mounts: {0}', kept)}` : line;
}

/**
 * `docker rm [-f] [-v]`: after one modal confirmation that says what is lost (the files changed
 * in each writable layer, counted with `docker diff`); running ones only with Force Remove,
 * anonymous volumes only with the action that names them.
 */
export async function removeContainer(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await containerTargets(ctx, args, {
    many: true,
    action: 'dockerExplorer.containers.remove',
    placeHolder: vscode.l10n.t('Containers to remove'),
    noneMessage: vscode.l10n.t('No containers to remove.'),
  });
  if (!targets) {
    return;
  }
  await removeContainers(ctx, targets);
}

/**
 * Confirms and removes; shared with Remove All. `everything` words the question for that command.
 * The state, mounts and force that the confirmation names are the engine's now, not the row's.
 */
export async function removeContainers(ctx: CommandContext, given: ContainerModel[], everything = false, title?: (count: number) => string): Promise<void> {
  // Remove All's list is the engine's already; rows and picks come from the store.
  const targets = everything ? given : await containersNow(ctx, given);
  let gone: string | undefined;
  const removals: Removal[] = [];
  const queue = [...targets];
  const count = async () => {
    for (let container = queue.shift(); container; container = queue.shift()) {
      let changes: ContainerChange[] | undefined;
      try {
        changes = await ctx.service.containerChanges(container.id);
      } catch (err) {
        const error = toDockerError(err);
        if (error.code === 'notFound') {
          gone ??= describeError(error, ctx.engineDescription);
        }
      }
      removals.push({ container, changes, anonymous: anonymousVolumes(container) });
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, targets.length) }, count));
  removals.sort((a, b) => targets.indexOf(a.container) - targets.indexOf(b.container));
  if (gone) {
    void ctx.ui.error(gone);
    return;
  }
  const active = removals.filter((r) => isActive(r.container));
  const withVolumes = removals.filter((r) => r.anonymous.length > 0);

  const message = title
    ? title(removals.length)
    : everything
      ? vscode.l10n.t('Remove all {0} containers?', removals.length)
      : removals.length === 1
        ? vscode.l10n.t('Remove container "{0}"?', removals[0].container.name)
        : vscode.l10n.t('Remove {0} containers?', removals.length);
  const listed = removals.slice(0, 15).map(describeRemoval);
  if (removals.length > listed.length) {
    listed.push(vscode.l10n.t('... and {0} more', removals.length - listed.length));
  }
  const lines = [...listed, '', vscode.l10n.t('Removed containers cannot be recovered. The files changed in their writable layers are lost; data in volumes is kept.')];
  if (active.length > 0 && everything) {
    lines.push(vscode.l10n.t('{0} of them are running: they are forced (killed first).', active.length));
  } else if (active.length > 0) {
    lines.push(
      active.length === 1
        ? vscode.l10n.t('{0} is {1}: Force Remove kills it first.', active[0].container.name, active[0].container.state)
        : vscode.l10n.t('{0} of them are running: Force Remove kills them first.', active.length),
    );
  }
  if (withVolumes.length > 0) {
    lines.push(vscode.l10n.t('Anonymous volumes are kept unless you choose the action that removes them too.'));
  }

  const [remove, removeWithVolumes] = everything
    ? [vscode.l10n.t('Remove All'), vscode.l10n.t('Remove All with Anonymous Volumes')]
    : active.length > 0
      ? [vscode.l10n.t('Force Remove'), vscode.l10n.t('Force Remove with Anonymous Volumes')]
      : [vscode.l10n.t('Remove'), vscode.l10n.t('Remove with Anonymous Volumes')];
  const choice = await ctx.ui.choose(message, lines.join('\n'), withVolumes.length > 0 ? [remove, removeWithVolumes] : [remove]);
  if (choice !== remove && choice !== removeWithVolumes) {
    return;
  }
  const volumes = choice === removeWithVolumes;
  const flags = (r: Removal) => [...(isActive(r.container) ? ['-f'] : []), ...(volumes && r.anonymous.length > 0 ? ['-v'] : [])];
  await actOnEach(
    ctx,
    removals,
    (r) => ['docker', 'rm', ...flags(r), r.container.name],
    (r) => ctx.service.removeContainer(r.container.id, { force: isActive(r.container), volumes: volumes && r.anonymous.length > 0 }),
  );
}
