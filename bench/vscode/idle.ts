// DX_BENCH_MODE=idle: every view of ours shown (Containers, Images, Volumes and Networks sections expanded)
// with DX_BENCH_CONTAINERS containers listed, then nothing happens for DX_BENCH_IDLE_SECONDS. Measured in this
// extension host: CPU time, the timers that fire (ours told apart by where they were set), what the views
// fire, heap after forced GC at both ends. The bench counts the engine requests through its proxy.
import * as inspector from 'node:inspector';
import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import { extensionId } from '../../test/integration/support/extension';
import { epochNow, ui, waitFor } from '../../test/integration/support/uiBridge';
import { memoryAfterGc } from '../../test/integration/support/viewCost';

/**
 * Timers set from now on, wrapped so that each firing is counted; ours are those set from our bundle. Installed
 * before the extension activates, so every timer it ever sets is seen (an interval set at activation too).
 */
function countTimers(ours: (stack: string) => boolean) {
  const counts = { fired: 0, firedOurs: 0, ourStacks: new Map<string, number>(), counting: false };
  const g = globalThis as unknown as Record<'setTimeout' | 'setInterval', (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => unknown>;
  const originals = { setTimeout: g.setTimeout, setInterval: g.setInterval };
  for (const name of ['setTimeout', 'setInterval'] as const) {
    const original = originals[name];
    g[name] = function (this: unknown, fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) {
      const stack = new Error().stack ?? '';
      const mine = ours(stack);
      const where = mine
        ? (stack
            .split('\n')
            .find((l) => ours(l))
            ?.trim() ?? '?')
        : '';
      const wrapped =
        typeof fn !== 'function'
          ? fn
          : (...a: unknown[]) => {
              if (counts.counting) {
                counts.fired++;
                if (mine) {
                  counts.firedOurs++;
                  counts.ourStacks.set(`${name} ${where}`, (counts.ourStacks.get(`${name} ${where}`) ?? 0) + 1);
                }
              }
              return fn(...a);
            };
      return original.call(this, wrapped, ms, ...args);
    };
  }
  return counts;
}

/** A CPU profile of this host over `run`: sampled time per script, ours told apart. */
async function profile<T>(run: () => Promise<T>): Promise<{ result: T; selfMs: Record<string, number> }> {
  const session = new inspector.Session();
  session.connect();
  const post = <R>(method: string, params?: object) =>
    new Promise<R>((resolve, reject) => session.post(method, params, (err, answer) => (err ? reject(err) : resolve(answer as R))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 2000 });
  await post('Profiler.start');
  const result = await run();
  const { profile: p } = await post<{
    profile: { nodes: { id: number; callFrame: { url: string; functionName: string }; children?: number[] }[]; samples: number[]; timeDeltas: number[] };
  }>('Profiler.stop');
  session.disconnect();
  const byNode = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  p.nodes.forEach((n) => n.children?.forEach((c) => parent.set(c, n.id)));
  // A native function's time (stat, spawn...) goes to the script that called it: the nearest frame of a script
  // that is not Node's own (node:internal/... runs on behalf of whoever called it).
  const owner = (id: number) => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byNode.get(at)!.callFrame;
      if (frame.url && !frame.url.startsWith('node:')) return frame;
    }
    return byNode.get(id)!.callFrame;
  };
  const selfMs: Record<string, number> = {};
  p.samples.forEach((id, i) => {
    const frame = owner(id);
    const where = frame.url.includes('/dist/extension.js')
      ? 'ours'
      : frame.url.includes('/extensions/')
        ? `extension ${frame.url.split('/extensions/')[1].split('/')[0]}`
        : frame.url.includes('/vs/')
          ? 'VS Code'
          : frame.url
            ? frame.url.replace(/^.*\//, 'script ')
            : frame.functionName || 'native';
    selfMs[where] = (selfMs[where] ?? 0) + (p.timeDeltas[i + 1] ?? 0) / 1000;
  });
  return { result, selfMs };
}

export async function idle(count: (name: string) => number): Promise<object> {
  const containers = count('DX_BENCH_CONTAINERS');
  const seconds = count('DX_BENCH_IDLE_SECONDS');
  const timers = countTimers((stack) => stack.includes('/dist/extension.js'));
  const extension = vscode.extensions.getExtension<DockerExplorerApi>(extensionId);
  const api = await extension!.activate();
  await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
  await api.store.whenSettled();
  await waitFor(async () => api.store.containers.size >= containers, `the store to hold ${containers} containers`, 180_000);
  // Every section of ours expanded, as a user with all of them open has it.
  const shown: string[] = [];
  for (const view of ['Containers', 'Images', 'Volumes', 'Networks']) {
    const header = `.pane-header[aria-label*="${view}"]`;
    await waitFor(async () => (await ui.attributes(header, 'aria-expanded')).length > 0, `the ${view} section`, 30_000);
    if ((await ui.attributes(header, 'aria-expanded'))[0] !== 'true') {
      await ui.click(header);
    }
    await waitFor(async () => (await ui.attributes(header, 'aria-expanded'))[0] === 'true', `the ${view} section expanded`, 30_000);
    shown.push(view);
  }
  await api.store.whenIdle();
  await api.networks.whenListed();
  await waitFor(
    async () => api.treeViews.containers.visible && api.treeViews.images.visible && api.treeViews.volumes.visible && api.treeViews.networks.visible,
    'every view visible',
    30_000,
  );
  await new Promise((r) => setTimeout(r, 5000)); // start-up's trailing work: VS Code fetching rows, tooltips
  await ui.screenshot('idle-views');

  const fires = { containers: 0, images: 0, volumes: 0, networks: 0 };
  const subscriptions = (Object.keys(fires) as (keyof typeof fires)[]).map((view) => api.views[view].onDidChangeTreeData(() => fires[view]++));
  const heapBefore = memoryAfterGc();
  const startedAt = epochNow();
  const cpuBefore = process.cpuUsage();
  timers.counting = true;
  const { selfMs } = await profile(() => new Promise((r) => setTimeout(r, seconds * 1000)));
  timers.counting = false;
  const cpu = process.cpuUsage(cpuBefore);
  const endedAt = epochNow();
  subscriptions.forEach((s) => s.dispose());
  const heapAfter = memoryAfterGc();
  const minutes = (endedAt - startedAt) / 60_000;
  return {
    pid: process.pid,
    containers: api.store.containers.size,
    shown,
    window: { startedAt, endedAt },
    seconds: (endedAt - startedAt) / 1000,
    cpu: { userMs: cpu.user / 1000, systemMs: cpu.system / 1000, secondsPerMinute: (cpu.user + cpu.system) / 1e6 / minutes },
    timers: { fired: timers.fired - 1, firedOurs: timers.firedOurs, ourStacks: Object.fromEntries(timers.ourStacks) },
    profileSelfMs: selfMs,
    fires,
    heap: { before: heapBefore, after: heapAfter },
  };
}
