import { StringDecoder } from 'node:string_decoder';

/** One line of the engine's pull stream. */
export interface PullEvent {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

export interface PullSummary {
  /** Bytes downloaded and to download, over the layers whose size is known so far. */
  current: number;
  total: number;
  layers: number;
  layersDone: number;
  digest?: string;
  upToDate: boolean;
  error?: string;
}

/** Adds up the per-layer lines of a pull into one figure, as a progress bar wants it. */
export class PullProgress {
  private readonly layers = new Map<string, { current: number; total: number; done: boolean }>();
  private digest?: string;
  private upToDate = false;
  private error?: string;

  add(event: PullEvent): void {
    if (event.error || event.errorDetail?.message) {
      this.error = event.errorDetail?.message ?? event.error;
      return;
    }
    const status = event.status ?? '';
    const digest = /^Digest: (\S+)/.exec(status);
    if (digest) {
      this.digest = digest[1];
    } else if (/^Status: Image is up to date/.test(status)) {
      this.upToDate = true;
    }
    if (!event.id) {
      return;
    }
    const layer = this.layers.get(event.id) ?? { current: 0, total: 0, done: false };
    if (status === 'Pulling fs layer' || status === 'Waiting') {
      // Known as a layer, size not yet.
    } else if (status === 'Downloading') {
      layer.current = event.progressDetail?.current ?? layer.current;
      layer.total = event.progressDetail?.total ?? layer.total;
    } else if (/^(Download complete|Verifying Checksum|Extracting|Pull complete|Already exists)/.test(status)) {
      layer.current = layer.total;
      layer.done = layer.done || /^(Pull complete|Already exists)/.test(status);
    } else {
      return;
    }
    this.layers.set(event.id, layer);
  }

  get summary(): PullSummary {
    return { ...layerTotals(this.layers.values()), digest: this.digest, upToDate: this.upToDate, error: this.error };
  }
}

/** Bytes done and to do, and layers done, over the layers of a pull or a push. */
export function layerTotals(layers: Iterable<{ current: number; total: number; done: boolean }>): { current: number; total: number; layers: number; layersDone: number } {
  const sum = { current: 0, total: 0, layers: 0, layersDone: 0 };
  for (const layer of layers) {
    sum.current += layer.current;
    sum.total += layer.total;
    sum.layers += 1;
    sum.layersDone += layer.done ? 1 : 0;
  }
  return sum;
}

/** Reads a stream of JSON lines, one event at a time. A chunk may end inside a character's UTF-8 bytes: the decoder keeps them for the next. */
export async function* jsonLines(stream: NodeJS.ReadableStream): AsyncGenerator<PullEvent> {
  const decoder = new StringDecoder('utf8');
  let buffer = '';
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    buffer += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) yield parseLine(line);
    }
  }
  buffer += decoder.end();
  if (buffer.trim()) yield parseLine(buffer.trim());
}

function parseLine(line: string): PullEvent {
  try {
    return JSON.parse(line) as PullEvent;
  } catch {
    return { status: line };
  }
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}
