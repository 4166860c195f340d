// DX_BENCH_MODE=scroll: a compose project of DX_BENCH_PROJECT_SIZE containers (DX_BENCH_PROJECT), among
// DX_BENCH_CONTAINERS in all, collapsed and expanded again by a click on its row, then scrolled to its end
// through the page as a user does it: Page Down, a click on each page row ("Containers 501–1,000") as it
// shows, Page Down through its rows, until the project's last row shows.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { epochNow, ui, waitFor } from '../../test/integration/support/uiBridge';
import { openContainersView } from './openView';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The event loop's delay over one step, and what the provider was asked meanwhile. */
interface Step {
  what: string;
  /** From the input (click or key) to the page showing what it asked for, epoch ms difference. */
  ms: number;
  loopMaxMs: number;
  loopP99Ms: number;
  /** getTreeItem calls VS Code made during the step: rows it fetched again. */
  treeItems: number;
  getChildren: number;
  /** Time spent in our getChildren and getTreeItem during the step. */
  oursMs: number;
}

export async function scroll(count: (name: string) => number): Promise<object> {
  const containers = count('DX_BENCH_CONTAINERS');
  const projectSize = count('DX_BENCH_PROJECT_SIZE');
  const project = process.env.DX_BENCH_PROJECT;
  if (!project) {
    throw new Error('DX_BENCH_PROJECT must name the compose project to scroll');
  }
  const api = await openContainersView(containers);
  await new Promise((r) => setTimeout(r, 2000)); // VS Code takes the rows of the fill's last refreshes
  const provider = api.views.containers;
  const group = provider.projectNode(project);
  if (!group) {
    throw new Error(`no project row ${project}`);
  }

  // Count what VS Code asks of the provider (the tree view calls these on the provider object).
  const calls = { treeItems: 0, getChildren: 0, oursMs: 0 };
  const getTreeItem = provider.getTreeItem.bind(provider);
  const getChildren = provider.getChildren.bind(provider);
  const rowsOf = getChildren; // the payload's own look-ups, not counted
  const timed = <T>(fn: () => T): T => {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      calls.oursMs += performance.now() - t0;
    }
  };
  provider.getTreeItem = (node) => (calls.treeItems++, timed(() => getTreeItem(node)));
  provider.getChildren = async (node) => {
    calls.getChildren++;
    const t0 = performance.now();
    const rows = await getChildren(node);
    calls.oursMs += performance.now() - t0;
    return rows;
  };

  const steps: Step[] = [];
  const whole = monitorEventLoopDelay({ resolution: 5 });
  whole.enable();
  const startedAt = epochNow();
  /** Runs `input`, then waits until the page's row log shows `pattern` (or, absent, none matches). */
  const step = async (what: string, input: () => PromiseLike<unknown>, pattern: string | (() => Promise<string>), absent = false): Promise<Step> => {
    const loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 5 });
    const before = { ...calls };
    loop.enable();
    const after = epochNow();
    await input();
    const re = typeof pattern === 'string' ? pattern : await pattern();
    const seen = await ui.rowsWhen({ pattern: re, absent, after, timeoutMs: 60_000 });
    loop.disable();
    if (seen.at === undefined) {
      await ui.screenshot('scroll-failed');
      throw new Error(`${what}: the page never showed /${re}/${absent ? ' gone' : ''} (${JSON.stringify(seen).slice(0, 300)})`);
    }
    const s: Step = {
      what,
      ms: seen.at - after,
      loopMaxMs: loop.max / 1e6,
      loopP99Ms: loop.percentile(99) / 1e6,
      treeItems: calls.treeItems - before.treeItems,
      getChildren: calls.getChildren - before.getChildren,
      oursMs: calls.oursMs - before.oursMs,
    };
    steps.push(s);
    return s;
  };

  // The other views' sections collapsed, as a user who wants a long list on screen does: the Containers section takes the sidebar.
  const pane = '.pane:has(> .pane-header[aria-label*="Containers"])';
  for (const other of ['Images', 'Volumes', 'Networks', 'Registries']) {
    const header = `.pane-header[aria-label*="${other}"]`;
    if ((await ui.attributes(header, 'aria-expanded'))[0] === 'true') {
      await ui.click(header);
    }
  }
  await ui.recordRows();
  const projectRow = `${pane} .monaco-list-row[aria-level="1"][aria-label^="${project}"]`;
  const firstRows = async () => rowsOf(group).then((rows) => `^${escape((rows[0] as { model: { name: string } }).model.name)}, `);
  // The project row starts expanded (groups do): collapse it, then expand it as a user's click does.
  await waitFor(async () => (await ui.attributes(projectRow, 'aria-expanded'))[0] === 'true', `the ${project} row on the page, expanded`, 60_000);
  await step('collapse the project', () => ui.click(projectRow), firstRows, true);
  await step('expand the project (click) -> its first rows', () => ui.click(projectRow), firstRows);

  // Down the project as a user does it from the keyboard: Page Down (the first press after a click only moves
  // the focus to the screen's last row, each one after that scrolls a screen), and a click on each of the
  // project's page rows as it shows (collapsed), until its last row is on the page. Rows under the project are
  // level 2; a page row's are level 3.
  const member = `${pane} .monaco-list-row:is([aria-level="2"], [aria-level="3"])`;
  const nameOf = (label: string | null) => (label ?? '').split(', ')[0];
  const pageDown = () => vscode.commands.executeCommand('list.focusPageDown');
  type Row = Awaited<ReturnType<typeof rowsOf>>[number];
  const labelOf = (row: Row) => (row.kind === 'container' ? row.model.name : (row.getTreeItem().accessibilityInformation?.label ?? ''));
  const expanded = new Set<Row>();
  /** The project's rows in the order the page shows them: its own rows, each page row, and an expanded page's rows under it. */
  const inOrder = async () => {
    const out: Row[] = [];
    for (const row of await rowsOf(group)) {
      out.push(row);
      if (expanded.has(row)) out.push(...(await rowsOf(row)));
    }
    return out;
  };
  let clicks = 0;
  await pageDown();
  for (let turn = 0; ; turn++) {
    const rows = await inOrder();
    const index = new Map(rows.map((r, i) => [labelOf(r), i]));
    const labels = await ui.attributes(member, 'aria-label');
    const last = rows.at(-1)!;
    if (last.kind === 'container' && labels.some((l) => nameOf(l) === last.model.name)) {
      break;
    }
    const page = rows.find((r) => r.kind === 'page' && !expanded.has(r) && labels.includes(labelOf(r)));
    if (page) {
      const label = labelOf(page);
      const [first] = await rowsOf(page);
      // Wholly in view first (a row cut off at the pane's edge cannot be clicked): the user's scroll, not timed.
      await api.treeViews.containers.reveal(page, { select: false, focus: false });
      await step(`click a page row -> its first row on the page (${label})`, () => ui.click(`${member}[aria-label="${label}"]`), `^${escape(labelOf(first))}, `);
      expanded.add(page);
      if (++clicks > 40) {
        throw new Error(`still not at the end of ${projectSize} after ${clicks} page rows`);
      }
      await pageDown(); // the focus, on the clicked row, to the screen's last row
      continue;
    }
    const visible = labels.map((l) => index.get(nameOf(l))).filter((i): i is number => i !== undefined);
    const top = Math.min(...visible);
    if (turn > 2000) {
      throw new Error(`scrolling stuck at row ${top} of ${rows.length} (${labels.length} rows on the page)`);
    }
    const topLabel = labels.find((l) => index.get(nameOf(l)) === top) ?? '';
    await step(`Page Down (top row ${top})`, pageDown, `^${escape(nameOf(topLabel))}(, |$)`, true);
  }
  const toLastRow = epochNow() - startedAt;
  await ui.screenshot('scroll-project-end');
  whole.disable();
  return {
    pid: process.pid,
    containers: api.store.containers.size,
    projectShown: (await inOrder()).filter((r) => r.kind === 'container').length,
    clicks,
    toLastRowMs: toLastRow,
    eventLoop: { maxMs: whole.max / 1e6, p99Ms: whole.percentile(99) / 1e6 },
    steps,
  };
}
