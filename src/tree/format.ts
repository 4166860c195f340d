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
  /** Dec 1, 2026, 10:00 AM from a Unix time in seconds. */
  date(unixSeconds: number): string;
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

function createFormat(language: string): DisplayFormat {
  const ages = new Intl.RelativeTimeFormat(language, { numeric: 'always' });
  const now = new Intl.RelativeTimeFormat(language, { numeric: 'auto' }).format(0, 'second');
  const counts = new Intl.NumberFormat(language);
  const sizes = new Intl.NumberFormat(language, { maximumSignificantDigits: 3 });
  const dates = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    age(unixSeconds, nowMs = Date.now()) {
      const seconds = Math.round(nowMs / 1000 - unixSeconds);
      for (const [size, unit] of ageSteps) {
        if (seconds >= size) {
          return ages.format(-Math.floor(seconds / size), unit);
        }
      }
      return now;
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
      return `${unit === 0 ? counts.format(value) : sizes.format(value)} ${sizeUnits[unit]}`;
    },
    count: (n) => counts.format(n),
    date: (unixSeconds) => dates.format(unixSeconds * 1000),
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

export function formatSize(bytes: number, language = 'en'): string {
  return displayFormat(language).size(bytes);
}

export function formatAge(unixSeconds: number, language = 'en', nowMs = Date.now()): string {
  return displayFormat(language).age(unixSeconds, nowMs);
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
