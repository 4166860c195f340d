import { isActive, isRunning, type ContainerModel } from './models';

const none: ReadonlySet<string> = new Set();

/**
 * The store's containers by id, with what the views count kept as containers are set and deleted, so a
 * change costs its listeners O(what it names) at 10,000 containers, not a pass over every container:
 * how many run (the badge), who uses each image (in use: an active user) and volume, who is on each
 * network. While the store emits a change, `previous(id)` is what the change replaced.
 */
export class ContainerMap extends Map<string, ContainerModel> {
  private runningCount = 0;
  private readonly byImage = new Map<string, Set<string>>();
  private readonly activeByImage = new Map<string, number>();
  private readonly byVolume = new Map<string, Set<string>>();
  private readonly byNetwork = new Map<string, Set<string>>();
  /** Each id set or deleted since a change last named it, with its model then (undefined: it was not there). */
  private readonly unreported = new Map<string, ContainerModel | undefined>();
  /** The models the change being emitted replaced. */
  private replaced: Map<string, ContainerModel | undefined> | undefined;

  override set(id: string, model: ContainerModel): this {
    const before = super.get(id);
    if (!this.unreported.has(id)) this.unreported.set(id, before);
    if (before) this.unindex(id, before);
    super.set(id, model);
    this.index(id, model);
    return this;
  }

  override delete(id: string): boolean {
    const before = super.get(id);
    if (!before) return false;
    if (!this.unreported.has(id)) this.unreported.set(id, before);
    this.unindex(id, before);
    return super.delete(id);
  }

  override clear(): void {
    super.clear();
    this.runningCount = 0;
    [this.byImage, this.activeByImage, this.byVolume, this.byNetwork, this.unreported].forEach((m) => m.clear());
  }

  /**
   * Every container at once, for a full list: what clear() and a set() each do, without noting each id for
   * `previous` (a full change names them all), so 10,000 cost their indexes only.
   */
  replaceAll(models: Iterable<ContainerModel>): void {
    this.clear();
    for (const model of models) {
      const before = super.get(model.id);
      if (before) this.unindex(model.id, before);
      super.set(model.id, model);
      this.index(model.id, model);
    }
  }

  /** How many containers run, as `docker ps` counts them. */
  get running(): number {
    return this.runningCount;
  }

  /** The ids of the containers (any state) created from an image. */
  usersOfImage(imageId: string): ReadonlySet<string> {
    return this.byImage.get(imageId) ?? none;
  }

  /** How many of an image's containers are active (running, paused, restarting): the image is in use. */
  activeUsersOfImage(imageId: string): number {
    return this.activeByImage.get(imageId) ?? 0;
  }

  /** The ids of the containers (any state) that mount a named or anonymous volume. */
  usersOfVolume(name: string): ReadonlySet<string> {
    return this.byVolume.get(name) ?? none;
  }

  /** The ids of the containers (any state) the engine lists on a network, by its name. */
  usersOfNetwork(name: string): ReadonlySet<string> {
    return this.byNetwork.get(name) ?? none;
  }

  /**
   * Runs `emit` with `previous` answering for the ids a change names (a full change names all: nothing
   * to compare with, and nothing is kept for later).
   */
  reporting(ids: readonly string[] | 'all', emit: () => void): void {
    const outer = this.replaced;
    if (ids === 'all') {
      this.unreported.clear();
      this.replaced = new Map();
    } else {
      this.replaced = new Map();
      for (const id of ids) {
        if (this.unreported.has(id)) {
          this.replaced.set(id, this.unreported.get(id));
          this.unreported.delete(id);
        }
      }
    }
    try {
      emit();
    } finally {
      this.replaced = outer;
    }
  }

  /** During a change: the model it replaced for `id` (undefined: new); the current one for an id it did not change. */
  previous(id: string): ContainerModel | undefined {
    return this.replaced?.has(id) ? this.replaced.get(id) : this.get(id);
  }

  private index(id: string, model: ContainerModel): void {
    if (isRunning(model)) this.runningCount++;
    if (isActive(model)) this.activeByImage.set(model.imageId, (this.activeByImage.get(model.imageId) ?? 0) + 1);
    add(this.byImage, model.imageId, id);
    for (const mount of model.mounts) if (mount.type === 'volume' && mount.name) add(this.byVolume, mount.name, id);
    for (const network of model.networks) add(this.byNetwork, network, id);
  }

  private unindex(id: string, model: ContainerModel): void {
    if (isRunning(model)) this.runningCount--;
    if (isActive(model)) {
      const active = (this.activeByImage.get(model.imageId) ?? 1) - 1;
      if (active > 0) this.activeByImage.set(model.imageId, active);
      else this.activeByImage.delete(model.imageId);
    }
    remove(this.byImage, model.imageId, id);
    for (const mount of model.mounts) if (mount.type === 'volume' && mount.name) remove(this.byVolume, mount.name, id);
    for (const network of model.networks) remove(this.byNetwork, network, id);
  }
}

function add(index: Map<string, Set<string>>, key: string, id: string): void {
  let ids = index.get(key);
  if (!ids) index.set(key, (ids = new Set()));
  ids.add(id);
}

function remove(index: Map<string, Set<string>>, key: string, id: string): void {
  const ids = index.get(key);
  ids?.delete(id);
  if (ids?.size === 0) index.delete(key);
}
