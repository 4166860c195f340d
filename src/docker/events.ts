import { StringDecoder } from 'node:string_decoder';
import { DockerError, toDockerError } from './errors';
import * as l10n from '@vscode/l10n';

/** One engine event, reduced to what the explorer acts on. */
export interface EngineEvent {
  type: 'container' | 'image' | 'volume' | 'network';
  action: string;
  /** Container id, image id or reference, volume name, network id. */
  id: string;
  attributes: Record<string, string>;
  timeNano: number;
}

export interface EventStreamListener {
  /** The stream is open: anything may have changed while it was not, so list everything. */
  connected(): void;
  event(event: EngineEvent): void;
  disconnected(error: DockerError): void;
}

/** The event types the explorer shows, as the engine's `type` filter. */
export const watchedEventTypes: EngineEvent['type'][] = ['container', 'image', 'volume', 'network'];

/**
 * The single events stream (`GET /events`), reopened with backoff when it drops. It only runs
 * between start() and stop(): nothing is requested while no view needs it.
 */
export class EventStream {
  private stream: NodeJS.ReadableStream | undefined;
  private running = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay: number;
  private generation = 0;

  constructor(
    /** Opens `GET /events` for the watched types (through the service, which maps its errors). */
    private readonly openStream: () => Promise<NodeJS.ReadableStream>,
    private readonly listener: EventStreamListener,
    private readonly backoff = { initialMs: 200, maxMs: 2000 },
  ) {
    this.retryDelay = backoff.initialMs;
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) {
      return;
    }
    this.running = true;
    void this.open();
  }

  stop(): void {
    this.running = false;
    this.generation++;
    clearTimeout(this.retryTimer);
    this.close();
  }

  private async open(): Promise<void> {
    const generation = ++this.generation;
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.openStream();
    } catch (err) {
      if (generation === this.generation) {
        this.lost(toDockerError(err));
      }
      return;
    }
    if (generation !== this.generation || !this.running) {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      return;
    }
    this.stream = stream;
    this.retryDelay = this.backoff.initialMs;
    this.listener.connected();

    // A chunk may end inside a character's UTF-8 bytes (a label in Korean): the decoder keeps them for the next.
    const decoder = new StringDecoder('utf8');
    let buffered = '';
    stream.on('data', (chunk: Buffer | string) => {
      buffered += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        const event = line ? parseEvent(line) : undefined;
        if (event && generation === this.generation) {
          this.listener.event(event);
        }
      }
    });
    const ended = (err?: unknown) => {
      if (generation !== this.generation || !this.running) {
        return;
      }
      this.stream = undefined;
      this.lost(toDockerError(err ?? Object.assign(new Error(l10n.t('The Docker Engine closed the events stream.')), { code: 'ECONNRESET' })));
    };
    stream.on('error', ended);
    stream.on('end', () => ended());
    stream.on('close', () => ended());
  }

  private lost(error: DockerError): void {
    this.generation++;
    this.close();
    this.listener.disconnected(error);
    if (!this.running) {
      return;
    }
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.open(), this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, this.backoff.maxMs);
  }

  private close(): void {
    const stream = this.stream as unknown as { destroy?: () => void } | undefined;
    this.stream = undefined;
    stream?.destroy?.();
  }
}

interface RawEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  id?: string;
  timeNano?: number;
}

/** Parses one line of the stream; returns undefined for types the explorer does not show. */
export function parseEvent(line: string): EngineEvent | undefined {
  let raw: RawEvent;
  try {
    raw = JSON.parse(line) as RawEvent;
  } catch {
    return undefined;
  }
  const type = raw.Type;
  if (type !== 'container' && type !== 'image' && type !== 'volume' && type !== 'network') {
    return undefined;
  }
  const id = raw.Actor?.ID ?? raw.id;
  if (!id || !raw.Action) {
    return undefined;
  }
  return { type, action: raw.Action, id, attributes: raw.Actor?.Attributes ?? {}, timeNano: raw.timeNano ?? 0 };
}

/** Container actions that change nothing a row shows. */
export function isContainerNoise(action: string): boolean {
  return /^(exec_|attach|detach|resize|top|archive-path|extract-to-dir|export|copy|commit)/.test(action);
}
