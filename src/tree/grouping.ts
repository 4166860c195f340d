// How the containers and images views group and sort (no vscode import: unit-tested in Node).
import { parseImageRef, repositoryOf } from '../docker/imageRef';
import type { ContainerModel, ImageModel } from '../docker/models';

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
      appendTo(groups, key, container);
    }
  }
  const sortedGroups = [...groups.entries()]
    .map(([key, list]) => ({ key, label: key, containers: list.sort(compare) }))
    .sort((a, b) => (groupBy === 'state' ? rank(a.key) - rank(b.key) : a.label.localeCompare(b.label)));
  return { groups: sortedGroups, ungrouped: ungrouped.sort(compare) };
}

/** Appends in place: copying the list per member made a group of 3000 cost millions of copies. */
function appendTo<T>(lists: Map<string, T[]>, key: string, item: T): void {
  const list = lists.get(key);
  if (list) {
    list.push(item);
  } else {
    lists.set(key, [item]);
  }
}

function rank(state: string): number {
  const i = stateOrder.indexOf(state);
  return i < 0 ? stateOrder.length : i;
}

/** One row of the images view: a tag of an image, or a dangling image (no reference). */
export interface ImageRow {
  /** The full normalised name this row stands for, undefined for a dangling image. */
  reference: string | undefined;
  image: ImageModel;
}

export interface ImageGroup {
  /** The repository as Docker normalises it, or `danglingImagesKey`. */
  key: string;
  rows: ImageRow[];
}

export const danglingImagesKey = '<none>';

/** Repositories sorted by name, each with its tags newest first; the dangling images last. */
export function groupImages(images: Iterable<ImageModel>): ImageGroup[] {
  const byRepository = new Map<string, ImageRow[]>();
  for (const image of images) {
    if (image.tags.length === 0) {
      appendTo(byRepository, danglingImagesKey, { reference: undefined, image });
      continue;
    }
    for (const reference of image.tags) {
      appendTo(byRepository, repositoryOfName(reference), { reference, image });
    }
  }
  const keys = [...byRepository.keys()].filter((k) => k !== danglingImagesKey).sort();
  if (byRepository.has(danglingImagesKey)) {
    keys.push(danglingImagesKey);
  }
  return keys.map((key) => ({ key, rows: byRepository.get(key)!.sort((a, b) => b.image.created - a.image.created) }));
}

function repositoryOfName(reference: string): string {
  try {
    return repositoryOf(parseImageRef(reference));
  } catch {
    return reference.slice(0, reference.lastIndexOf(':'));
  }
}
