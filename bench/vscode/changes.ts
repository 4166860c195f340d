// DX_BENCH_MODE=changes: every kind of container change timed to the row on the page
// (test/integration/support/pageChanges.ts), with DX_BENCH_CONTAINERS others listed around it.
import Docker from 'dockerode';
import * as http from 'node:http';
import type { DockerExplorerApi } from '../../src/extension';
import { PageChanges, type PageChangeSample } from '../../test/integration/support/pageChanges';
import { epochNow } from '../../test/integration/support/uiBridge';
import { StageTrace } from './stageTrace';
import { openContainersView } from './openView';

export async function changes(count: (name: string) => number): Promise<object> {
  const containers = count('DX_BENCH_CONTAINERS');
  const cycles = count('DX_BENCH_PAGE_CYCLES');
  const image = process.env.DX_BENCH_IMAGE;
  const host = process.env.DOCKER_HOST ?? '';
  if (!image || !host.startsWith('unix://')) {
    throw new Error('DX_BENCH_IMAGE and a unix DOCKER_HOST must be set: run this through `npm run bench`');
  }
  const api = await openContainersView(containers, 120_000);
  const docker = new Docker({ socketPath: host.slice('unix://'.length) });
  // The floor: a raw reader of GET /events in a process of its own (bench/rawEvents.mjs), and this host's own arrivals beside it.
  const raw = process.env.DX_BENCH_RAW_EVENTS;
  const rawClock = raw ? await clockCheck(raw) : undefined;
  const arrivals = extensionArrivals(api);
  // When the containers view last sent VS Code a change (after our pacer): the quiet create waits for 250 ms of none.
  let lastSent = 0;
  const sent = api.pacedViews.containers.onDidChangeTreeData?.(() => (lastSent = epochNow()));
  const page = await PageChanges.open({
    docker,
    image,
    labels: { 'dx.bench': '1', 'dx.bench.set': 'page' },
    timeoutMs: 30_000,
    lastSentToView: () => lastSent,
  });
  const fullListsBefore = { ...api.store.fullLists };
  // DX_BENCH_PAGE_TRACE=1: each sample also says where its time went (bench/vscode/stageTrace.ts).
  const trace = process.env.DX_BENCH_PAGE_TRACE === '1' ? new StageTrace(api) : undefined;
  try {
    for (let i = 0; i < cycles; i++) {
      await page.cycle(`bench-page-${i}`);
    }
  } finally {
    page.close();
    sent?.dispose();
    trace?.dispose();
  }
  const rawEvents = raw ? await getJson<RawEvent[]>(`${raw}/events`) : [];
  const samples = (trace ? page.samples.map((s) => ({ ...s, stages: trace.stages(s) })) : page.samples).map((s) => ({ ...s, ...floorOf(s, rawEvents, arrivals.seen) }));
  arrivals.dispose();
  return {
    pid: process.pid,
    containers: api.store.containers.size,
    clock: page.clockOffset,
    rawClock,
    fullLists: Object.fromEntries(Object.entries(api.store.fullLists).map(([k, v]) => [k, v - fullListsBefore[k as keyof typeof fullListsBefore]])),
    samples,
  };
}

type RawEvent = { id: string; action: string; at: number };

function getJson<T>(url: string): Promise<T> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body) as T) : reject(new Error(`${url}: ${res.statusCode}`))));
      })
      .on('error', reject);
  });
}

/** The raw reader's clock minus this host's, over the quickest of five round trips (reported, not applied). */
async function clockCheck(raw: string): Promise<{ offsetMs: number; roundTripMs: number }> {
  let best = { offsetMs: 0, roundTripMs: Infinity };
  for (let i = 0; i < 5; i++) {
    const sent = epochNow();
    const { now } = await getJson<{ now: number }>(`${raw}/now`);
    const back = epochNow();
    if (back - sent < best.roundTripMs) best = { offsetMs: now - (sent + back) / 2, roundTripMs: back - sent };
  }
  return best;
}

/** When the extension's own events stream handed each container event to the store, in this host's clock. */
function extensionArrivals(api: DockerExplorerApi): { seen: RawEvent[]; dispose(): void } {
  const store = api.store as unknown as { onEvent(event: unknown): void };
  const original = store.onEvent;
  const seen: RawEvent[] = [];
  store.onEvent = function (this: unknown, event: unknown) {
    const e = event as { type: string; id: string; action: string };
    if (e.type === 'container') seen.push({ id: e.id, action: e.action, at: epochNow() });
    return original.call(this, event);
  };
  return { seen, dispose: () => (store.onEvent = original) };
}

/**
 * A sample's floor: the event's first arrival we know of, the earlier of the raw reader's (`rawAt`) and the
 * extension's own stream (`extAt`): each is a reader of the same engine stream, so a later one only waited for a
 * core. This host's second stream (`eventAt`, the old column's origin) is kept beside them. Events from 20 ms before
 * the call was sent: the same action's previous event for this container came at least 300 ms earlier.
 */
function floorOf(s: PageChangeSample, raw: RawEvent[], ext: RawEvent[]): Record<string, number> {
  if (!s.id || !s.action || s.sentAt === undefined || s.shownAt === undefined) return {};
  const from = s.kind === 'self-exit' ? (s.eventAt ?? s.sentAt) - 1000 : s.sentAt - 20;
  const first = (list: RawEvent[]) => list.find((e) => e.id === s.id && e.action === s.action && e.at >= from)?.at;
  const rawAt = first(raw);
  const extAt = first(ext);
  const out: Record<string, number> = {};
  if (rawAt !== undefined) out.rawAt = rawAt;
  if (extAt !== undefined) out.extAt = extAt;
  if (rawAt !== undefined && extAt !== undefined) out.extAfterRaw = extAt - rawAt;
  if (extAt !== undefined && s.eventAt !== undefined) out.secondAfterExt = s.eventAt - extAt;
  const floorAt = Math.min(rawAt ?? Infinity, extAt ?? Infinity);
  if (floorAt === Infinity) return out;
  out.floorAt = floorAt;
  out.pageAfterRaw = s.shownAt - floorAt;
  if (s.api !== undefined) {
    out.rawAfterApi = floorAt - (s.sentAt + s.api);
    out.sentToRaw = floorAt - s.sentAt;
    out.sentToPage = s.shownAt - s.sentAt;
  }
  return out;
}
