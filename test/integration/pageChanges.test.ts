import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { composeProjectLabel } from '../../src/docker/models';
import { activateExtension } from './support/extension';
import { PageChanges, pageChangeKinds } from './support/pageChanges';
import { cleanupRun, createContainer, runId, runLabel, testDocker, testImage, uniqueName } from './support/testEngine';
import { ui } from './support/uiBridge';

/** Generous: this asserts that every change reaches the page, never how fast (the numbers are written out). */
const pageTimeoutMs = 10_000;

/** The aria-label of a container's row on the page ("name, state, status, image"). */
async function rowLabel(name: string): Promise<string | undefined> {
  const labels = await ui.attributes(`.monaco-list-row[aria-label^="${name}, "]`, 'aria-label');
  return labels[0] ?? undefined;
}

/** Polls the page as fast as the UI bridge answers until `wanted` holds; the time from `since` until it did. */
async function untilOnPage(read: () => Promise<string | undefined>, wanted: RegExp, since: number, what: string): Promise<number> {
  let last: string | undefined;
  while (performance.now() - since < pageTimeoutMs) {
    last = await read();
    if (last !== undefined && wanted.test(last)) {
      return Math.round(performance.now() - since);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`${what} did not reach the page within ${pageTimeoutMs} ms; the row read: ${last}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// The smoke version of issue 12's page measurement: each kind of change, from the API call returning
// to the row on the page (the DOM a user sees) showing it.
describe('container changes on the page', function () {
  this.timeout(180_000);
  const docker = testDocker();
  const measured: Record<string, number[]> = {};

  after(async () => {
    const summary = Object.fromEntries(Object.entries(measured).map(([kind, ms]) => [kind, { ms, median: median(ms) }]));
    console.log(`page changes (ms from the API call returning to the row on the page): ${JSON.stringify(summary)}`);
    const out = path.resolve(__dirname, '../../../test-output');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'page-changes.json'), JSON.stringify(summary, null, 2));
    await cleanupRun(docker);
  });

  it('shows every start, stop, kill, pause, unpause and restart on the row', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    await vscode.commands.executeCommand('dockerExplorer.containers.focus');
    await api.store.whenIdle();
    const name = uniqueName('page');
    const container = await createContainer(docker, name);
    await untilOnPage(() => rowLabel(name), /, created, /, performance.now(), `${name} created`);

    let startedAt = 0;
    const step = async (kind: string, act: () => Promise<unknown>, wanted: RegExp) => {
      // VS Code holds a tree change fired within 200 ms of the previous one: measure each change alone,
      // as a user who clicks Stop a moment after the start showed would see it.
      await new Promise((r) => setTimeout(r, 300));
      await act();
      const returned = performance.now();
      if (kind === 'start' || kind === 'restart') {
        startedAt = returned;
      }
      (measured[kind] ??= []).push(await untilOnPage(() => rowLabel(name), wanted, returned, `${kind} of ${name}`));
    };
    const running = new RegExp(`^${name}, running, Up `);
    const exited = new RegExp(`^${name}, exited, Exited `);
    for (let round = 0; round < 3; round++) {
      await step('start', () => container.start(), running);
      await step('stop -t 0', () => container.stop({ t: 0 }), exited);
      await step('start', () => container.start(), running);
      await step('stop (SIGTERM)', () => container.stop(), exited);
      await step('start', () => container.start(), running);
      await step('kill', () => container.kill(), exited);
      await step('start', () => container.start(), running);
      await step('pause', () => container.pause(), new RegExp(`^${name}, paused, Up .*\\(Paused\\)`));
      await step('unpause', () => container.unpause(), new RegExp(`^${name}, running, Up (?!.*Paused)`));
      // A restart shows as "Up Less than a second" again: be sure the row said more than that before.
      await new Promise((r) => setTimeout(r, Math.max(0, startedAt + 1_500 - performance.now())));
      await untilOnPage(() => rowLabel(name), new RegExp(`^${name}, running, Up (?!Less than a second)`), performance.now(), `${name} up a second`).catch(
        () => undefined, // the status only changes with an event: it may still say less than a second
      );
      await step('restart', () => container.restart({ t: 0 }), new RegExp(`^${name}, running, Up Less than a second`));
      await step('stop -t 0', () => container.stop({ t: 0 }), exited);
    }
    assert.deepEqual(Object.keys(measured).sort(), ['kill', 'pause', 'restart', 'start', 'stop (SIGTERM)', 'stop -t 0', 'unpause']);
  });

  it("updates a compose project's running count when a member starts or stops", async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('dockerExplorer.containers.focus');
    const project = uniqueName('project');
    const memberName = uniqueName('member');
    const member = await createContainer(docker, memberName, { Labels: { [runLabel]: runId, [composeProjectLabel]: project } });
    await createContainer(docker, uniqueName('member'), { Labels: { [runLabel]: runId, [composeProjectLabel]: project } });
    await api.store.whenIdle();
    const groupText = async () => {
      const labels = await ui.attributes(`.monaco-list-row[aria-label^="${project}"]`, 'aria-label');
      return labels[0] ?? undefined;
    };
    const settle = () => new Promise((r) => setTimeout(r, 300)); // as above: each change alone
    await untilOnPage(groupText, /0 running of 2/, performance.now(), `${project} listed`);
    await settle();
    await member.start();
    (measured['group count, start'] ??= []).push(await untilOnPage(groupText, /1 running of 2/, performance.now(), `${project} counting the start`));
    // The member's row is fetched again with its group: it shows the start too.
    await untilOnPage(() => rowLabel(memberName), /, running, Up /, performance.now(), `${memberName} running`);
    await settle();
    await member.stop({ t: 0 });
    (measured['group count, stop'] ??= []).push(await untilOnPage(groupText, /0 running of 2/, performance.now(), `${project} counting the stop`));
    await untilOnPage(() => rowLabel(memberName), /, exited, Exited /, performance.now(), `${memberName} exited`);
  });

  it('shows a create, a rename, a removal and a container that exits by itself on the page, as every other change', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('dockerExplorer.containers.focus');
    await api.store.whenIdle();
    // The bench's cycle (bench/vscode/changes.ts), once: each step throws when its change never reaches the page.
    const page = await PageChanges.open({ docker, image: testImage, labels: { [runLabel]: runId } });
    try {
      await page.cycle(uniqueName('cycle'));
    } finally {
      page.close();
    }
    for (const sample of page.samples) {
      (measured[`cycle: ${sample.kind}`] ??= []).push(Math.round(sample.pageAfterApi ?? sample.pageAfterEvent));
    }
    assert.deepEqual([...new Set(page.samples.map((s) => s.kind))].sort(), [...pageChangeKinds].sort());
  });
});
