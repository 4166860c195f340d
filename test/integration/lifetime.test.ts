import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StoreStatus } from '../../src/docker/store';
import type { DockerExplorerApi } from '../../src/extension';
import { CountingEngine, countingEngine } from './support/countingEngine';
import { activateExtension } from './support/extension';
import { useScriptedUi } from './support/scriptedUi';
import { cleanupRun, createContainer, testDocker, uniqueName } from './support/testEngine';
import { waitFor } from './support/uiBridge';

/** The stop after the last view is hidden or the last command ends waits this long (EngineLifetime). */
const graceMs = 10_000;

describe('when the events stream runs, through a proxy that counts the open /events connections', function () {
  this.timeout(120_000);
  const docker = testDocker();
  const config = () => vscode.workspace.getConfiguration('dockerExplorer');
  let api: DockerExplorerApi;
  let proxy: CountingEngine;

  before(async () => {
    api = await activateExtension();
    proxy = await countingEngine();
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    await config().update('host', `unix://${proxy.socketPath}`, vscode.ConfigurationTarget.Global);
    await waitFor(async () => api.endpoint?.host === `unix://${proxy.socketPath}` && api.engineState.current === 'ready', 'ready through the proxy', 30_000);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    await config().update('host', undefined, vscode.ConfigurationTarget.Global);
    await waitFor(async () => api.engineState.current === 'ready' && api.endpoint?.host === process.env.DOCKER_HOST, 'ready again on DOCKER_HOST', 30_000);
    await proxy.close();
    await cleanupRun(docker);
  });

  it('a failed update is retried with backoff: the view recovers by itself, without another event', async () => {
    const statuses: StoreStatus['state'][] = [];
    const subscription = api.store.onStatus((s) => statuses.push(s.state));
    try {
      const failed = proxy.failNext(/^GET \/containers\/json\?.*filters=/);
      const name = uniqueName('retry');
      await createContainer(docker, name);
      await failed;
      await waitFor(async () => statuses.includes('failed'), 'the failed update seen by the store');
      // Nothing else happens on the engine: only a retry can bring the container in.
      await waitFor(
        async () => api.engineState.current === 'ready' && [...api.store.containers.values()].some((c) => c.name === name),
        `${name} listed and the views ready again, by themselves`,
        10_000,
      );
      assert.deepEqual(statuses.slice(statuses.indexOf('failed')), ['failed', 'ready']);
    } finally {
      subscription.dispose();
    }
  });

  it('a palette command with every view hidden holds the stream for its own duration only', async () => {
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitFor(async () => proxy.openEvents() === 0, 'the stream closed after the views were hidden', graceMs + 10_000);
    const name = uniqueName('lease');
    await createContainer(docker, name);
    const ui = useScriptedUi(api);
    let mostOpen = 0;
    const sampler = setInterval(() => (mostOpen = Math.max(mostOpen, proxy.openEvents())), 10);
    try {
      await vscode.commands.executeCommand('dockerExplorer.containers.start', name);
    } finally {
      clearInterval(sampler);
      ui.restore();
    }
    assert.deepEqual(ui.messages, [], 'the command said nothing but its success');
    assert.equal((await docker.getContainer(name).inspect()).State.Running, true, 'the command did its work');
    assert.equal(mostOpen, 1, 'the command opened the events stream (the store it needs) once');
    await waitFor(async () => proxy.openEvents() === 0, 'no events stream left open after the command', graceMs + 10_000);
    await new Promise((r) => setTimeout(r, 1_000));
    assert.equal(proxy.openEvents(), 0, 'and none opened again');
    assert.equal(api.store.status.state, 'ready', 'what the store knew stays until the next start');
  });
});
