/**
 * Log lines as the engine sends them with `timestamps=true`: "2026-11-28T22:50:36.123456789Z text".
 * The cursor remembers the last line shown, so a follow that resumes after a restart with
 * `since` (which the engine treats as inclusive) shows no line twice and loses none.
 */

/** Nanoseconds since the epoch of an RFC 3339 timestamp with up to 9 fractional digits. */
export function timestampNanos(timestamp: string): bigint | undefined {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(timestamp);
  if (!m) {
    return undefined;
  }
  const seconds = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(seconds)) {
    return undefined;
  }
  return BigInt(seconds) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

/** The engine's `since` parameter for a point in time: "seconds.nanoseconds". */
export function sinceParameter(nanos: bigint): string {
  const seconds = nanos / 1_000_000_000n;
  const rest = nanos % 1_000_000_000n;
  return `${seconds}.${rest.toString().padStart(9, '0')}`;
}

export interface LogLine {
  stream: string;
  timestamp: string;
  /** The line without its timestamp, with its line feed when it had one. */
  text: string;
}

export class LogCursor {
  private lastNanos: bigint | undefined;
  /** How many lines carried exactly `lastNanos`: the resumed follow repeats them, they are skipped. */
  private seenAtLast = 0;
  private repeatsToSkip = 0;

  /** Call before a resumed follow: returns the `since` value to ask for, or undefined for the start. */
  resume(): string | undefined {
    if (this.lastNanos === undefined) {
      return undefined;
    }
    this.repeatsToSkip = this.seenAtLast;
    return sinceParameter(this.lastNanos);
  }

  /** Whether the line is new (to be shown); lines already shown before the resume are not. */
  accept(timestamp: string): boolean {
    const nanos = timestampNanos(timestamp);
    if (nanos === undefined) {
      return true;
    }
    if (this.lastNanos !== undefined && nanos < this.lastNanos) {
      return false;
    }
    if (this.lastNanos !== undefined && nanos === this.lastNanos) {
      if (this.repeatsToSkip > 0) {
        this.repeatsToSkip--;
        return false;
      }
      this.seenAtLast++;
      return true;
    }
    this.lastNanos = nanos;
    this.seenAtLast = 1;
    this.repeatsToSkip = 0;
    return true;
  }
}

/** Cuts one stream's decoded text into timestamped lines; keeps an unfinished line for the next chunk. */
export class LogLineSplitter {
  private partial = '';

  constructor(private readonly stream: string) {}

  push(text: string): LogLine[] {
    this.partial += text;
    const lines: LogLine[] = [];
    let nl = this.partial.indexOf('\n');
    while (nl >= 0) {
      lines.push(this.parse(this.partial.slice(0, nl + 1)));
      this.partial = this.partial.slice(nl + 1);
      nl = this.partial.indexOf('\n');
    }
    return lines;
  }

  /** The last line when the stream ended without a line feed. */
  flush(): LogLine[] {
    const rest = this.partial;
    this.partial = '';
    return rest === '' ? [] : [this.parse(rest)];
  }

  private parse(raw: string): LogLine {
    const space = raw.indexOf(' ');
    const timestamp = space > 0 ? raw.slice(0, space) : '';
    if (space > 0 && timestampNanos(timestamp) !== undefined) {
      return { stream: this.stream, timestamp, text: raw.slice(space + 1) };
    }
    return { stream: this.stream, timestamp: '', text: raw };
  }
}
