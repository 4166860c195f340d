import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { waitFor } from './support/uiBridge';

describe('the dockerExplorer.host setting', function () {
  this.timeout(60_000);
  const config = () => vscode.workspace.getConfiguration('dockerExplorer');

  after(async () => {
    await config().update('host', undefined, vscode.ConfigurationTarget.Global);
  });

  it('switches the views to another engine in place, and back, without a reload', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    api.store.start();
    await waitFor(async () => api.engineState.current === 'ready' && api.store.containers.size >= 0, 'ready on the private engine');

    await config().update('host', 'unix:///tmp/dx-no-engine-here.sock', vscode.ConfigurationTarget.Global);
    await waitFor(async () => api.engineState.current === 'unreachable', 'the unreachable state for the new host');
    assert.equal(api.endpoint?.host, 'unix:///tmp/dx-no-engine-here.sock');
    assert.equal(api.endpoint?.source, 'setting');
    assert.match(String(api.treeViews.containers.description), /dx-no-engine-here/);
    assert.equal(api.store.containers.size, 0, 'nothing of the previous engine is shown');

    await config().update('host', 'tcp://user:secret@127.0.0.1:2375', vscode.ConfigurationTarget.Global);
    await waitFor(async () => api.engineState.current === 'config', 'the configuration error state');
    assert.doesNotMatch(api.engineState.lastMessage ?? '', /secret/, 'the password is never shown');

    await config().update('host', undefined, vscode.ConfigurationTarget.Global);
    await waitFor(async () => api.engineState.current === 'ready', 'ready again on DOCKER_HOST', 20_000);
    assert.equal(api.endpoint?.host, process.env.DOCKER_HOST);
  });
});
