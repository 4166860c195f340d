// Issue 12's page measurement, shared by the smoke test (test/integration/pageChanges.test.ts) and
// `npm run bench` (bench/vscode/payload.ts): each kind of container change, from the API call
// returning and from the engine's event to the row on the page (its aria-label) showing it.
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { epochNow, ui } from './uiBridge';

export const pageChangeKinds = [
  'create',
  'create (quiet)',
  'start',
  'pause',
  'unpause',
  'stop -t 0',
  'stop (SIGTERM)',
  'kill',
  'restart',
  'rename',
  'remove',
  'self-exit',
] as const;
export type PageChangeKind = (typeof pageChangeKinds)[number];

/** One change, in ms. A self-exit has no API call; the others have all four. */
export interface PageChangeSample {
  kind: PageChangeKind;
  /** The API call itself, sent -> returned. */
  api?: number;
  /** API returned -> the row on the page shows it. */
  pageAfterApi?: number;
  /** The engine's event (as a raw events stream in this host got it) -> the row on the page shows it. */
  pageAfterEvent: number;
  /** API returned -> that event arrived (negative: before the call returned). */
  eventAfterApi?: number;
  /** The engine's own answer: one list filtered by this container's id, asked after the page showed the change. */
  engineList?: number;
  /** The container, and when (epoch ms) the change was sent and showed on the page: the bench lays its stage trace beside them. */
  id?: string;
  /** The event the sample is timed from (create, start, die...), and when (epoch ms) this host's raw stream got it. */
  action?: string;
  eventAt?: number;
  sentAt?: number;
  shownAt?: number;
}

/** The engine's container events as a raw stream in this host receives them, with their arrival times (epoch ms). */
export class RawEvents {
  private readonly seen: { id: string; action: string; at: number }[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly stream: Readable) {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const at = epochNow();
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines.filter((l) => l.trim())) {
        const event = JSON.parse(line) as { Type?: string; Action?: string; Actor?: { ID?: string } };
        if (event.Type === 'container' && event.Actor?.ID && event.Action) {
          this.seen.push({ id: event.Actor.ID, action: event.Action.split(':')[0], at });
        }
      }
      this.waiters.forEach((w) => w());
    });
  }

  static async open(docker: Docker): Promise<RawEvents> {
    const stream = (await docker.getEvents({ filters: { type: ['container'] } })) as unknown as Readable;
    return new RawEvents(stream);
  }

  /** When the first `action` event for `id` at or after `after` arrived; waits for it up to `timeoutMs`. */
  when(id: string, action: string, after: number, timeoutMs = 10_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.seen.find((e) => e.id === id && e.action === action && e.at >= after);
        if (found) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve(found.at);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no ${action} event for ${id.slice(0, 12)} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  close(): void {
    this.stream.destroy();
  }
}

export interface PageChangeOptions {
  docker: Docker;
  image: string;
  labels: Record<string, string>;
  /** The quiet time before each change, as a user who acts a moment after the last change showed. */
  spacingMs?: number;
  /**
   * When (epoch ms) the view last sent VS Code a change: the quiet create waits until nothing was sent for
   * `quietMs`, so neither VS Code's debounce (200 ms from the previous fire) nor our pacer can hold it.
   */
  lastSentToView?: () => number;
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Past VS Code's 200 ms debounce and our pacer's 205 ms window. */
const quietMs = 250;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Runs change cycles on containers it creates (newest first, so their rows are at the top of the
 * view): create, start, pause, unpause, restart, stop -t 0, start, stop (SIGTERM), start, kill,
 * rename, remove, a create with the view quiet before it, and a second container that exits by itself.
 */
export class PageChanges {
  readonly samples: PageChangeSample[] = [];
  /**
   * The page's clock minus this host's as one bridge round trip sees it: both read the system clock
   * (performance.timeOrigin + now), so it is reported, not applied; its error is up to half a round trip.
   */
  private clockCheck = { offsetMs: 0, roundTripMs: Infinity };
  private readonly offset = 0;

  private constructor(
    private readonly options: PageChangeOptions,
    private readonly events: RawEvents,
  ) {}

  static async open(options: PageChangeOptions): Promise<PageChanges> {
    const changes = new PageChanges(options, await RawEvents.open(options.docker));
    await changes.syncClocks();
    return changes;
  }

  /** The two clocks should agree (one machine): checked anyway, over the quickest of five round trips. */
  private async syncClocks(): Promise<void> {
    for (let i = 0; i < 5; i++) {
      const sent = epochNow();
      const page = await ui.recordRows();
      const back = epochNow();
      if (back - sent < this.clockCheck.roundTripMs) {
        this.clockCheck = { offsetMs: page - (sent + back) / 2, roundTripMs: back - sent };
      }
    }
  }

  get clockOffset(): { offsetMs: number; roundTripMs: number } {
    return this.clockCheck;
  }

  close(): void {
    this.events.close();
  }

  async cycle(name: string): Promise<void> {
    const { docker, image, labels } = this.options;
    const row = (state: string, rest = '') => new RegExp(`^${escape(name)}, ${state}, ${rest}`);
    const running = row('running', 'Up (?!.*Paused)');
    const exited = row('exited', 'Exited ');
    let container: Docker.Container | undefined;
    await this.step(
      'create',
      'create',
      async () => (container = await docker.createContainer({ name, Image: image, Cmd: ['sleep', '3600'], Labels: labels, HostConfig: { Init: true } })),
      () => container!.id,
      { pattern: row('created') },
    );
    const c = container!;
    const start = () =>
      this.step(
        'start',
        'start',
        () => c.start(),
        () => c.id,
        { pattern: running },
      );
    await start();
    // A restart shows "Up Less than a second" again, and rows do not tick: a second later, the unpause's
    // new listing makes the row say "Up 1 second", so the restart's row differs from the one before it.
    await sleep(1_200);
    await this.step(
      'pause',
      'pause',
      () => c.pause(),
      () => c.id,
      { pattern: row('paused', 'Up .*\\(Paused\\)') },
    );
    await this.step(
      'unpause',
      'unpause',
      () => c.unpause(),
      () => c.id,
      { pattern: row('running', 'Up (?!Less than a second)(?!.*Paused)') },
    );
    await this.step(
      'restart',
      'start',
      () => c.restart({ t: 0 }),
      () => c.id,
      { pattern: row('running', 'Up Less than a second') },
    );
    await this.step(
      'stop -t 0',
      'die',
      () => c.stop({ t: 0 }),
      () => c.id,
      { pattern: exited },
    );
    await start();
    await this.step(
      'stop (SIGTERM)',
      'die',
      () => c.stop(),
      () => c.id,
      { pattern: exited },
    );
    await start();
    await this.step(
      'kill',
      'die',
      () => c.kill(),
      () => c.id,
      { pattern: exited },
    );
    await this.step(
      'rename',
      'rename',
      () => c.rename({ name: `${name}-r` }),
      () => c.id,
      { pattern: new RegExp(`^${escape(name)}-r, exited, `) },
    );
    await this.step(
      'remove',
      'destroy',
      () => c.remove({ force: true }),
      () => c.id,
      { pattern: new RegExp(`^${escape(name)}-r, `), absent: true },
    );
    await this.quietCreate(`${name}-quiet`);
    await this.selfExit(`${name}-exit`);
  }

  /**
   * A create when the view sent nothing for `quietMs` (the plain create follows the last cycle's removal,
   * which is itself held behind that container's die): then removed, and its removal waited for on the page.
   */
  private async quietCreate(name: string): Promise<void> {
    const { docker, image, labels } = this.options;
    let container: Docker.Container | undefined;
    await this.step(
      'create (quiet)',
      'create',
      async () => (container = await docker.createContainer({ name, Image: image, Cmd: ['sleep', '3600'], Labels: labels, HostConfig: { Init: true } })),
      () => container!.id,
      { pattern: new RegExp(`^${escape(name)}, created, `) },
      () => this.untilQuiet(),
    );
    const removed = epochNow();
    await container!.remove({ force: true });
    await this.showing(new RegExp(`^${escape(name)}, `), true, removed, `${name} removed`);
  }

  /** Until the view sent VS Code nothing for `quietMs` (without a clock to read, the step's spacing is all). */
  private async untilQuiet(): Promise<void> {
    const last = this.options.lastSentToView;
    for (let wait = last ? last() + quietMs - epochNow() : 0; wait > 0; wait = last!() + quietMs - epochNow()) {
      await sleep(wait);
    }
  }

  /** A container whose process ends by itself a second after it started: from its die event to the row saying exited. */
  private async selfExit(name: string): Promise<void> {
    const { docker, image, labels } = this.options;
    const c = await docker.createContainer({ name, Image: image, Cmd: ['sleep', '1'], Labels: labels, HostConfig: { Init: true } });
    await this.showing(new RegExp(`^${escape(name)}, created, `), false, epochNow() - 10_000, `${name} listed`, { alreadyHold: true });
    const started = epochNow();
    await c.start();
    await this.showing(new RegExp(`^${escape(name)}, running, `), false, started, `${name} running`);
    const died = await this.events.when(c.id, 'die', started, 15_000);
    const shown = await this.showing(new RegExp(`^${escape(name)}, exited, `), false, started, `${name} exited by itself`);
    const listed = epochNow();
    await docker.listContainers({ all: true, filters: { id: [c.id] } });
    this.samples.push({
      kind: 'self-exit',
      pageAfterEvent: shown - died,
      engineList: epochNow() - listed,
      id: c.id,
      action: 'die',
      eventAt: died,
      sentAt: died - 200,
      shownAt: shown,
    });
    await c.remove({ force: true });
    await this.showing(new RegExp(`^${escape(name)}, `), true, epochNow() - 10_000, `${name} removed`, { alreadyHold: true }).catch(() => undefined);
  }

  private async step(
    kind: PageChangeKind,
    action: string,
    act: () => Promise<unknown>,
    id: () => string,
    wanted: { pattern: RegExp; absent?: boolean },
    ready?: () => Promise<void>,
  ): Promise<void> {
    await sleep(this.options.spacingMs ?? 300);
    await ready?.();
    const sent = epochNow();
    await act();
    const returned = epochNow();
    const shown = await this.showing(wanted.pattern, !!wanted.absent, sent, `${kind} of ${id().slice(0, 12)}`);
    const event = await this.events.when(id(), action, sent);
    const listed = epochNow();
    await this.options.docker.listContainers({ all: true, filters: { id: [id()] } });
    const engineList = epochNow() - listed;
    this.samples.push({
      kind,
      api: returned - sent,
      pageAfterApi: shown - returned,
      pageAfterEvent: shown - event,
      eventAfterApi: event - returned,
      engineList,
      id: id(),
      action,
      eventAt: event,
      sentAt: sent,
      shownAt: shown,
    });
  }

  /** When (this host's clock) the page first showed a row matching `pattern` (or none, `absent`) at or after `after`. */
  private async showing(pattern: RegExp, absent: boolean, after: number, what: string, may = { alreadyHold: false }): Promise<number> {
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const answer = await ui.rowsWhen({ pattern: pattern.source, absent, after: after + this.offset, timeoutMs });
    if (answer.error) {
      throw new Error(answer.error);
    }
    if (answer.already && !may.alreadyHold) {
      throw new Error(`${what}: the page showed it before the change (${answer.label ?? 'no such row'}): nothing to time`);
    }
    if (answer.timedOut || answer.at === undefined) {
      throw new Error(`${what} did not reach the page within ${timeoutMs} ms; matching rows shown last: ${JSON.stringify(answer.last)}`);
    }
    return answer.at - this.offset;
  }
}
