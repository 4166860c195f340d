// DX_BENCH_MODE=idle: every view of ours shown (Containers, Images, Volumes and Networks sections expanded)
// with DX_BENCH_CONTAINERS containers listed (or ours dormant, or not installed: DX_BENCH_IDLE_VARIANT), then
// nothing happens for DX_BENCH_IDLE_SECONDS. Measured in this
// extension host: CPU time, the timers that fire (ours told apart by where they were set), what the views
// fire, heap after forced GC at both ends. The bench counts the engine requests through its proxy.
import * as fs from 'node:fs';
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
async function profile<T>(run: () => Promise<T>, ours: (url: string) => boolean): Promise<{ result: T; selfMs: Record<string, number> }> {
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
  // VS Code's port finder (ExtHostTunnelService.findCandidatePorts: /proc read, stat, readlink per process, and an
  // `ls -l /proc/[0-9]*/fd/[0-9]*` through a shell every 2 s or more): its samples counted apart as well.
  const inPortScan = (id: number) => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      if (/findCandidatePorts|registerCandidateFinder/.test(byNode.get(at)!.callFrame.functionName)) return true;
    }
    return false;
  };
  const selfMs: Record<string, number> = {};
  p.samples.forEach((id, i) => {
    if (inPortScan(id)) selfMs['port scan (VS Code)'] = (selfMs['port scan (VS Code)'] ?? 0) + (p.timeDeltas[i + 1] ?? 0) / 1000;
    const frame = owner(id);
    const where = ours(frame.url)
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

/** The host's CPU time (user + system, every thread) over `ms`, in seconds per minute. */
async function cpuOver(ms: number, during: (wait: () => Promise<void>) => Promise<unknown> = (wait) => wait()) {
  const startedAt = epochNow();
  const before = process.cpuUsage();
  const childrenBefore = childrenCpuMs();
  await during(() => new Promise((r) => setTimeout(r, ms)));
  const cpu = process.cpuUsage(before);
  const childrenMs = childrenCpuMs() - childrenBefore;
  const endedAt = epochNow();
  const minutes = (endedAt - startedAt) / 60_000;
  return {
    startedAt,
    endedAt,
    userMs: cpu.user / 1000,
    systemMs: cpu.system / 1000,
    secondsPerMinute: (cpu.user + cpu.system) / 1e6 / minutes,
    childrenMs,
    childrenSecondsPerMinute: childrenMs / 1000 / minutes,
  };
}

/**
 * CPU of the processes this host started and reaped (cutime + cstime of /proc/self/stat, 10 ms ticks): VS Code's
 * port scan runs `ls -l /proc/[0-9]*\/fd/[0-9]* | grep socket:` through a shell, which process.cpuUsage never sees.
 */
function childrenCpuMs(): number {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  // After "pid (comm) ": state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

/**
 * DX_BENCH_IDLE_VARIANT: `shown` (every view of ours shown, the default), `dormant` (ours installed, never
 * activated, no view of ours shown) or `absent` (ours not installed: the development extension is a manifest
 * with no code). The window is measured without a profiler, then DX_BENCH_IDLE_PROFILE_SECONDS more with one.
 */
export async function idle(count: (name: string) => number): Promise<object> {
  const variant = process.env.DX_BENCH_IDLE_VARIANT ?? 'shown';
  if (!['shown', 'dormant', 'absent'].includes(variant)) {
    throw new Error(`DX_BENCH_IDLE_VARIANT must be shown, dormant or absent, got "${variant}"`);
  }
  const seconds = count('DX_BENCH_IDLE_SECONDS');
  const profileSeconds = process.env.DX_BENCH_IDLE_PROFILE_SECONDS === undefined ? 60 : count('DX_BENCH_IDLE_PROFILE_SECONDS');
  const extension = vscode.extensions.getExtension<DockerExplorerApi>(extensionId);
  // Our bundles by their folder: every extension's bundle may be a dist/extension.js (the built-in TypeScript one is).
  const ourDist = extension ? `${extension.extensionPath}/dist/` : undefined;
  const ours = (text: string) => ourDist !== undefined && text.includes(ourDist);
  const timers = countTimers(ours);
  if ((variant === 'absent') !== !extension) {
    throw new Error(variant === 'absent' ? `${extensionId} is installed in this host` : `${extensionId} is not installed in this host`);
  }
  const views = variant === 'shown' ? await showEveryView(count('DX_BENCH_CONTAINERS')) : undefined;
  if (!views) await new Promise((r) => setTimeout(r, 5000)); // the window's own start-up, as the shown variant waits for it
  if (variant !== 'shown' && extension?.isActive) throw new Error(`${extensionId} was activated in the ${variant} variant`);
  await ui.screenshot(`idle-${variant}`);

  const fires = { containers: 0, images: 0, volumes: 0, networks: 0 };
  const subscriptions = views ? (Object.keys(fires) as (keyof typeof fires)[]).map((view) => views.api.views[view].onDidChangeTreeData(() => fires[view]++)) : [];
  const heapBefore = memoryAfterGc();
  timers.counting = true;
  const cpu = await cpuOver(seconds * 1000);
  timers.counting = false;
  const timersFired = timers.fired;
  let selfMs: Record<string, number> = {};
  const profiled = profileSeconds
    ? await cpuOver(profileSeconds * 1000, async (wait) => {
        selfMs = (await profile(wait, ours)).selfMs;
      })
    : undefined;
  subscriptions.forEach((s) => s.dispose());
  const heapAfter = memoryAfterGc();
  if (variant !== 'shown' && extension?.isActive) throw new Error(`${extensionId} was activated during the ${variant} variant's window`);
  return {
    pid: process.pid,
    variant,
    containers: views?.api.store.containers.size,
    shown: views?.shown ?? [],
    processes: fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).length,
    window: { startedAt: cpu.startedAt, endedAt: cpu.endedAt },
    seconds: (cpu.endedAt - cpu.startedAt) / 1000,
    cpu,
    profiled: profiled && { seconds: (profiled.endedAt - profiled.startedAt) / 1000, ...profiled },
    timers: { fired: timersFired - 1, firedOurs: timers.firedOurs, ourStacks: Object.fromEntries(timers.ourStacks) },
    profileSelfMs: selfMs,
    fires,
    heap: { before: heapBefore, after: heapAfter },
  };
}

/** Every section of ours expanded, as a user with all of them open has it, with `containers` listed. */
async function showEveryView(containers: number): Promise<{ api: DockerExplorerApi; shown: string[] }> {
  const api = await vscode.extensions.getExtension<DockerExplorerApi>(extensionId)!.activate();
  await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
  await api.store.whenSettled();
  await waitFor(async () => api.store.containers.size >= containers, `the store to hold ${containers} containers`, 180_000);
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
  return { api, shown };
}
