// Where a change's time goes on its way to the page (issue 12): timestamps along the path in this
// extension host, from the event's arrival to VS Code asking for the row, laid beside the page's own
// DOM log. Instance methods are wrapped from outside, so the extension runs its own code unchanged.
import { PerformanceObserver } from 'node:perf_hooks';
import type { DockerExplorerApi } from '../../src/extension';
import type { PageChangeSample } from '../../test/integration/support/pageChanges';
import { epochNow } from '../../test/integration/support/uiBridge';

type Mark =
  | { at: number; stage: 'event'; id: string; action: string }
  | { at: number; stage: 'list'; ids: string[]; end: number }
  | { at: number; stage: 'emit'; ids: string[]; full: boolean; end: number }
  | { at: number; stage: 'fire'; node: string }
  | { at: number; stage: 'paced'; nodes: string[] }
  | { at: number; stage: 'children'; node: string; rows: number; end: number }
  | { at: number; stage: 'item'; node: string }
  | { at: number; stage: 'gc'; end: number };

/** A node as the trace names it: `root`, a container's id, or a group's id. */
function nodeName(node: unknown): string {
  if (node === undefined || node === null) {
    return 'root';
  }
  const n = node as { model?: { id?: string }; id?: string };
  return n.model?.id ?? n.id ?? '?';
}

function wrap<T extends object>(target: T, key: string, around: (original: (...args: unknown[]) => unknown, args: unknown[]) => unknown): void {
  const holder = target as Record<string, unknown>;
  const original = (holder[key] as (...args: unknown[]) => unknown).bind(target);
  holder[key] = (...args: unknown[]) => around(original, args);
}

export class StageTrace {
  private readonly marks: Mark[] = [];
  private readonly gc: PerformanceObserver;

  constructor(api: DockerExplorerApi) {
    const add = (mark: Mark) => this.marks.push(mark);
    wrap(api.store, 'onEvent', (original, [event]) => {
      const e = event as { type: string; id: string; action: string };
      if (e.type === 'container') {
        add({ at: epochNow(), stage: 'event', id: e.id, action: e.action });
      }
      return original(event);
    });
    wrap(api.service, 'listContainers', async (original, [ids]) => {
      const at = epochNow();
      const result = await (original(ids) as Promise<unknown>);
      add({ at, stage: 'list', ids: (ids as string[] | undefined) ?? ['*'], end: epochNow() });
      return result;
    });
    // The store's emitter, wrapped: how long every listener (all four views, the badge) takes with each change.
    const changes = (api.store as unknown as { changes: { fire(change: unknown): void } }).changes;
    wrap(changes, 'fire', (original, [change]) => {
      const c = change as { kind: string; updated: string[]; removed: string[]; full: boolean };
      const at = epochNow();
      original(change);
      if (c.kind === 'containers') {
        add({ at, stage: 'emit', ids: [...c.updated, ...c.removed], full: c.full, end: epochNow() });
      }
    });
    const provider = api.views.containers as unknown as { changed: { fire(node: unknown): void } };
    wrap(provider.changed, 'fire', (original, [node]) => {
      add({ at: epochNow(), stage: 'fire', node: nodeName(node) });
      return original(node);
    });
    api.pacedViews.containers.onDidChangeTreeData?.((change) =>
      add({ at: epochNow(), stage: 'paced', nodes: (Array.isArray(change) ? change : [change]).map(nodeName) }),
    );
    wrap(api.views.containers, 'getChildren', async (original, [node]) => {
      const at = epochNow();
      const rows = await (original(node) as Promise<unknown[]>);
      add({ at, stage: 'children', node: nodeName(node), rows: rows.length, end: epochNow() });
      return rows;
    });
    wrap(api.views.containers, 'getTreeItem', (original, [node]) => {
      add({ at: epochNow(), stage: 'item', node: nodeName(node) });
      return original(node);
    });
    this.gc = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const at = performance.timeOrigin + entry.startTime;
        add({ at, stage: 'gc', end: at + entry.duration });
      }
    });
    this.gc.observe({ entryTypes: ['gc'] });
  }

  dispose(): void {
    this.gc.disconnect();
  }

  /**
   * One sample's way, in ms from its event (the first one for the container after the call was sent):
   * store change, provider change, paced change, VS Code asking (a row or the root), the page.
   */
  stages(sample: PageChangeSample): Record<string, number | string> | undefined {
    const { id, sentAt, shownAt } = sample;
    if (!id || sentAt === undefined || shownAt === undefined) {
      return undefined;
    }
    const within = this.marks.filter((m) => m.at >= sentAt && m.at <= shownAt);
    const events = within.filter((m): m is Extract<Mark, { stage: 'event' }> => m.stage === 'event' && m.id === id);
    if (events.length === 0) {
      return undefined;
    }
    const t0 = events[0].at;
    const since = (m: Mark | undefined) => (m ? +(m.at - t0).toFixed(1) : -1);
    const last = <S extends Mark['stage']>(stage: S, match: (m: Extract<Mark, { stage: S }>) => boolean) =>
      within.filter((m): m is Extract<Mark, { stage: S }> => m.stage === stage && match(m as Extract<Mark, { stage: S }>)).at(-1);
    // The first store change that names it (a guess from the event, or the list's answer).
    const emit = within.find((m): m is Extract<Mark, { stage: 'emit' }> => m.stage === 'emit' && m.at >= t0 && (m.full || m.ids.includes(id)));
    const fire = last('fire', (m) => m.node === id || m.node === 'root' || m.node.startsWith('group:'));
    const paced = last('paced', (m) => m.nodes.includes(id) || m.nodes.includes('root') || m.nodes.some((n) => n.startsWith('group:')));
    const asked = within.find((m) => paced && m.at >= paced.at && ((m.stage === 'item' && m.node === id) || (m.stage === 'children' && m.node === 'root')));
    const rootFetch = within.filter((m): m is Extract<Mark, { stage: 'children' }> => m.stage === 'children' && m.node === 'root').at(-1);
    const lists = within.filter((m): m is Extract<Mark, { stage: 'list' }> => m.stage === 'list' && (m.ids.includes(id) || m.ids[0] === '*'));
    const items = within.filter((m) => m.stage === 'item');
    const gcs = within.filter((m): m is Extract<Mark, { stage: 'gc' }> => m.stage === 'gc');
    // What the view sent in the 400 ms before the event: a paced fire there is what VS Code's debounce (and our pacer) holds this one behind.
    const short = (n: string) => (/^[0-9a-f]{64}$/.test(n) ? n.slice(0, 12) : n);
    const prior = this.marks
      .filter((m) => m.at >= t0 - 400 && m.at < t0)
      .flatMap((m) => {
        const at = `@${(m.at - t0).toFixed(0)}`;
        if (m.stage === 'fire') return [`fire:${short(m.node)}${at}`];
        if (m.stage === 'paced') return [`paced:${m.nodes.map(short).join('+')}${at}`];
        if (m.stage === 'emit') return [`emit:${m.ids.map(short).join('+')}${at}`];
        if (m.stage === 'event') return [`${m.action}:${short(m.id)}${at}`];
        return [];
      });
    return {
      events: events.map((e) => `${e.action}@${(e.at - t0).toFixed(0)}`).join(' '),
      emit: since(emit),
      fire: since(fire),
      paced: since(paced),
      asked: since(asked),
      page: +(shownAt - t0).toFixed(1),
      lists: lists.length,
      listMs: +lists.reduce((sum, l) => sum + (l.end - l.at), 0).toFixed(1),
      emits: within.filter((m) => m.stage === 'emit' && (m.full || m.ids.includes(id))).length,
      fires: within.filter((m) => m.stage === 'fire' && (m.node === id || m.node === 'root')).length,
      rootRows: rootFetch?.rows ?? 0,
      rootMs: rootFetch ? +(rootFetch.end - rootFetch.at).toFixed(1) : 0,
      emitMs: emit ? +(emit.end - emit.at).toFixed(1) : -1,
      items: items.length,
      itemSpan: items.length > 1 ? +(items.at(-1)!.at - items[0].at).toFixed(1) : 0,
      gcMs: +gcs.reduce((sum, g) => sum + (g.end - g.at), 0).toFixed(1),
      prior: prior.join(' '),
    };
  }
}
