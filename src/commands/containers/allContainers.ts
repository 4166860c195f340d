import * as vscode from 'vscode';
import type { ContainerModel } from '../../docker/models';
import type { CommandContext } from '../context';
import { engineReady } from '../engineReady';

/** The engine's containers matching `filter` once the store has settled; undefined (and said why) when none. */
export async function allContainers(ctx: CommandContext, filter: (c: ContainerModel) => boolean, noneMessage: string): Promise<ContainerModel[] | undefined> {
  if (!(await engineReady(ctx))) {
    return undefined;
  }
  const found = [...ctx.store.containers.values()].filter(filter).sort((a, b) => a.name.localeCompare(b.name));
  if (found.length === 0) {
    void ctx.ui.info(noneMessage);
    return undefined;
  }
  return found;
}

/** "web, db, cache and 4 more" for a confirmation. */
export function listNames(containers: ContainerModel[], max = 15): string {
  const names = containers.slice(0, max).map((c) => c.name);
  return containers.length > max ? vscode.l10n.t('{0} and {1} more', names.join(', '), containers.length - max) : names.join(', ');
}
