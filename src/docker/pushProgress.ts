import { layerTotals, type PullEvent } from './pullProgress';

/** One line of the engine's push stream (a pull's, plus the aux record with the digest). */
export interface PushEvent extends PullEvent {
  aux?: { Tag?: string; Digest?: string; Size?: number };
}

export interface PushSummary {
  /** Bytes sent and to send, over the layers whose upload has started. */
  current: number;
  total: number;
  layers: number;
  layersDone: number;
  digest?: string;
  error?: string;
}

/** Adds up the per-layer lines of `docker push` (Preparing, Pushing, Pushed, Layer already exists). */
export class PushProgress {
  private readonly layers = new Map<string, { current: number; total: number; done: boolean }>();
  private digest?: string;
  private error?: string;

  add(event: PushEvent): void {
    if (event.error || event.errorDetail?.message) {
      this.error = event.errorDetail?.message ?? event.error;
      return;
    }
    if (event.aux?.Digest) {
      this.digest = event.aux.Digest;
      return;
    }
    const status = event.status ?? '';
    const digest = /digest: (sha256:[0-9a-f]{64})/.exec(status);
    if (digest) {
      this.digest = digest[1];
      return;
    }
    if (!event.id || /^The push refers to/.test(status)) {
      return;
    }
    const layer = this.layers.get(event.id) ?? { current: 0, total: 0, done: false };
    if (status === 'Preparing' || status === 'Waiting') {
      // Known as a layer; its size comes with the first Pushing line.
    } else if (status === 'Pushing') {
      layer.current = event.progressDetail?.current ?? layer.current;
      layer.total = event.progressDetail?.total ?? layer.total;
    } else if (/^(Pushed|Layer already exists|Mounted from)/.test(status)) {
      layer.current = layer.total;
      layer.done = true;
    } else {
      return;
    }
    this.layers.set(event.id, layer);
  }

  get summary(): PushSummary {
    return { ...layerTotals(this.layers.values()), digest: this.digest, error: this.error };
  }
}

/** Whether an engine's push or pull error is the registry asking for credentials. */
export function isAuthFailure(message: string): boolean {
  return /unauthorized|authentication required|no basic auth credentials|denied|401/i.test(message);
}
