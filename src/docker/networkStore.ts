import { toDockerError, type DockerError } from './errors';
import { Emitter, type Event } from './event';
import type { EngineEvent } from './events';
import type { NetworkModel } from './networks';
import { asStore } from './requestOrigin';
import type { DockerService } from './service';
import type { EngineStore, StoreStatus } from './store';

/** One flush of network changes: a full replacement, or the ids updated and removed. */
export interface NetworkChange {
  full: boolean;
  updated: string[];
  removed: string[];
}

export type NetworkListStatus = { state: 'waiting' } | { state: 'ready' } | { state: 'failed'; error: DockerError };

/**
 * The engine's networks, kept current by the same events stream as the containers store: a full
 * list each time that store's picture becomes ready (the stream opened or reopened), then only the
 * network an event names (create, destroy, connect, disconnect). Never polls.
 */
export class NetworkStore {
  readonly networks = new Map<string, NetworkModel>();
  /** How many full lists were made (tests read it). */
  fullLists = 0;
  private readonly changes = new Emitter<NetworkChange>();
  readonly onChange: Event<NetworkChange> = this.changes.event;
  private current: NetworkListStatus = { state: 'waiting' };
  private readonly statuses = new Emitter<NetworkListStatus>();
  private readonly dirty = new Set<string>();
  private full = false;
  private timer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay = 250;
  private queue: Promise<void> = Promise.resolve();
  private generation = 0;
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    private readonly store: EngineStore,
    private readonly service: DockerService,
    private readonly coalesceMs = 10,
  ) {
    this.subscriptions = [store.onStatus((s) => this.onStatus(s)), store.onNetworkEvent((e) => this.onEvent(e))];
    this.onStatus(store.status);
  }

  get status(): NetworkListStatus {
    return this.current;
  }

  /** Resolves when the networks are listed, or listing failed (the store's own failure included). */
  async whenListed(timeoutMs = 30_000): Promise<NetworkListStatus> {
    const status = await this.store.whenSettled(timeoutMs);
    if (status.state === 'failed') {
      return { state: 'failed', error: status.error };
    }
    if (this.current.state !== 'waiting' || status.state !== 'ready') {
      return this.current;
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), timeoutMs);
      const subscription = this.statuses.event(() => done());
      const done = () => {
        clearTimeout(timer);
        subscription.dispose();
        resolve(this.current);
      };
    });
  }

  /** Lists every network again (the view's Refresh); resolves when it is in. */
  async refresh(): Promise<void> {
    this.full = true;
    this.schedule(0);
    await this.whenIdle();
  }

  async whenIdle(): Promise<void> {
    while (this.timer) {
      await new Promise((r) => setTimeout(r, this.coalesceMs));
    }
    await this.queue;
  }

  private onStatus(status: StoreStatus): void {
    if (status.state === 'ready') {
      if (this.current.state !== 'ready') {
        this.full = true;
        this.schedule(0);
      }
      return;
    }
    // Stopped, switching engines or failed: the picture is stale; the next ready lists afresh.
    this.generation++;
    this.dirty.clear();
    this.setStatus(status.state === 'failed' ? { state: 'failed', error: status.error } : { state: 'waiting' });
    if (this.networks.size > 0) {
      this.networks.clear();
      this.changes.fire({ full: true, updated: [], removed: [] });
    }
  }

  private onEvent(event: EngineEvent): void {
    this.dirty.add(event.id);
    this.schedule(this.coalesceMs);
  }

  private schedule(delay: number): void {
    if (this.timer) {
      return;
    }
    this.timer = setTimeout(
      () =>
        asStore(() => {
          this.timer = undefined;
          this.queue = this.queue.then(() => this.flush());
        }),
      delay,
    );
  }

  private async flush(): Promise<void> {
    const generation = this.generation;
    const full = this.full;
    const ids = [...this.dirty];
    this.full = false;
    this.dirty.clear();
    try {
      if (full) {
        this.fullLists++;
        const list = await this.service.listNetworks();
        if (generation !== this.generation) return;
        this.networks.clear();
        list.forEach((n) => this.networks.set(n.id, n));
        this.changes.fire({ full: true, updated: [], removed: [] });
        this.retryDelay = 250;
        this.setStatus({ state: 'ready' });
        return;
      }
      const updated: string[] = [];
      const removed: string[] = [];
      for (const id of ids) {
        const network = await this.service.findNetwork(id);
        if (generation !== this.generation) return;
        if (network) {
          this.networks.set(network.id, network);
          updated.push(network.id);
        } else if (this.networks.delete(id)) {
          removed.push(id);
        }
      }
      if (updated.length + removed.length > 0) {
        this.changes.fire({ full: false, updated, removed });
      }
    } catch (err) {
      if (generation !== this.generation) return;
      // Listed again in full, with backoff while the containers store is ready (its own failure clears this one).
      this.full = true;
      this.setStatus({ state: 'failed', error: toDockerError(err) });
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        if (this.store.status.state === 'ready') this.schedule(0);
      }, this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, 5_000);
    }
  }

  private setStatus(status: NetworkListStatus): void {
    this.current = status;
    this.statuses.fire(status);
  }

  dispose(): void {
    this.generation++;
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    this.subscriptions.forEach((s) => s.dispose());
    this.changes.dispose();
    this.statuses.dispose();
  }
}
