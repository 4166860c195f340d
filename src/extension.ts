import * as vscode from 'vscode';
import type { CommandContext } from './commands/context';
import { DockerLog } from './commands/dockerLog';
import { registerCommands } from './commands/registry';
import { vscodeUserInterface } from './commands/userInterface';
import type { EngineEndpoint } from './docker/connection';
import { processDockerodeOptions, resolveEndpointFromProcess } from './docker/hostEnvironment';
import { DockerService } from './docker/service';
import { isRunning } from './docker/models';
import { EngineStore } from './docker/store';
import { InspectDocuments } from './inspect/inspectDocuments';
import { TerminalSessions } from './terminal/terminals';
import { ContainersProvider, ContainersViewSettings } from './tree/containersProvider';
import { EngineState } from './tree/engineState';
import { ImagesProvider } from './tree/imagesProvider';
import { ViewLifecycle } from './tree/viewLifecycle';
import { VolumesProvider } from './tree/volumesProvider';

/** What activate() returns: the live objects, so integration tests drive the same instance users see. */
export interface DockerExplorerApi {
  /** Undefined when the host configuration is wrong; the views then say why. */
  endpoint: EngineEndpoint | undefined;
  service: DockerService;
  store: EngineStore;
  engineState: EngineState;
  views: { containers: ContainersProvider; images: ImagesProvider; volumes: VolumesProvider };
  /** The context every command runs with; tests replace `ui` to answer questions. */
  commands: CommandContext;
  treeViews: { containers: vscode.TreeView<unknown>; images: vscode.TreeView<unknown>; volumes: vscode.TreeView<unknown> };
  /** Exec, attach and logs sessions open in terminals. */
  terminals: TerminalSessions;
  /** performance.now() marks of this extension host, for the start-up benchmark. */
  startup: { activateStartedAt: number; readonly containersFirstRowsAt: number | undefined };
}

export function activate(context: vscode.ExtensionContext): DockerExplorerApi {
  const activateStartedAt = performance.now();
  let hostSetting = userHostSetting();
  let connection = resolveConnection(hostSetting);
  const service = new DockerService(() => {
    if (!connection.endpoint) {
      throw connection.error;
    }
    return processDockerodeOptions(connection.endpoint);
  });
  const store = new EngineStore(service);

  const views = {
    containers: new ContainersProvider(store, containersViewSettings),
    images: new ImagesProvider(store),
    volumes: new VolumesProvider(store),
  };
  const treeViews = {
    containers: vscode.window.createTreeView('dockerExplorer.containers', { treeDataProvider: views.containers, showCollapseAll: true, canSelectMany: true }),
    images: vscode.window.createTreeView('dockerExplorer.images', { treeDataProvider: views.images, showCollapseAll: true, canSelectMany: true }),
    volumes: vscode.window.createTreeView('dockerExplorer.volumes', { treeDataProvider: views.volumes, canSelectMany: true }),
  } as DockerExplorerApi['treeViews'];
  const allTreeViews = [treeViews.containers, treeViews.images, treeViews.volumes];
  const log = new DockerLog();
  const engineState = new EngineState(store, () => connection.endpoint?.description ?? '', allTreeViews, (message) => log.error(message));

  const commands: CommandContext = {
    service,
    store,
    log,
    ui: vscodeUserInterface,
    get engineDescription() {
      return connection.endpoint?.description ?? '';
    },
    memory: context.globalState,
    inspect: new InspectDocuments(service),
    terminals: new TerminalSessions(),
  };

  const updateBadge = () => {
    const running = [...store.containers.values()].filter(isRunning).length;
    treeViews.containers.badge = running > 0 ? { value: running, tooltip: running === 1 ? vscode.l10n.t('1 running container') : vscode.l10n.t('{0} running containers', running) } : undefined;
  };

  context.subscriptions.push(
    views.containers,
    views.images,
    views.volumes,
    ...allTreeViews,
    engineState,
    new ViewLifecycle(store, allTreeViews),
    store.onChange((change) => change.kind === 'containers' && updateBadge()),
    { dispose: () => store.stop() },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dockerExplorer.containers')) {
        views.containers.relayout();
      }
      // A workspace can't set the machine-scoped host: only a change of the user's own value counts.
      if (e.affectsConfiguration('dockerExplorer.host') && userHostSetting() !== hostSetting) {
        // Another engine: connect to it in place, no reload.
        hostSetting = userHostSetting();
        connection = resolveConnection(hostSetting);
        service.reconnect();
        store.switchEngine();
      }
    }),
    commands.log,
    commands.inspect,
    commands.terminals,
    ...registerCommands(commands),
  );

  return {
    get endpoint() {
      return connection.endpoint;
    },
    service,
    store,
    engineState,
    views,
    treeViews,
    commands,
    terminals: commands.terminals,
    startup: {
      activateStartedAt,
      get containersFirstRowsAt() {
        return views.containers.firstRowsAt;
      },
    },
  };
}

/** Machine scope: only the user's own settings may point the extension at an engine. */
function userHostSetting(): string | undefined {
  return vscode.workspace.getConfiguration('dockerExplorer').inspect<string>('host')?.globalValue;
}

function containersViewSettings(): ContainersViewSettings {
  const config = vscode.workspace.getConfiguration('dockerExplorer.containers');
  return {
    groupBy: config.get('groupBy', 'composeProject'),
    sortBy: config.get('sortBy', 'created'),
  };
}

/** The engine to use now: machine scope, so only the user's own settings may point elsewhere. */
function resolveConnection(hostSetting: string | undefined): { endpoint?: EngineEndpoint; error?: unknown } {
  try {
    return { endpoint: resolveEndpointFromProcess(hostSetting) };
  } catch (error) {
    return { error };
  }
}

export function deactivate(): void {}
