import * as vscode from 'vscode';
import type { ContainerModel } from '../../docker/models';
import type { CommandContext } from '../context';
import { engineReady } from '../engineReady';

/**
 * The containers matching `filter` as the engine lists them now (the store may not know one made a
 * moment ago); undefined (and said why) when none. With `sizes`, each one's writable-layer size is
 * put there by id.
 */
export async function allContainers(
  ctx: CommandContext,
  filter: (c: ContainerModel) => boolean,
  noneMessage: string,
  sizes?: Map<string, number>,
): Promise<ContainerModel[] | undefined> {
  if (!(await engineReady(ctx))) {
    return undefined;
  }
  // A failure here (the engine went away since) is reported by the commands' one error wrapper.
  const listed = sizes
    ? (await ctx.service.listContainersWithSize()).map(({ container, sizeRw }) => (sizes.set(container.id, sizeRw), container))
    : await ctx.service.listContainers();
  const found = listed.filter(filter).sort((a, b) => a.name.localeCompare(b.name));
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
