// Client of the runner's UI bridge (test/harness/vscode.mjs): lets a test look at the page a user sees.
import * as http from 'node:http';

/**
 * node:http, not fetch: in the extension host VS Code's patched fetch loads the system's CA
 * certificates on its first call (tens to hundreds of ms on the event loop the bench measures).
 */
function post<T>(route: string, body: unknown): Promise<T> {
  const base = process.env.DX_UI_BRIDGE;
  if (!base) {
    return Promise.reject(new Error('DX_UI_BRIDGE is not set: run integration tests through `npm test`'));
  }
  const payload = JSON.stringify(body);
  return new Promise<T>((resolve, reject) => {
    const request = http.request(
      `${base}${route}`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (!response.statusCode || response.statusCode < 200 || response.statusCode >= 300) {
            reject(new Error(`UI bridge ${route} answered ${response.statusCode}: ${text}`));
            return;
          }
          try {
            resolve(JSON.parse(text) as T);
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

export const ui = {
  screenshot: (name: string) => post<{ path: string }>('/screenshot', { name }),
  texts: (selector: string) => post<{ texts: string[] }>('/texts', { selector }).then((r) => r.texts),
  attributes: (selector: string, attribute: string) => post<{ values: (string | null)[] }>('/attributes', { selector, attribute }).then((r) => r.values),
  click: (selector: string) => post<unknown>('/click', { selector }),
  hover: (selector: string) => post<unknown>('/hover', { selector }),
  /** Drags the first element matching `from` onto the first matching `to` with the mouse (`text`: the element contains it). */
  drag: (from: { selector: string; text?: string }, to: { selector: string; text?: string }) => post<unknown>('/drag', { from, to }),
  /** Each tree label on the page: its text, its decoration's badge (A, C, D...) and colours, as computed. */
  labels: (selector?: string) => post<{ labels: PageLabel[] }>('/labels', { selector }).then((r) => r.labels),
  /** Theme colours as the page resolves them (`rgb(...)`), null for an id the theme does not define. */
  colors: (ids: string[]) => post<{ colors: (string | null)[] }>('/colors', { ids }).then((r) => r.colors),
  /** Starts the page's own log of its tree rows (idempotent); answers the page's clock, epoch ms. */
  recordRows: () => post<{ now: number }>('/rows/record', {}).then((r) => r.now),
  /** The first logged moment at or after `after` (epoch ms) when a row's aria-label matches `pattern` (or, `absent`, none does). */
  rowsWhen: (query: { pattern: string; absent?: boolean; after: number; timeoutMs?: number }) => post<RowsWhen>('/rows/when', query),
};

export interface PageLabel {
  name: string;
  badge: string;
  badgeColor: string;
  nameColor: string;
}

export interface RowsWhen {
  at?: number;
  label?: string | null;
  /** It already held before `after`: nothing to time. */
  already?: boolean;
  timedOut?: boolean;
  /** On a time-out, the matching rows the page showed last. */
  last?: string[];
  error?: string;
}

/** This process's clock in the page's terms (epoch ms with sub-ms precision). */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/** Polls until `probe` returns a truthy value or the time runs out, then says what it last saw. */
export async function waitFor<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) {
        return value;
      }
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last saw: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
