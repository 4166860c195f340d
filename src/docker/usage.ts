import { isActive, type ContainerModel } from './models';

/** A container that mounts a volume, and whether it mounts it read-only. */
export interface VolumeUse {
  container: ContainerModel;
  readOnly: boolean;
}

const byName = (a: ContainerModel, b: ContainerModel) => a.name.localeCompare(b.name);

/** The containers (any state) created from each image, by image id, sorted by name. */
export function usersByImage(containers: Iterable<ContainerModel>): Map<string, ContainerModel[]> {
  const users = new Map<string, ContainerModel[]>();
  for (const c of containers) {
    const list = users.get(c.imageId);
    if (list) list.push(c);
    else users.set(c.imageId, [c]);
  }
  for (const list of users.values()) list.sort(byName);
  return users;
}

/** The containers (any state) that mount each named or anonymous volume, by volume name, sorted by container name. */
export function usersByVolume(containers: Iterable<ContainerModel>): Map<string, VolumeUse[]> {
  const users = new Map<string, VolumeUse[]>();
  for (const container of containers) {
    for (const mount of container.mounts) {
      if (mount.type !== 'volume' || !mount.name) continue;
      const use = { container, readOnly: mount.readOnly };
      const list = users.get(mount.name);
      if (list) list.push(use);
      else users.set(mount.name, [use]);
    }
  }
  for (const list of users.values()) list.sort((a, b) => byName(a.container, b.container));
  return users;
}

/** What an image row's icon shows: an active container (running, paused, restarting) holds the image. */
export function imageInUse(users: ContainerModel[]): boolean {
  return users.some(isActive);
}
