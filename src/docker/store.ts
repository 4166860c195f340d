import { ContainerMap } from './containerMap';
import { DockerError, toDockerError } from './errors';
import { Emitter, Event } from './event';
import { guessFromEvent, type EventGuess } from './eventGuess';
import { EngineEvent, EventStream, isContainerNoise } from './events';
import { isHelperContainer } from './helperContainers';
import { asStore } from './requestOrigin';
import type { ContainerDetails, ContainerModel, ImageModel, VolumeModel } from './models';
import type { DockerService } from './service';

export type ResourceKind = 'containers' | 'images' | 'volumes';

/** What changed in one flush: a full replacement, or the ids updated and removed. */
export interface StoreChange {
  kind: ResourceKind;
  full: boolean;
  updated: string[];
  removed: string[];
  /** A full replacement by the engine's newest containers only (StoreOptions.firstPage): the whole list follows. */
  partial?: true;
}

export type StoreStatus = { state: 'idle' } | { state: 'connecting' } | { state: 'ready' } | { state: 'failed'; error: DockerError };

export interface StoreOptions {
  /** How long the first event of a batch waits for others, so a burst becomes one update. */
  coalesceMs: number;
  /** Beyond this many changed containers in one batch, one full list is cheaper than a filtered one. */
  burstThreshold: number;
  /** After a failed update, the first retry waits this long, doubling up to `retryMaxMs`. */
  retryInitialMs: number;
  retryMaxMs: number;
  /**
   * When the store has no containers yet, it first asks the engine for this many of the newest
   * (`limit`), so the views have rows while the whole list comes (over a second at 10,000); 0: no page.
   */
  firstPage: number;
}

const stopped = ['exited', 'dead', 'removing'];

/** How many lagging lists a guess outlives (25 ms apart) before the engine's answer is taken as it is. */
const maxGuessRetries = 20;

/** The engine states a container event implies, where the list view may lag behind the event. */
const impliedStates: Record<string, string[] | undefined> = {
  pause: ['paused'],
  unpause: ['running'],
  // A container that really restarts or dies at once sends the next event, which replaces this.
  start: ['running', 'restarting', 'paused'],
  die: stopped,
  stop: stopped,
};

/**
 * The explorer's picture of the engine, kept current by the events stream: a full list when the
 * stream (re)opens, then only the objects events name. All refresh policy lives here.
 */
export class EngineStore {
  /** By id, with per-image, per-volume and per-network users and the running count kept as it changes (containerMap.ts). */
  readonly containers = new ContainerMap();
  readonly images = new Map<string, ImageModel>();
  readonly volumes = new Map<string, VolumeModel>();
  /** How many full lists were made, per kind (benchmarks and tests read it). */
  readonly fullLists: Record<ResourceKind, number> = { containers: 0, images: 0, volumes: 0 };

  private readonly events: EventStream;
  private readonly options: StoreOptions;
  private readonly changes = new Emitter<StoreChange>();
  private readonly statuses = new Emitter<StoreStatus>();
  private readonly networkEvents = new Emitter<EngineEvent>();
  /** After a network connect or disconnect, whether the container must list that network; its list view may lag the event. */
  private readonly expectedNetworks = new Map<string, { network: string; attached: boolean; retries: number }>();
  /** The stream's network events, for the networks store kept beside this one (networkStore.ts). */
  readonly onNetworkEvent: Event<EngineEvent> = this.networkEvents.event;
  /** One flush's worth of changes: a full replacement, or the ids updated and removed. */
  readonly onChange: Event<StoreChange> = this.changes.event;
  readonly onStatus: Event<StoreStatus> = this.statuses.event;
  private retryDelay: number;
  private retryTimer: NodeJS.Timeout | undefined;
  private current: StoreStatus = { state: 'idle' };
  private readonly dirty = { containers: new Set<string>(), images: new Set<string>(), volumes: new Set<string>() };
  private readonly removedContainers = new Set<string>();
  /**
   * dockerd (20.10) emits pause/unpause/die before its list view has the new state: the states such
   * an event implies, checked against the listed container and listed again until they agree.
   */
  private readonly expectedStates = new Map<string, { states: string[]; retries: number }>();
  /**
   * The exit codes of die events whose container the list still shows running: dockerd lists it
   * exited only after its clean-up (100 ms at 1000 containers, most of a second at 10,000), but the
   * process has ended, so the container is shown exited from the event until the list agrees.
   */
  private readonly died = new Map<string, string>();
  /**
   * Containers shown from their last event (eventGuess.ts) until a list answers: a list that still says
   * what it said before the event is held back and asked again, any other answer replaces the guess.
   */
  private readonly guesses = new Map<string, { isStale: EventGuess['isStale']; retries: number }>();
  /** Guessed and not yet emitted: emitted once the events of this chunk are in, or with the next flush in a burst. */
  private readonly guessed = { updated: new Set<string>(), removed: new Set<string>() };
  private guessEmitQueued = false;
  private lastGuessEmit = -Infinity;
  private pendingFull = new Set<ResourceKind>();
  /** The containers are the engine's first page only; the whole list is on its way. */
  private pagedOnly = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly service: DockerService,
    options: Partial<StoreOptions> = {},
  ) {
    this.options = { coalesceMs: 10, burstThreshold: 100, retryInitialMs: 250, retryMaxMs: 5_000, firstPage: 0, ...options };
    this.retryDelay = this.options.retryInitialMs;
    this.events = new EventStream(() => service.events(), {
      connected: () => {
        this.cancelRetry();
        this.scheduleFull(['containers', 'images', 'volumes']);
      },
      event: (event) => this.onEvent(event),
      disconnected: (error) => this.onDisconnected(error),
    });
  }

  get status(): StoreStatus {
    return this.current;
  }

  /** Opens the events stream; the first full list follows as soon as it is open. */
  start(): void {
    if (this.events.isRunning) {
      return;
    }
    // While stopped the picture went stale: nobody may take it as current before the first full list.
    this.setStatus({ state: 'connecting' });
    this.events.start();
  }

  /** Another engine (the host setting or the docker context changed): forget everything; list it afresh if running. */
  switchEngine(): void {
    const wasRunning = this.events.isRunning;
    this.stop();
    this.dirty.containers.clear();
    this.dirty.images.clear();
    this.dirty.volumes.clear();
    this.removedContainers.clear();
    this.expectedStates.clear();
    this.died.clear();
    this.expectedNetworks.clear();
    this.forgetGuesses();
    this.pagedOnly = false;
    for (const kind of ['containers', 'images', 'volumes'] as const) {
      this[kind].clear();
      this.emit({ kind, full: true, updated: [], removed: [] });
    }
    if (wasRunning) {
      this.start();
    } else {
      this.setStatus({ state: 'idle' });
    }
  }

  /** Closes the stream: nothing is asked of the engine until start() again. */
  stop(): void {
    this.events.stop();
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.cancelRetry();
  }

  private cancelRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.retryDelay = this.options.retryInitialMs;
  }

  /** Lists everything again (the views' Refresh action); resolves when the lists are in. */
  refresh(kinds: ResourceKind[] = ['containers', 'images', 'volumes']): Promise<void> {
    this.scheduleFull(kinds, 0);
    return this.whenIdle();
  }

  containerDetails(id: string): Promise<ContainerDetails> {
    return this.service.containerDetails(id);
  }

  /** Resolves when the first full list is in, or the engine failed (then the views explain why). */
  whenSettled(timeoutMs = 30_000): Promise<StoreStatus> {
    if (this.current.state === 'ready' || this.current.state === 'failed' || this.current.state === 'idle') {
      return Promise.resolve(this.current);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), timeoutMs);
      const done = () => {
        clearTimeout(timer);
        off();
        resolve(this.current);
      };
      const subscription = this.onStatus((s) => {
        if (s.state === 'ready' || s.state === 'failed') {
          done();
        }
      });
      const off = () => subscription.dispose();
    });
  }

  /** Whether the containers are the whole list as of the last full list (not only a first page, nor a list still to come). */
  get containersComplete(): boolean {
    return !this.pagedOnly && this.current.state === 'ready';
  }

  /**
   * Resolves once the Containers view has rows to show: the engine's first page (firstPage), or
   * the whole list, or a failure. The rest of the picture may still be on its way (whenSettled).
   */
  whenContainersShown(timeoutMs = 30_000): Promise<StoreStatus> {
    if (this.pagedOnly) {
      return Promise.resolve(this.current);
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        subscriptions.forEach((s) => s.dispose());
        resolve(this.current);
      };
      const timer = setTimeout(done, timeoutMs);
      const subscriptions = [this.onChange((c) => c.partial && done())];
      void this.whenSettled(timeoutMs).then(done);
    });
  }

  /** Resolves once every queued update has been applied. */
  async whenIdle(): Promise<void> {
    while (this.flushTimer) {
      await new Promise((r) => setTimeout(r, this.options.coalesceMs));
    }
    await this.queue;
  }

  private onEvent(event: EngineEvent): void {
    if (event.type === 'network') {
      this.networkEvents.fire(event);
      // A connect or disconnect changes the container's own networks, and the engine sends no container event for it.
      const container = event.attributes.container;
      if (container && (event.action === 'connect' || event.action === 'disconnect')) {
        this.dirty.containers.add(container);
        // Only a connect is checked: a container that stops is disconnected yet still lists the network.
        if (event.action === 'connect' && event.attributes.name) {
          this.expectedNetworks.set(container, { network: event.attributes.name, attached: true, retries: 0 });
        }
        this.scheduleFlush(this.options.coalesceMs);
      }
      return;
    }
    if (event.type === 'container') {
      // A container the explorer made for itself is not asked about; its destroy still clears a row a full list may have given it.
      if (isContainerNoise(event.action) || (event.action !== 'destroy' && isHelperContainer(event.attributes))) {
        return;
      }
      if (event.action === 'destroy') {
        this.removedContainers.add(event.id);
        this.died.delete(event.id);
        this.dirty.containers.delete(event.id);
      } else {
        this.dirty.containers.add(event.id);
      }
      const implied = impliedStates[event.action];
      const exitCode = event.attributes.exitCode;
      if (event.action === 'die' && /^\d+$/.test(exitCode ?? '')) {
        this.died.set(event.id, exitCode);
      } else if (implied !== stopped) {
        this.died.delete(event.id); // a start, pause, rename...: the list says what it is now
      }
      if (implied) {
        this.expectedStates.set(event.id, { states: implied, retries: 0 });
      } else {
        this.expectedStates.delete(event.id);
      }
      this.guess(event);
    } else if (event.type === 'image') {
      this.dirty.images.add(event.id);
    } else {
      this.dirty.volumes.add(event.id);
    }
    this.scheduleFlush(this.options.coalesceMs);
  }

  private onDisconnected(error: DockerError): void {
    // The stream's own reconnect lists everything once it is back.
    this.cancelRetry();
    this.dirty.containers.clear();
    this.dirty.images.clear();
    this.dirty.volumes.clear();
    this.removedContainers.clear();
    this.died.clear();
    this.forgetGuesses();
    this.pagedOnly = false;
    this.setStatus({ state: 'failed', error });
    for (const kind of ['containers', 'images', 'volumes'] as const) {
      if (this[kind].size > 0) {
        this[kind].clear();
        this.emit({ kind, full: true, updated: [], removed: [] });
      }
    }
  }

  private scheduleFull(kinds: ResourceKind[], delay = 0): void {
    kinds.forEach((k) => this.pendingFull.add(k));
    this.scheduleFlush(delay);
  }

  private scheduleFlush(delay: number): void {
    if (this.flushTimer) {
      return;
    }
    this.flushTimer = setTimeout(
      () =>
        asStore(() => {
          this.flushTimer = undefined;
          // Not behind a list still in flight: the guesses are what the events already said.
          this.emitGuesses();
          this.queue = this.queue.then(() => this.flush());
        }),
      delay,
    );
  }

  /** Shows what a container event says at once (with the batch's other events), when the store has a picture to change. */
  private guess(event: EngineEvent): void {
    // Only on a whole picture: while the first rows are a page, the whole list is on its way.
    if (this.current.state !== 'ready' || this.pagedOnly || this.pendingFull.has('containers')) {
      return;
    }
    if (event.action === 'destroy') {
      this.guesses.delete(event.id);
      if (this.containers.delete(event.id)) {
        this.guessed.updated.delete(event.id);
        this.guessed.removed.add(event.id);
      }
    } else {
      const guess = guessFromEvent(this.containers.get(event.id), event);
      if (!guess) {
        return;
      }
      this.containers.set(event.id, guess.model);
      this.guesses.set(event.id, { isStale: guess.isStale, retries: 0 });
      this.guessed.updated.add(event.id);
    }
    // A lone change goes out at once (after the rest of its chunk); within a burst, once per flush.
    if (!this.guessEmitQueued && performance.now() - this.lastGuessEmit >= this.options.coalesceMs) {
      this.guessEmitQueued = true;
      queueMicrotask(() => this.emitGuesses());
    }
  }

  private emitGuesses(): void {
    this.guessEmitQueued = false;
    const updated = [...this.guessed.updated].filter((id) => this.containers.has(id));
    const removed = [...this.guessed.removed];
    this.guessed.updated.clear();
    this.guessed.removed.clear();
    if (updated.length + removed.length > 0) {
      this.lastGuessEmit = performance.now();
      this.emit({ kind: 'containers', full: false, updated, removed });
    }
  }

  private forgetGuesses(): void {
    this.guesses.clear();
    this.guessed.updated.clear();
    this.guessed.removed.clear();
  }

  /** Whether a listed container is a lagging answer to a guess, to be held back and asked again. */
  private holdsGuess(listed: ContainerModel): boolean {
    const guess = this.guesses.get(listed.id);
    if (!guess) {
      return false;
    }
    if (guess.retries >= maxGuessRetries || !guess.isStale(listed)) {
      this.guesses.delete(listed.id);
      return false;
    }
    guess.retries++;
    this.dirty.containers.add(listed.id);
    this.scheduleFlush(25);
    return true;
  }

  private async flush(): Promise<void> {
    const full = this.pendingFull;
    this.pendingFull = new Set();
    const containerIds = [...this.dirty.containers];
    const removedContainers = [...this.removedContainers];
    const imageIds = [...this.dirty.images];
    const volumeNames = [...this.dirty.volumes];
    this.dirty.containers.clear();
    this.removedContainers.clear();
    this.dirty.images.clear();
    this.dirty.volumes.clear();
    try {
      if (containerIds.length > this.options.burstThreshold) {
        full.add('containers');
      }
      await Promise.all([
        full.has('containers') ? this.listAllContainers() : this.updateContainers(containerIds, removedContainers),
        full.has('images') ? this.listAllImages() : this.updateImages(imageIds),
        full.has('volumes') ? this.listAllVolumes() : this.updateVolumes(volumeNames),
      ]);
      this.retryDelay = this.options.retryInitialMs;
      if (this.current.state !== 'ready' && this.events.isRunning) {
        this.setStatus({ state: 'ready' });
      }
    } catch (err) {
      const error = toDockerError(err);
      // A failed update is retried as a full list, with backoff, while the stream runs: not left
      // on the failure screen until the next event. An unreachable engine also drops the stream.
      ['containers', 'images', 'volumes'].forEach((k) => this.pendingFull.add(k as ResourceKind));
      this.setStatus({ state: 'failed', error });
      if (this.events.isRunning && !this.retryTimer) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.scheduleFlush(0);
        }, this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, this.options.retryMaxMs);
      }
    }
  }

  private async listAllContainers(): Promise<void> {
    // A picture from nothing: the newest page first. Events meanwhile wait for the next flush, after the whole list.
    if (this.options.firstPage > 0 && this.containers.size === 0 && this.current.state !== 'ready') {
      const page = await this.service.listContainers(undefined, { limit: this.options.firstPage });
      this.pagedOnly = true;
      this.containers.replaceAll(page);
      this.emit({ kind: 'containers', full: true, updated: [], removed: [], partial: true });
    }
    this.fullLists.containers++;
    const list = await this.service.listContainers();
    this.pagedOnly = false;
    this.containers.replaceAll(list.filter((c) => !c.helper));
    this.emit({ kind: 'containers', full: true, updated: [], removed: [] });
  }

  private async listAllImages(): Promise<void> {
    this.fullLists.images++;
    const list = await this.service.listImages();
    this.replaceAll(
      'images',
      list.map((i) => [i.id, i]),
    );
  }

  private async listAllVolumes(): Promise<void> {
    this.fullLists.volumes++;
    const list = await this.service.listVolumes();
    this.replaceAll(
      'volumes',
      list.map((v) => [v.name, v]),
    );
  }

  private replaceAll<K extends 'images' | 'volumes'>(kind: K, entries: [string, StoreMaps[K]][]): void {
    const map = this[kind] as Map<string, StoreMaps[K]>;
    map.clear();
    entries.forEach(([key, value]) => map.set(key, value));
    this.emit({ kind, full: true, updated: [], removed: [] });
  }

  private async updateContainers(ids: string[], destroyed: string[]): Promise<void> {
    const removed = destroyed.filter((id) => this.containers.delete(id));
    const updated: string[] = [];
    if (ids.length > 0) {
      const found = new Map((await this.service.listContainers(ids)).map((c) => [c.id, c]));
      for (const id of ids) {
        // Destroyed while the list was on its way: the answer is older than the destroy, and would bring it back for a moment.
        if (this.removedContainers.has(id)) {
          continue;
        }
        const listed = found.get(id);
        if (listed && !listed.helper && this.holdsGuess(listed)) {
          continue;
        }
        if (listed && !listed.helper) {
          this.containers.set(id, this.withDeath(listed));
          updated.push(id);
          this.checkExpectedState(listed);
          this.checkExpectedNetwork(listed);
        } else if (this.containers.delete(id)) {
          this.guesses.delete(id);
          removed.push(id);
        }
      }
    }
    if (updated.length + removed.length > 0) {
      this.emit({ kind: 'containers', full: false, updated, removed });
    }
  }

  /** A listed container whose die event came first: exited, as the list will say once dockerd has cleaned up. */
  private withDeath(listed: ContainerModel): ContainerModel {
    const exitCode = this.died.get(listed.id);
    if (exitCode === undefined || stopped.includes(listed.engineState) || listed.engineState === 'restarting') {
      return listed;
    }
    return { ...listed, state: 'exited', engineState: 'exited', status: `Exited (${exitCode}) Less than a second ago` };
  }

  private checkExpectedState(container: ContainerModel): void {
    const expected = this.expectedStates.get(container.id);
    if (!expected) {
      this.died.delete(container.id);
      return;
    }
    if (expected.states.includes(container.engineState) || expected.retries >= 20) {
      this.expectedStates.delete(container.id);
      this.died.delete(container.id);
      return;
    }
    expected.retries++;
    this.dirty.containers.add(container.id);
    this.scheduleFlush(25);
  }

  private checkExpectedNetwork(container: ContainerModel): void {
    const expected = this.expectedNetworks.get(container.id);
    if (!expected) {
      return;
    }
    if (container.networks.includes(expected.network) === expected.attached || expected.retries >= 20) {
      this.expectedNetworks.delete(container.id);
      return;
    }
    expected.retries++;
    this.dirty.containers.add(container.id);
    this.scheduleFlush(25);
  }

  private async updateImages(idsOrRefs: string[]): Promise<void> {
    const updated = new Set<string>();
    const removed = new Set<string>();
    for (const idOrRef of idsOrRefs) {
      const image = await this.service.findImage(idOrRef);
      if (!image) {
        if (this.images.delete(idOrRef)) {
          removed.add(idOrRef);
        }
        continue;
      }
      // A tag names one image: one that moved here leaves the image that had it.
      for (const [id, other] of this.images) {
        if (id !== image.id && other.tags.some((t) => image.tags.includes(t))) {
          this.images.set(id, { ...other, tags: other.tags.filter((t) => !image.tags.includes(t)) });
          updated.add(id);
        }
      }
      this.images.set(image.id, image);
      updated.add(image.id);
      removed.delete(image.id);
    }
    if (updated.size + removed.size > 0) {
      this.emit({ kind: 'images', full: false, updated: [...updated], removed: [...removed] });
    }
  }

  private async updateVolumes(names: string[]): Promise<void> {
    const updated: string[] = [];
    const removed: string[] = [];
    for (const name of names) {
      const volume = await this.service.findVolume(name);
      if (volume) {
        this.volumes.set(name, volume);
        updated.push(name);
      } else if (this.volumes.delete(name)) {
        removed.push(name);
      }
    }
    if (updated.length + removed.length > 0) {
      this.emit({ kind: 'volumes', full: false, updated, removed });
    }
  }

  private emit(change: StoreChange): void {
    if (change.kind !== 'containers') {
      this.changes.fire(change);
      return;
    }
    // Listeners may ask what each named container was before (containers.previous) while they hear it.
    this.containers.reporting(change.full ? 'all' : [...change.updated, ...change.removed], () => this.changes.fire(change));
  }

  private setStatus(status: StoreStatus): void {
    this.current = status;
    this.statuses.fire(status);
  }
}

interface StoreMaps {
  containers: ContainerModel;
  images: ImageModel;
  volumes: VolumeModel;
}
