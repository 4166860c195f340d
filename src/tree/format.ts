// Pure formatting helpers shared by the rows and tooltips, in the display language they are given
// (vscode.env.language on the VS Code side; no vscode import: unit-tested in Node).

/** Ages, sizes, counts and dates as one display language writes them. */
export interface DisplayFormat {
  /** "5 minutes ago" from a Unix time in seconds. */
  age(unixSeconds: number, nowMs?: number): string;
  /** 1.98 MB, as `docker images` prints sizes (powers of 1000). */
  size(bytes: number): string;
  /** 3,000 */
  count(n: number): string;
  /** "12.50%" from 12.5, with two decimals as docker stats writes them. */
  percent(n: number): string;
  /** Dec 1, 2026, 10:00 AM from a Unix time in seconds. */
  date(unixSeconds: number): string;
  /** "5 minutes", a length of time as a container status says it. */
  span(amount: TimeAmount): string;
  /** "5 minutes ago" from a length of time. */
  spanAgo(amount: TimeAmount): string;
}

export interface TimeAmount {
  value: number;
  unit: 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
}

const ageSteps: [number, Intl.RelativeTimeFormatUnit][] = [
  [60 * 60 * 24 * 365, 'year'],
  [60 * 60 * 24 * 30, 'month'],
  [60 * 60 * 24 * 7, 'week'],
  [60 * 60 * 24, 'day'],
  [60 * 60, 'hour'],
  [60, 'minute'],
  [1, 'second'],
];

const sizeUnits = ['B', 'kB', 'MB', 'GB', 'TB'];

/** `make()` on the first call only: each Intl format is built when a row or tooltip first needs it. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

function createFormat(language: string): DisplayFormat {
  // Building all six at once was 25 ms of the first whole list at 10,000 (ICU loads each kind's data
  // on first use); a page row needs only the counts. The tag is checked here, so a bad one still throws.
  Intl.getCanonicalLocales(language);
  const ages = once(() => new Intl.RelativeTimeFormat(language, { numeric: 'always' }));
  const now = once(() => new Intl.RelativeTimeFormat(language, { numeric: 'auto' }).format(0, 'second'));
  const counts = once(() => new Intl.NumberFormat(language));
  const percents = once(() => new Intl.NumberFormat(language, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  const sizes = once(() => new Intl.NumberFormat(language, { maximumSignificantDigits: 3 }));
  const dates = once(() => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }));
  const spans = new Map<string, Intl.NumberFormat>();
  const spanFormat = (unit: string) => {
    let format = spans.get(unit);
    if (!format) {
      format = new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long' });
      spans.set(unit, format);
    }
    return format;
  };
  return {
    percent(n) {
      return percents().format(n / 100);
    },
    age(unixSeconds, nowMs = Date.now()) {
      const seconds = Math.round(nowMs / 1000 - unixSeconds);
      for (const [size, unit] of ageSteps) {
        if (seconds >= size) {
          return ages().format(-Math.floor(seconds / size), unit);
        }
      }
      return now();
    },
    size(bytes) {
      if (!Number.isFinite(bytes) || bytes < 0) {
        return '';
      }
      let value = bytes;
      let unit = 0;
      // 999.95 kB rounds to 1000 kB: that is 1 MB.
      while (Number(value.toPrecision(3)) >= 1000 && unit < sizeUnits.length - 1) {
        value /= 1000;
        unit++;
      }
      return `${unit === 0 ? counts().format(value) : sizes().format(value)} ${sizeUnits[unit]}`;
    },
    count: (n) => counts().format(n),
    date: (unixSeconds) => dates().format(unixSeconds * 1000),
    span: ({ value, unit }) => spanFormat(unit).format(value),
    spanAgo: ({ value, unit }) => ages().format(-value, unit),
  };
}

const formats = new Map<string, DisplayFormat>();

/** The formats for a BCP 47 language tag (vscode.env.language), English when Intl does not know it. */
export function displayFormat(language: string): DisplayFormat {
  let format = formats.get(language);
  if (!format) {
    try {
      format = createFormat(language);
    } catch {
      format = displayFormat('en');
    }
    formats.set(language, format);
  }
  return format;
}

/**
 * Has ICU load, each in a turn of its own, what the rows need on first use: collation (every view sorts by
 * name), the counts and the relative ages. Called at activation, while the engine's first answers are on
 * their way; otherwise each loads inside the block that lays the whole list out (90 to 100 ms apiece there
 * in a loaded warm window at 10,000 containers).
 */
export function prepareDisplay(language: string, nextTurn: (step: () => void) => void = setImmediate): void {
  const steps = [() => 'a'.localeCompare('b'), () => displayFormat(language).count(0), () => displayFormat(language).age(0)];
  const next = () => {
    steps.shift()?.();
    if (steps.length > 0) nextTurn(next);
  };
  nextTurn(next);
}

export function formatSize(bytes: number, language = 'en'): string {
  return displayFormat(language).size(bytes);
}

export function formatAge(unixSeconds: number, language = 'en', nowMs = Date.now()): string {
  return displayFormat(language).age(unixSeconds, nowMs);
}

/** A docker ps status ("Up 5 minutes (healthy)", "Exited (0) 2 hours ago") taken apart, to say it in the display language. */
export interface ContainerStatus {
  phase: 'up' | 'exited' | 'restarting' | 'created' | 'removing' | 'dead';
  /** For how long (up) or how long ago (exited, restarting), in Docker's words where it has no number. */
  time?: TimeAmount | 'lessThanASecond' | 'aboutAMinute' | 'aboutAnHour';
  exitCode?: number;
  paused?: boolean;
  health?: 'healthy' | 'unhealthy' | 'starting';
}

const timeWords: Record<string, ContainerStatus['time']> = {
  'Less than a second': 'lessThanASecond',
  'About a minute': 'aboutAMinute',
  'About an hour': 'aboutAnHour',
};

function parseTime(text: string): ContainerStatus['time'] | undefined {
  const match = /^(\d+) (second|minute|hour|day|week|month|year)s?$/.exec(text);
  return match ? { value: Number(match[1]), unit: match[2] as TimeAmount['unit'] } : timeWords[text];
}

/** The parts of a status as the engine words it (Docker's HumanDuration), undefined for any other wording. */
export function parseContainerStatus(status: string): ContainerStatus | undefined {
  const fixed: Record<string, ContainerStatus['phase']> = { Created: 'created', 'Removal In Progress': 'removing', Dead: 'dead' };
  if (fixed[status]) {
    return { phase: fixed[status] };
  }
  const up = /^Up (.+?)( \(Paused\))?( \((healthy|unhealthy|health: starting)\))?$/.exec(status);
  if (up) {
    const time = parseTime(up[1]);
    const health = up[4] === 'health: starting' ? 'starting' : (up[4] as ContainerStatus['health']);
    return time && { phase: 'up', time, paused: up[2] !== undefined, health };
  }
  const ended = /^(Exited|Restarting) \((-?\d+)\) (.+) ago$/.exec(status);
  const time = ended && parseTime(ended[3]);
  return ended && time ? { phase: ended[1] === 'Exited' ? 'exited' : 'restarting', exitCode: Number(ended[2]), time } : undefined;
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
