import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { useScriptedUi } from './support/scriptedUi';
import { cleanupRun, createContainer, testDocker, uniqueName } from './support/testEngine';
import { ui, waitFor } from './support/uiBridge';

const engineScript = path.resolve(__dirname, '../../../test/harness/engine.mjs');

function engine(verb: 'start' | 'stop'): void {
  execFileSync(process.execPath, [engineScript, verb], { stdio: 'pipe', timeout: 120_000 });
}

function enginePid(): number {
  const status = JSON.parse(execFileSync(process.execPath, [engineScript, 'status'], { encoding: 'utf8', timeout: 30_000 }));
  return status.state.pid;
}

// Runs last (see index.ts): it stops and restarts the private engine.
describe('engine stopped and started again', function () {
  this.timeout(180_000);

  after(async () => {
    engine('start');
    await cleanupRun(testDocker());
  });

  it('shows the unreachable state, then recovers without a window reload', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    api.store.start();
    const name = uniqueName('survivor');
    await createContainer(testDocker(), name);
    await waitFor(async () => [...api.store.containers.values()].some((c) => c.name === name), `${name} listed`);

    const stoppedAt = Date.now();
    engine('stop');
    await waitFor(async () => api.engineState.current === 'unreachable', 'the unreachable state', 10_000);
    const seenAfterMs = Date.now() - stoppedAt;
    assert.equal(api.store.containers.size, 0, 'no stale rows while the engine is gone');
    assert.match(api.engineState.lastMessage ?? '', /Cannot reach the Docker Engine at unix:\/\//);
    assert.match(String(api.treeViews.containers.description), /^unix:\/\//, 'the view says which engine was tried');
    assert.deepEqual(await api.views.containers.getChildren(), [], 'empty tree, so the welcome content shows');
    const welcome = await waitFor(async () => {
      const texts = await ui.texts('.welcome-view-content');
      return texts.some((t) => /socket does not exist/.test(t) && /Retry/.test(t)) && texts;
    }, 'the welcome content with the advice and a Retry button');
    assert.ok(welcome.length >= 1);
    await ui.screenshot('engine-unreachable');
    console.log(`unreachable state seen ${seenAfterMs} ms after the stop command began`);

    engine('start');
    await waitFor(async () => api.engineState.current === 'ready', 'the ready state again', 30_000);
    await waitFor(async () => [...api.store.containers.values()].some((c) => c.name === name), `${name} listed again`, 10_000);
    assert.equal(api.treeViews.containers.description, undefined);
  });

  it('survives the engine killed (SIGKILL): unreachable within 2 s, no notifications, commands fail cleanly', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    api.store.start();
    await waitFor(async () => api.engineState.current === 'ready', 'ready', 30_000);
    const name = uniqueName('killed');
    await createContainer(testDocker(), name);
    await waitFor(async () => [...api.store.containers.values()].some((c) => c.name === name), `${name} listed`);
    const ui = useScriptedUi(api);
    try {
      const killedAt = Date.now();
      process.kill(enginePid(), 'SIGKILL');
      await waitFor(async () => api.engineState.current === 'unreachable', 'the unreachable state', 2_000);
      console.log(`unreachable state seen ${Date.now() - killedAt} ms after SIGKILL`);
      await new Promise((r) => setTimeout(r, 1500));
      assert.deepEqual(ui.messages, [], 'no notification while nobody asked for anything');

      await vscode.commands.executeCommand('dockerExplorer.containers.start', name);
      assert.equal((ui.messages as unknown[]).length, 1, 'one message for the one command');
      assert.match((ui.messages as { message: string }[])[0].message, /not reachable|Cannot reach/);
    } finally {
      ui.restore();
    }
    engine('start');
    await waitFor(async () => api.engineState.current === 'ready', 'ready again after the restart', 30_000);
    const container = await waitFor(async () => [...api.store.containers.values()].find((c) => c.name === name), `${name} listed again`, 10_000);
    assert.equal(container.state, 'created', 'the command made while the engine was dead changed nothing');
  });
});
