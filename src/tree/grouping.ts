// How the containers view groups and sorts (no vscode import: unit-tested in Node).
import type { ContainerModel } from '../docker/models';

export type ContainerGroupBy = 'composeProject' | 'state' | 'image' | 'none';
export type ContainerSortBy = 'created' | 'name' | 'state';

export interface ContainerGroup {
  key: string;
  label: string;
  containers: ContainerModel[];
}

const stateOrder = ['running', 'unhealthy', 'restarting', 'paused', 'created', 'exited', 'dead', 'removing'];

export function compareContainers(sortBy: ContainerSortBy): (a: ContainerModel, b: ContainerModel) => number {
  switch (sortBy) {
    case 'name':
      return (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
    case 'state':
      return (a, b) => rank(a.state) - rank(b.state) || b.created - a.created || a.id.localeCompare(b.id);
    case 'created':
    default:
      return (a, b) => b.created - a.created || a.name.localeCompare(b.name);
  }
}

/** The group a container belongs to, or undefined when it is shown at the top level. */
export function groupKeyOf(container: ContainerModel, groupBy: ContainerGroupBy): string | undefined {
  switch (groupBy) {
    case 'composeProject':
      return container.composeProject;
    case 'state':
      return container.state;
    case 'image':
      return container.image;
    default:
      return undefined;
  }
}

/**
 * Groups first (sorted by label), then the ungrouped containers; with compose grouping the
 * containers outside any project stay at the top level, as `docker compose ls` leaves them out.
 */
export function groupContainers(
  containers: Iterable<ContainerModel>,
  groupBy: ContainerGroupBy,
  sortBy: ContainerSortBy,
): { groups: ContainerGroup[]; ungrouped: ContainerModel[] } {
  const compare = compareContainers(sortBy);
  const groups = new Map<string, ContainerModel[]>();
  const ungrouped: ContainerModel[] = [];
  for (const container of containers) {
    const key = groupKeyOf(container, groupBy);
    if (key === undefined) {
      ungrouped.push(container);
    } else {
      groups.set(key, [...(groups.get(key) ?? []), container]);
    }
  }
  const sortedGroups = [...groups.entries()]
    .map(([key, list]) => ({ key, label: key, containers: list.sort(compare) }))
    .sort((a, b) => (groupBy === 'state' ? rank(a.key) - rank(b.key) : a.label.localeCompare(b.label)));
  return { groups: sortedGroups, ungrouped: ungrouped.sort(compare) };
}

function rank(state: string): number {
  const i = stateOrder.indexOf(state);
  return i < 0 ? stateOrder.length : i;
}
