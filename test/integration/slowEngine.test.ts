import * as assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import { activateExtension } from './support/extension';
import { slowEngine, SlowEngine } from './support/slowEngine';
import { cleanupRun, createContainer, testDocker, uniqueName } from './support/testEngine';
import { ui, waitFor } from './support/uiBridge';

const delayMs = 4_000;
/** The Containers view's progress bar while it works (the workbench's own pane markup). */
const containersProgress = '.pane:has(.pane-header:has-text("Containers")) .monaco-progress-container.active';

async function rowLabels(): Promise<string[]> {
  return (await ui.attributes('.monaco-list-row[aria-level]', 'aria-label')).filter((l): l is string => !!l);
}

describe('a slow engine (every answer held back by seconds): the window stays responsive', function () {
  this.timeout(120_000);
  const docker = testDocker();
  const config = () => vscode.workspace.getConfiguration('dockerExplorer');
  let api: DockerExplorerApi;
  let proxy: SlowEngine | undefined;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    api.store.start();
  });

  after(async () => {
    await config().update('host', undefined, vscode.ConfigurationTarget.Global);
    if (proxy) proxy.delayMs = 0;
    await waitFor(async () => api.engineState.current === 'ready' && api.endpoint?.host === process.env.DOCKER_HOST, 'ready again on DOCKER_HOST', 30_000);
    await proxy?.close();
    await cleanupRun(docker);
  });

  it('the event loop stays free, the rows stay, a local command completes at once, and Refresh shows progress until the answers arrive', async () => {
    const name = uniqueName('slow-row');
    await createContainer(docker, name);
    proxy = await slowEngine(0);
    await config().update('host', `unix://${proxy.socketPath}`, vscode.ConfigurationTarget.Global);
    await waitFor(async () => api.engineState.current === 'ready' && api.endpoint?.host === `unix://${proxy?.socketPath}`, 'ready through the proxy', 30_000);
    await vscode.commands.executeCommand('dockerExplorer.containers.focus');
    await waitFor(async () => (await rowLabels()).some((l) => l.startsWith(`${name}, `)), `the row of ${name} on the page`, 20_000);

    proxy.delayMs = delayMs;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    await new Promise((r) => setTimeout(r, 200)); // the histogram records from its second tick on
    const started = Date.now();
    let answeredAfter: number | undefined;
    const refreshing = Promise.resolve(vscode.commands.executeCommand('dockerExplorer.containers.refresh')).then(() => {
      answeredAfter = Date.now() - started;
    });
    try {
      // Refresh says it is working, on the view itself.
      await waitFor(async () => (await ui.texts(containersProgress)).length === 1, 'the progress bar on the Containers view', delayMs - 500);

      // A command that needs nothing from the engine is not queued behind the slow answers.
      const local = Date.now();
      await vscode.commands.executeCommand('dockerExplorer.engine.showLog');
      const localMs = Date.now() - local;
      assert.ok(localMs < 1_500, `Show Details took ${localMs} ms while the engine was slow`);

      // The rows stay as they were while the answers are late: on the page and in the provider.
      assert.equal(answeredAfter, undefined, 'still waiting for the engine');
      assert.ok(
        (await rowLabels()).some((l) => l.startsWith(`${name}, `)),
        `${name} still shown during the slow refresh`,
      );
      assert.ok([...api.store.containers.values()].some((c) => c.name === name));
      assert.ok((await api.views.containers.getChildren()).length > 0, 'the view is not blank');
      assert.equal(api.engineState.current, 'ready', 'a slow engine is not reported as gone');

      await refreshing;
    } finally {
      loop.disable();
    }
    const took = answeredAfter ?? Date.now() - started;
    assert.ok(took >= delayMs - 200, `Refresh finished after ${took} ms, before the engine's answer could arrive`);
    assert.ok(took < 30_000, `Refresh took ${took} ms`);
    const maxDelayMs = loop.max / 1e6;
    console.log(`slow engine: Refresh ${took} ms, event-loop delay max ${maxDelayMs.toFixed(0)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms`);
    // A handler that blocked the thread while waiting (sync I/O, a busy loop) shows here as seconds.
    assert.ok(maxDelayMs < 1_000, `the extension host's event loop stalled for ${maxDelayMs.toFixed(0)} ms`);

    await waitFor(async () => (await ui.texts(containersProgress)).length === 0, 'the progress bar gone after the answers', 5_000).catch(async (err: Error) => {
      await ui.screenshot('slow-engine-progress-left');
      throw new Error(`${err.message}; progress bars: ${JSON.stringify(await ui.attributes('.monaco-progress-container', 'class'))}`);
    });
    assert.ok(
      (await rowLabels()).some((l) => l.startsWith(`${name}, `)),
      `${name} shown after the refresh`,
    );
  });
});
