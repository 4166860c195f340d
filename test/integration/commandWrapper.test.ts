import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import { activateExtension } from './support/extension';
import { useScriptedUi } from './support/scriptedUi';
import { waitFor } from './support/uiBridge';

describe('one path for errors: every command runs inside the registry wrapper', function () {
  this.timeout(60_000);
  let api: DockerExplorerApi;

  before(async () => {
    api = await activateExtension();
  });

  it('an error no handler expected (Inspect Image on a row with a malformed reference) is our message with Show Details, the stack in the output channel', async () => {
    const lease = api.lifetime.lease();
    const ui = useScriptedUi(api);
    try {
      await waitFor(async () => api.store.status.state === 'ready' && [...api.store.images.values()][0], 'an image in the store');
      const image = [...api.store.images.values()][0];
      const written = api.commands.log.lines.length;
      // A row as the tree passes it, whose reference parseImageRef refuses: the handler throws.
      const row = { kind: 'image', model: image, reference: 'Not A Reference' };
      const result = await vscode.commands.executeCommand('dockerExplorer.images.inspect', row);
      assert.equal(result, undefined);
      const errors = ui.messages.filter((m) => m.kind === 'error');
      assert.equal(errors.length, 1, `one error shown: ${JSON.stringify(ui.asked)}`);
      assert.match(errors[0].message, /"Not A Reference" contains spaces or control characters/);
      assert.doesNotMatch(errors[0].message, /ImageRefError|running the contributed command/);
      assert.deepEqual(errors[0].options, ['Show Details']);
      const log = api.commands.log.lines.slice(written).join('\n');
      assert.match(log, /dockerExplorer\.images\.inspect: "Not A Reference" contains spaces/);
      assert.match(log, /\n\s+at .*inspectImage/, 'the stack is in the output channel');
    } finally {
      ui.restore();
      lease.dispose();
    }
  });

  it("a command that needs the engine says why it is not ready: the engine's own reason, with Show Details", async () => {
    const config = vscode.workspace.getConfiguration('dockerExplorer');
    const ui = useScriptedUi(api);
    try {
      await config.update('host', 'unix:///tmp/dx-no-engine-for-ready.sock', vscode.ConfigurationTarget.Global);
      await waitFor(async () => api.endpoint?.host === 'unix:///tmp/dx-no-engine-for-ready.sock', 'the new host resolved');
      await vscode.commands.executeCommand('dockerExplorer.containers.start', 'dxt-no-such-container');
      const errors = ui.messages.filter((m) => m.kind === 'error');
      assert.equal(errors.length, 1, `one error shown: ${JSON.stringify(ui.asked)}`);
      assert.match(errors[0].message, /^Cannot reach the Docker Engine at unix:\/\/\/tmp\/dx-no-engine-for-ready\.sock \(from settings\) \(.*ENOENT.*\)/);
      assert.deepEqual(errors[0].options, ['Show Details']);
    } finally {
      ui.restore();
      await config.update('host', undefined, vscode.ConfigurationTarget.Global);
      await waitFor(async () => api.endpoint?.host === process.env.DOCKER_HOST, 'back on DOCKER_HOST');
    }
  });
});
