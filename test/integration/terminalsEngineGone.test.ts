import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TerminalSession } from '../../src/terminal/session';
import { activateExtension } from './support/extension';
import { cleanupRun, createContainer, testDocker, uniqueName } from './support/testEngine';
import { waitFor } from './support/uiBridge';

const engineScript = path.resolve(__dirname, '../../../test/harness/engine.mjs');

function engine(verb: 'start' | 'stop'): void {
  execFileSync(process.execPath, [engineScript, verb], { stdio: 'pipe', timeout: 120_000 });
}

// Runs last (see index.ts): it stops and restarts the private engine.
describe('terminals when the engine goes away', function () {
  this.timeout(180_000);

  after(async () => {
    engine('start');
    await cleanupRun(testDocker());
  });

  it('a logs terminal prints a clear line and closes with a non-zero code; an exec terminal closes with a non-zero code', async () => {
    const api = await activateExtension();
    api.store.start();
    await api.store.whenSettled();
    const name = uniqueName('gone');
    await (await createContainer(testDocker(), name, { Cmd: ['sh', '-c', 'while true; do echo alive; sleep 0.2; done'] })).start();
    await waitFor(async () => [...api.store.containers.values()].some((c) => c.name === name && c.state === 'running'), `${name} running`);
    const logs = (await vscode.commands.executeCommand('dockerExplorer.containers.logs', name)) as TerminalSession;
    const exec = (await vscode.commands.executeCommand('dockerExplorer.containers.openShell', name)) as TerminalSession;
    await waitFor(async () => logs.transcript.includes('alive'), 'log lines');
    await waitFor(async () => exec.transcript.includes('/ # '), 'a prompt');
    const terminalOf = (s: TerminalSession) => api.terminals.sessions.find((e) => e.session === s)!.terminal;
    const execTerminal = terminalOf(exec);
    const execClosed = new Promise<number | undefined>((resolve) => {
      const sub = vscode.window.onDidCloseTerminal((t) => {
        if (t === execTerminal) {
          sub.dispose();
          resolve(t.exitStatus?.code);
        }
      });
    });

    engine('stop');
    await waitFor(async () => logs.transcript.includes('Cannot reach the Docker Engine'), 'the logs terminal saying the engine is gone', 20_000);
    const logsTerminal = terminalOf(logs);
    const logsClosed = new Promise<number | undefined>((resolve) => {
      const sub = vscode.window.onDidCloseTerminal((t) => {
        if (t === logsTerminal) {
          sub.dispose();
          resolve(t.exitStatus?.code);
        }
      });
    });
    logsTerminal.sendText('x', false);
    assert.equal(await logsClosed, 1, 'the logs terminal closes with 1 once a key is pressed');
    // The exec's process dies with the engine: it ends with the engine's exit code for it, or the
    // engine-gone message and 1 when the engine was already gone; never 0, never an uncaught error.
    if (!exec.ended) {
      await waitFor(async () => exec.transcript.includes('Cannot reach the Docker Engine') || exec.ended, 'the exec terminal ending', 20_000);
      if (!exec.ended) {
        execTerminal.sendText('x', false);
      }
    }
    const code = await execClosed;
    assert.ok(code !== undefined && code !== 0, `exec closed with a non-zero code, got ${code}`);
    for (const { terminal } of api.terminals.sessions) {
      terminal.dispose();
    }
  });
});
