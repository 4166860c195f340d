// 8. Scrolling a big compose project in a real VS Code (issue 12, item 3): BENCH_SCROLL_PROJECT containers
// in one project (label com.docker.compose.project), BENCH_SCROLL_AT in the engine in all, expanded and
// scrolled to the end through the page. The payload is bench/vscode/scroll.ts.
import { api, fmt, now, pool, stats } from './lib.mjs';
import { fillContainers } from './fill.mjs';
import { productionBundleForVSCode } from './inVSCode.mjs';
import { wants } from './only.mjs';
import { runPayload } from './vscode.mjs';

export const scrollProject = 'dx-bench-scroll';

/** `count` containers of the compose project the scroll row expands (set `scroll`), never started. */
export async function fillScrollProject(b, count) {
  const { engine, socketPath, LABEL, SET, log, q, filters } = b;
  const have = (await api(socketPath, 'GET', `/containers/json?all=1&filters=${filters({ label: [`${SET}=scroll`] })}`)).length;
  if (have >= count) return;
  const t0 = now();
  await pool(count - have, 16, (i) =>
    api(socketPath, 'POST', `/containers/create?${q({ name: `bench-scroll-${have + i}` })}`, {
      Image: engine.testImage,
      Cmd: ['sleep', '3600'],
      Labels: { [LABEL]: '1', [SET]: 'scroll', 'com.docker.compose.project': scrollProject },
      HostConfig: { Init: true },
    }),
  );
  log(`created ${count - have} containers of compose project ${scrollProject} in ${fmt(now() - t0)} ms`);
}

/** Containers in the engine in all, and the bench's list set topped up so there are at least `total`. */
export async function fillTo(b, total) {
  const { socketPath, SET, filters } = b;
  const all = (await api(socketPath, 'GET', '/containers/json?all=1')).length;
  if (all >= total) return all;
  const list = (await api(socketPath, 'GET', `/containers/json?all=1&filters=${filters({ label: [`${SET}=list`] })}`)).length;
  await fillContainers(b, 'list', list + total - all);
  return total;
}

export async function measureScroll(b) {
  const { config, engine, log, results, vscodeRows, root } = b;
  await fillScrollProject(b, config.scrollProject);
  // The burst's containers first (never started: the stopped ones it removes), so it finds the engine at 10,000 too.
  if (wants('burst-vscode')) await fillContainers(b, 'burst', config.vscodeBurst);
  const total = await fillTo(b, config.scrollAt);
  log(`scrolling a project of ${config.scrollProject} among ${total} containers in VS Code, ${productionBundleForVSCode(b)} bundle`);
  const bench = await runPayload({
    root,
    engine,
    log,
    mode: 'scroll',
    label: `scroll-${total}`,
    timeoutMs: 20 * 60_000,
    env: { DX_BENCH_CONTAINERS: String(total), DX_BENCH_PROJECT: scrollProject, DX_BENCH_PROJECT_SIZE: String(config.scrollProject) },
  });
  for (const s of bench.steps)
    log(`  ${s.what}: ${fmt(s.ms)} ms, loop max ${fmt(s.loopMaxMs)} ms, ${s.treeItems} tree items, ${s.getChildren} getChildren, ours ${fmt(s.oursMs)} ms`);
  results.vscode.scroll = { total, project: config.scrollProject, ...bench };
  const at = `scroll ${config.scrollProject} of ${total}`;
  const of = (prefix) => bench.steps.filter((s) => s.what.startsWith(prefix));
  const clicks = of('click a page row');
  const pageDowns = of('Page Down');
  const pageSteps = bench.steps.filter((s) => !s.what.startsWith('collapse'));
  const onPage = pageSteps.reduce((sum, s) => sum + s.ms, 0);
  const row = (method, steps, note) => {
    const s = stats(steps.map((x) => x.ms));
    return [at, method, s.n, fmt(s.median), `${fmt(s.min)}..${fmt(s.max)}`, `p95 ${fmt(s.p95)}; ${note}`];
  };
  const loop = (steps) => `loop max ${fmt(Math.max(...steps.map((s) => s.loopMaxMs)))} ms`;
  const items = (steps) => `${steps.map((s) => s.treeItems).join(',')} tree items, ours ${steps.map((s) => fmt(s.oursMs)).join(',')} ms`;
  vscodeRows.push(
    row('expand the project (click) -> its first rows on the page', of('expand'), `${loop(of('expand'))}; ${items(of('expand'))}`),
    ...(pageDowns.length === 0
      ? []
      : [row('Page Down -> the next screen of rows on the page', pageDowns, `${loop(pageDowns)}; ${stats(pageDowns.map((s) => s.treeItems)).max} tree items at most`)]),
    ...(clicks.length === 0 ? [] : [row('click a page row -> its rows on the page', clicks, `${loop(clicks)}; ${items(clicks)}`)]),
    [
      at,
      'expand, Page Down, page rows ... -> the last row on the page',
      pageSteps.length,
      fmt(onPage),
      '',
      `sum of the steps; ${fmt(bench.toLastRowMs)} ms with the bench's own round trips; ${clicks.length} clicks, ${pageDowns.length} Page Downs`,
    ],
    [
      at,
      "extension host's event-loop delay, whole scroll",
      '',
      fmt(bench.eventLoop.maxMs),
      '',
      `max; p99 ${fmt(bench.eventLoop.p99Ms)} ms; target < 100 (issue 12, item 2's)`,
    ],
  );
}
