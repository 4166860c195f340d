import * as vscode from 'vscode';
import type { EngineEndpoint } from './docker/connection';
import { processDockerodeOptions, resolveEndpointFromProcess } from './docker/hostEnvironment';
import { DockerService } from './docker/service';
import { registerCommands } from './commands/registry';
import { EngineState } from './tree/engineState';
import { ContainersProvider } from './tree/containersProvider';
import { ImagesProvider } from './tree/imagesProvider';
import { VolumesProvider } from './tree/volumesProvider';

/** What activate() returns: the live objects, so integration tests drive the same instance users see. */
export interface DockerExplorerApi {
  /** Undefined when the host configuration is wrong; the views then say why. */
  endpoint: EngineEndpoint | undefined;
  service: DockerService;
  engine: EngineState;
  views: { containers: ContainersProvider; images: ImagesProvider; volumes: VolumesProvider };
}

export function activate(context: vscode.ExtensionContext): DockerExplorerApi {
  // Machine scope: only the user's own settings may point the extension at an engine.
  const hostSetting = vscode.workspace.getConfiguration('dockerExplorer').inspect<string>('host')?.globalValue;
  let endpoint: EngineEndpoint | undefined;
  let configError: unknown;
  try {
    endpoint = resolveEndpointFromProcess(hostSetting);
  } catch (err) {
    configError = err;
  }
  const service = new DockerService(() => {
    if (!endpoint) {
      throw configError;
    }
    return processDockerodeOptions(endpoint);
  });
  const engine = new EngineState(endpoint?.description ?? '');

  const views = {
    containers: new ContainersProvider(service, engine),
    images: new ImagesProvider(service, engine),
    volumes: new VolumesProvider(service, engine),
  };

  context.subscriptions.push(
    engine,
    views.containers,
    views.images,
    views.volumes,
    vscode.window.createTreeView('dockerExplorer.containers', { treeDataProvider: views.containers, showCollapseAll: true }),
    vscode.window.createTreeView('dockerExplorer.images', { treeDataProvider: views.images, showCollapseAll: true }),
    vscode.window.createTreeView('dockerExplorer.volumes', { treeDataProvider: views.volumes }),
    ...registerCommands({ service, views }),
  );

  return { endpoint, service, engine, views };
}

export function deactivate(): void {}
