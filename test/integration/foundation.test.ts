import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, extensionId } from './support/extension';
import { ui, waitFor } from './support/uiBridge';

describe('foundation', () => {
  it('activates in the real extension host', async () => {
    const api = await activateExtension();
    assert.ok(api.service, 'activate() returns the service');
    assert.equal(vscode.extensions.getExtension(extensionId)?.isActive, true);
  });

  it('contributes the Docker view container with the containers, images, volumes and registries views', () => {
    const manifest = vscode.extensions.getExtension(extensionId)!.packageJSON;
    const containers = manifest.contributes.viewsContainers.activitybar.map((c: { id: string }) => c.id);
    assert.deepEqual(containers, ['dockerExplorer']);
    const views = manifest.contributes.views.dockerExplorer.map((v: { id: string }) => v.id);
    assert.deepEqual(views, ['dockerExplorer.containers', 'dockerExplorer.images', 'dockerExplorer.volumes', 'dockerExplorer.registries']);
    // The registries are not the engine's: their pane starts collapsed, leaving the engine's views their height.
    assert.equal(manifest.contributes.views.dockerExplorer[3].visibility, 'collapsed');
  });

  it('reaches the private test engine through the service layer', async () => {
    const api = await activateExtension();
    assert.equal(api.endpoint?.host, process.env.DOCKER_HOST, 'the extension uses DOCKER_HOST from its environment');
    await api.service.ping();
    const version = await api.service.version();
    assert.match(version.apiVersion, /^1\.\d+$/);
  });

  it('shows the three views when the Docker view container is opened', async () => {
    await activateExtension();
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    const titles = await waitFor(async () => {
      const texts = (await ui.texts('.pane-header h3.title')).map((t) => t.toLowerCase());
      return ['containers', 'images', 'volumes'].every((t) => texts.includes(t)) && texts;
    }, 'the Containers, Images and Volumes pane titles');
    assert.ok(titles.includes('containers'));
    const shot = await ui.screenshot('docker-view-container');
    assert.match(shot.path, /docker-view-container\.png$/);
  });
});
