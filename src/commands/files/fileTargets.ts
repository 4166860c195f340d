import * as vscode from 'vscode';
import { containerPathProblem, normalizeContainerPath } from '../../docker/containerPath';
import type { ContainerModel } from '../../docker/models';
import { describePathProblem } from '../../files/fileMessages';
import type { CommandContext } from '../context';
import { containerTargets } from '../targets';

/** A path in a container, as a file command acts on it. */
export interface FileTarget {
  container: ContainerModel;
  path: string;
  /** The row's state when a row was clicked (file, folder, linkToFolder...). */
  state?: string;
}

/** A Files or Changes row, matched by shape (the bundle's classes are not the tests'). */
interface FileRow {
  kind: 'containerFile' | 'change';
  containerId: string;
  path: string;
  state?: string;
}

function isFileRow(value: unknown): value is FileRow {
  const row = value as FileRow | undefined;
  return !!row && (row.kind === 'containerFile' || row.kind === 'change') && typeof row.containerId === 'string' && typeof row.path === 'string';
}

/** Refuses a bad path with its message; true when it may be used. */
export function checkPath(ctx: CommandContext, path: unknown, what: string): path is string {
  if (typeof path !== 'string') {
    void ctx.ui.error(vscode.l10n.t('{0} must be a path in the container, for example /etc/hosts.', what));
    return false;
  }
  const problem = containerPathProblem(path);
  if (problem) {
    void ctx.ui.error(describePathProblem(problem, path));
    return false;
  }
  return true;
}

/**
 * The container and path a file command acts on: a Files or Changes row; a plain object
 * `{ container, path }` (the path checked before any request); or nothing: a container picked and a
 * path typed. `pathKey` names the object's path field (`to` for Upload's folder).
 */
export async function fileTarget(
  ctx: CommandContext,
  args: unknown[],
  options: { pathKey?: string; prompt: string; askPath?: boolean },
): Promise<FileTarget | undefined> {
  const [first] = args;
  if (isFileRow(first)) {
    const container = ctx.store.containers.get(first.containerId) ?? (await ctx.service.findContainer(first.containerId));
    if (!container) {
      void ctx.ui.error(vscode.l10n.t('The container does not exist any more: it was removed meanwhile. The views show what is there now.'));
      return undefined;
    }
    return { container, path: first.path, state: first.state };
  }
  const plain = !!first && typeof first === 'object' && !Array.isArray(first) && !('kind' in first);
  let path: unknown;
  if (plain) {
    path = (first as Record<string, unknown>)[options.pathKey ?? 'path'];
    if (!checkPath(ctx, path, options.pathKey ?? 'path')) {
      return undefined;
    }
    if (typeof (first as { container?: unknown }).container !== 'string') {
      void ctx.ui.error(vscode.l10n.t('Name the container: {0}.', `{ container: 'web', ${options.pathKey ?? 'path'}: '/etc/hosts' }`));
      return undefined;
    }
  }
  const [container] =
    (await containerTargets(ctx, plain ? [(first as { container: string }).container] : typeof first === 'string' ? [first] : [], {
      action: 'dockerExplorer.containers.showChanges',
      many: false,
      placeHolder: options.prompt,
      noneMessage: vscode.l10n.t('No containers.'),
    })) ?? [];
  if (!container) {
    return undefined;
  }
  if (path === undefined) {
    if (options.askPath === false) {
      path = '/';
    } else {
      path = await ctx.ui.input({
        title: options.prompt,
        prompt: vscode.l10n.t('A path in {0}, for example /etc/hosts', container.name),
        validateInput: (value) => {
          const problem = containerPathProblem(value);
          return problem ? describePathProblem(problem, value) : undefined;
        },
      });
      if (typeof path !== 'string') {
        return undefined;
      }
    }
  }
  return { container, path: normalizeContainerPath(path as string) };
}
