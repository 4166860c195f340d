import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { binarySize } from '../../src/docker/containerStats';
import type { DockerExplorerApi } from '../../src/extension';
import type { StatsTerminal } from '../../src/terminal/statsTerminal';
import { commandSuiteHooks, useScriptedUi } from './support/scriptedUi';
import { cleanupRun, createContainer, testDocker, uniqueName } from './support/testEngine';
import { waitFor } from './support/uiBridge';

/** The last table the terminal drew: its rows by container name, as cells. */
function lastTable(session: StatsTerminal): { rows: Map<string, string[]>; notes: string } {
  // eslint-disable-next-line no-control-regex -- the terminal's own colour codes
  const screen = (session.transcript.split('\x1b[H\x1b[2J').pop() ?? '').replace(/\x1b\[[0-9;]*m/g, '');
  const [table, notes = ''] = screen.split('\r\n\r\n');
  const rows = new Map<string, string[]>();
  for (const line of table.split('\r\n').slice(1)) {
    const cells = line.split(/ {3,}/);
    rows.set(cells[1], cells);
  }
  return { rows, notes };
}

describe('Stats: docker stats in a terminal', function () {
  this.timeout(90_000);
  const docker = testDocker();
  let api: DockerExplorerApi;
  let ui: ReturnType<typeof useScriptedUi>;
  commandSuiteHooks((a, u) => {
    api = a;
    ui = u;
  });
  after(() => cleanupRun(docker));

  async function running(name: string, cmd: string): Promise<void> {
    await (await createContainer(docker, name, { Cmd: ['sh', '-c', cmd] })).start();
    await waitFor(async () => [...api.store.containers.values()].find((c) => c.name === name && c.state === 'running'), `${name} running`);
  }

  it("shows each container's CPU and memory as the engine measures them, -- once one stops, and closes on q", async () => {
    const busy = uniqueName('busy');
    const idle = uniqueName('idle');
    await running(busy, 'while :; do :; done');
    await running(idle, 'exec sleep 3600');
    const session = (await vscode.commands.executeCommand('dockerExplorer.containers.stats', [busy, idle])) as StatsTerminal;
    assert.ok(session, 'it resolves to the session once the first table is drawn');
    // The first sample of a stream has no previous CPU reading: wait for one that has.
    const cpu = await waitFor(
      async () => {
        const value = Number.parseFloat(lastTable(session).rows.get(busy)?.[2] ?? '');
        return value > 20 ? value : undefined;
      },
      `${busy} using CPU`,
      20_000,
    );
    assert.ok(cpu <= 200, `at most every core of this 2-core machine (${cpu})`);
    const engine = (await docker.getContainer(idle).stats({ stream: false })) as unknown as { memory_stats: { limit: number } };
    const idleRow = lastTable(session).rows.get(idle)!;
    assert.equal(idleRow[3].split(' / ')[1], binarySize(engine.memory_stats.limit), 'the memory limit is the one the engine reports');
    assert.equal(idleRow[7], '2', 'init and sleep');

    await docker.getContainer(idle).stop({ t: 0 });
    await waitFor(async () => lastTable(session).rows.get(idle)?.[2] === '--' && lastTable(session).notes.includes(`Not running: ${idle}.`), `${idle} shown stopped`);

    const terminal = api.terminals.sessions.find((s) => s.session === session)!.terminal;
    const closed = new Promise<void>((resolve) => vscode.window.onDidCloseTerminal((t) => t === terminal && resolve()));
    terminal.sendText('q', false);
    await closed;
    assert.equal(session.exitCode, 0);
  });

  it('leaves a stopped container alone and opens nothing for it', async () => {
    const stopped = uniqueName('stopped');
    await createContainer(docker, stopped);
    await waitFor(async () => [...api.store.containers.values()].find((c) => c.name === stopped), `${stopped} in the store`);
    const before = api.terminals.sessions.length;
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.containers.stats', stopped), undefined);
    assert.match(ui.messages[0].message, new RegExp(stopped));
    assert.equal(api.terminals.sessions.length, before);
  });
});
