import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import { activateExtension } from '../../test/integration/support/extension';
import { waitFor } from '../../test/integration/support/uiBridge';

/**
 * How a payload starts: the extension activated, the Containers view shown and focused, and the store
 * holding at least the `containers` the bench filled the engine with, every change handled.
 */
export async function openContainersView(containers: number, timeoutMs = 180_000): Promise<DockerExplorerApi> {
  const api = await activateExtension();
  await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
  await vscode.commands.executeCommand('dockerExplorer.containers.focus');
  await api.store.whenSettled();
  await waitFor(async () => api.store.containers.size >= containers, `the store to hold ${containers} containers`, timeoutMs);
  await api.store.whenIdle();
  return api;
}
