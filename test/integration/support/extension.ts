import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../../src/extension';

export const extensionId = 'docker-explorer.docker-explorer';

/** Activates the extension under test and returns its live API. */
export async function activateExtension(): Promise<DockerExplorerApi> {
  const extension = vscode.extensions.getExtension<DockerExplorerApi>(extensionId);
  if (!extension) {
    throw new Error(`extension ${extensionId} is not installed in this host`);
  }
  return extension.activate();
}
