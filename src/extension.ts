import * as vscode from 'vscode';
import type { CommandContext } from './commands/context';
import { DockerLog } from './commands/dockerLog';
import { registerCommands } from './commands/registry';
import { vscodeUserInterface } from './commands/userInterface';
import type { EngineEndpoint } from './docker/connection';
import { ProcessConnection } from './docker/hostEnvironment';
import { DockerService } from './docker/service';
import { isRunning } from './docker/models';
import { EngineStore } from './docker/store';
import { InspectDocuments } from './inspect/inspectDocuments';
import { TerminalSessions } from './terminal/terminals';
import { ContainersProvider, ContainersViewSettings } from './tree/containersProvider';
import { EngineState } from './tree/engineState';
import { ImagesProvider, ImagesTreeNode } from './tree/imagesProvider';
import { revealImage } from './tree/revealImage';
import { EngineLifetime } from './tree/engineLifetime';
import { VolumesProvider } from './tree/volumesProvider';
import { RegistryAccounts } from './commands/registries/accounts';
import { RegistriesProvider } from './tree/registriesProvider';
import { endpointText } from './tree/endpointText';
import * as dockerL10n from '@vscode/l10n';

/**
 * What activate() returns to the tests only: the live objects, so they drive the same instance
 * users see. Outside a test run nothing is exported: another extension could answer our questions.
 */
export interface DockerExplorerApi {
  /** Undefined when the host configuration is wrong; the views then say why. */
  endpoint: EngineEndpoint | undefined;
  service: DockerService;
  store: EngineStore;
  engineState: EngineState;
  views: { containers: ContainersProvider; images: ImagesProvider; volumes: VolumesProvider };
  /** The context every command runs with; tests replace `ui` to answer questions. */
  commands: CommandContext;
  /** When the events stream runs; a test suite that starts the store itself holds a lease. */
  lifetime: EngineLifetime;
  treeViews: { containers: vscode.TreeView<unknown>; images: vscode.TreeView<unknown>; volumes: vscode.TreeView<unknown> };
  /** Exec, attach and logs sessions open in terminals. */
  terminals: TerminalSessions;
  /** The Registries view (issue 15): its accounts (logins in SecretStorage) and its tree. */
  registries: { accounts: RegistryAccounts; provider: RegistriesProvider; treeView: vscode.TreeView<unknown> };
  /** performance.now() marks of this extension host, for the start-up benchmark. */
  startup: { activateStartedAt: number; readonly containersFirstRowsAt: number | undefined };
}

export function activate(context: vscode.ExtensionContext): DockerExplorerApi | undefined {
  const api = wire(context);
  return exportedApi(context.extensionMode === vscode.ExtensionMode.Test, api);
}

/** The live objects go to the test runner only (the integration run and the bench load a tests payload). */
export function exportedApi<T>(inTests: boolean, api: T): T | undefined {
  return inTests ? api : undefined;
}

function wire(context: vscode.ExtensionContext): DockerExplorerApi {
  // Messages built in src/docker (no vscode there: @vscode/l10n) are worded by the display language's bundle too.
  if (vscode.l10n.bundle) {
    dockerL10n.config({ contents: vscode.l10n.bundle });
  }
  const activateStartedAt = performance.now();
  const connection = new ProcessConnection(userHostSetting);
  const service = new DockerService(() => connection.dockerodeOptions());
  const store = new EngineStore(service);

  const views = {
    containers: new ContainersProvider(store, containersViewSettings),
    images: new ImagesProvider(store, service, () => endpointText(connection.endpoint)),
    volumes: new VolumesProvider(store),
  };
  const treeViews = {
    containers: vscode.window.createTreeView('dockerExplorer.containers', { treeDataProvider: views.containers, showCollapseAll: true, canSelectMany: true }),
    images: vscode.window.createTreeView('dockerExplorer.images', { treeDataProvider: views.images, showCollapseAll: true, canSelectMany: true }),
    volumes: vscode.window.createTreeView('dockerExplorer.volumes', { treeDataProvider: views.volumes, canSelectMany: true }),
  } as DockerExplorerApi['treeViews'];
  const allTreeViews = [treeViews.containers, treeViews.images, treeViews.volumes];
  const log = new DockerLog();
  const lifetime = new EngineLifetime(store, service, connection, allTreeViews);
  const engineState = new EngineState(
    store,
    () => endpointText(connection.endpoint),
    allTreeViews,
    (message) => log.error(message),
  );

  const registryAccounts = new RegistryAccounts(context.secrets, context.globalState);
  const registriesProvider = new RegistriesProvider(registryAccounts);
  const registriesView = vscode.window.createTreeView('dockerExplorer.registries', { treeDataProvider: registriesProvider, showCollapseAll: true });

  const commands: CommandContext = {
    service,
    store,
    log,
    ui: vscodeUserInterface,
    get engineDescription() {
      return endpointText(connection.endpoint);
    },
    memory: context.globalState,
    lifetime,
    inspect: new InspectDocuments(service),
    terminals: new TerminalSessions(),
    workspaceMemory: context.workspaceState,
    revealImage: (imageId, reference) => revealImage(treeViews.images as vscode.TreeView<ImagesTreeNode>, views.images, imageId, reference),
    registries: registryAccounts,
  };

  const updateBadge = () => {
    const running = [...store.containers.values()].filter(isRunning).length;
    treeViews.containers.badge =
      running > 0 ? { value: running, tooltip: running === 1 ? vscode.l10n.t('1 running container') : vscode.l10n.t('{0} running containers', running) } : undefined;
  };

  context.subscriptions.push(
    views.containers,
    views.images,
    views.volumes,
    ...allTreeViews,
    engineState,
    lifetime,
    store.onChange((change) => change.kind === 'containers' && updateBadge()),
    { dispose: () => store.stop() },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dockerExplorer.containers')) {
        views.containers.relayout();
      }
    }),
    commands.log,
    commands.inspect,
    commands.terminals,
    ...registerCommands(commands),
    registryAccounts,
    registriesProvider,
    registriesView,
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
    lifetime,
    terminals: commands.terminals,
    registries: { accounts: registryAccounts, provider: registriesProvider, treeView: registriesView as vscode.TreeView<unknown> },
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

export function deactivate(): void {}
