import * as vscode from 'vscode';
import type { CommandContext } from './commands/context';
import { DockerLog } from './commands/dockerLog';
import { registerCommands } from './commands/registry';
import { vscodeUserInterface } from './commands/userInterface';
import type { EngineEndpoint } from './docker/connection';
import { ProcessConnection } from './docker/hostEnvironment';
import { DockerService } from './docker/service';
import { NetworkStore } from './docker/networkStore';
import { EngineStore } from './docker/store';
import { InspectDocuments } from './inspect/inspectDocuments';
import { TerminalSessions } from './terminal/terminals';
import { ContainersProvider, ContainersTreeNode, ContainersViewSettings, containersFirstPage } from './tree/containersProvider';
import { pacedForVSCode } from './tree/pacedTreeChanges';
import { EngineState } from './tree/engineState';
import { prepareDisplay } from './tree/format';
import { ImagesProvider, ImagesTreeNode } from './tree/imagesProvider';
import { revealImage } from './tree/revealImage';
import { EngineLifetime } from './tree/engineLifetime';
import { VolumesProvider } from './tree/volumesProvider';
import { ContainerFilesFeature } from './files/filesFeature';
import { RegistryAccounts } from './commands/registries/accounts';
import { RegistriesProvider } from './tree/registriesProvider';
import { RunningBadge } from './tree/runningBadge';
import { NetworksProvider } from './tree/networksProvider';
import { PageNode } from './tree/nodes/pageNode';
import { engineHostOf } from './docker/publishedPorts';
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
  networks: NetworkStore;
  engineState: EngineState;
  views: { containers: ContainersProvider; images: ImagesProvider; volumes: VolumesProvider; networks: NetworksProvider };
  /** What VS Code is given for each view: the provider with its changes paced (the page bench times when they fire). */
  pacedViews: Record<keyof DockerExplorerApi['views'], vscode.TreeDataProvider<unknown>>;
  /** The context every command runs with; tests replace `ui` to answer questions. */
  commands: CommandContext;
  /** When the events stream runs; a test suite that starts the store itself holds a lease. */
  lifetime: EngineLifetime;
  treeViews: { containers: vscode.TreeView<unknown>; images: vscode.TreeView<unknown>; volumes: vscode.TreeView<unknown>; networks: vscode.TreeView<unknown> };
  /** Exec, attach and logs sessions open in terminals. */
  terminals: TerminalSessions;
  /** The Registries view (issue 15): its accounts (logins in SecretStorage) and its tree. */
  registries: { accounts: RegistryAccounts; provider: RegistriesProvider; treeView: vscode.TreeView<unknown> };
  /** performance.now() marks of this extension host, for the start-up benchmark. */
  startup: {
    activateStartedAt: number;
    readonly storeStartedAt: number | undefined;
    readonly containersFirstAskedAt: number | undefined;
    readonly containersFirstRowsAt: number | undefined;
  };
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
  // ICU's first collation, count and age, each in an idle turn of its own while the engine answers (format.ts).
  prepareDisplay(vscode.env.language);
  const connection = new ProcessConnection(userHostSetting);
  // "unix:///var/run/docker.sock (from DOCKER_HOST)", worded by the bundle configured above.
  const engineText = () => connection.endpoint?.description ?? '';
  const service = new DockerService(() => connection.dockerodeOptions());
  const store = new EngineStore(service, { firstPage: containersFirstPage });
  const networks = new NetworkStore(store, service);
  const files = new ContainerFilesFeature(service, store, engineText);

  const views = {
    containers: new ContainersProvider(store, containersViewSettings, { inside: files.inside, engineHost: () => engineHostOf(connection.endpoint) }),
    images: new ImagesProvider(store, service, engineText),
    volumes: new VolumesProvider(store),
    networks: new NetworksProvider(store, networks, networksViewSettings),
  };
  // VS Code is given each provider with its changes paced to its own 200 ms window (pacedTreeChanges.ts).
  const paced = {
    containers: pacedForVSCode(views.containers),
    images: pacedForVSCode(views.images),
    volumes: pacedForVSCode(views.volumes),
    networks: pacedForVSCode(views.networks),
  };
  const treeViews = {
    containers: vscode.window.createTreeView('dockerExplorer.containers', {
      treeDataProvider: paced.containers,
      showCollapseAll: true,
      canSelectMany: true,
      dragAndDropController: files.drop,
    }),
    images: vscode.window.createTreeView('dockerExplorer.images', { treeDataProvider: paced.images, showCollapseAll: true, canSelectMany: true }),
    volumes: vscode.window.createTreeView('dockerExplorer.volumes', { treeDataProvider: paced.volumes, canSelectMany: true }),
    networks: vscode.window.createTreeView('dockerExplorer.networks', { treeDataProvider: paced.networks, showCollapseAll: true, canSelectMany: true }),
  } as DockerExplorerApi['treeViews'];
  const allTreeViews = [treeViews.containers, treeViews.images, treeViews.volumes, treeViews.networks];
  const log = new DockerLog();
  const lifetime = new EngineLifetime(store, service, connection, allTreeViews);
  const engineState = new EngineState(store, engineText, allTreeViews, (message) => log.error(message));

  const registryAccounts = new RegistryAccounts(context.secrets, context.globalState);
  const registriesProvider = new RegistriesProvider(registryAccounts);
  const registriesView = vscode.window.createTreeView('dockerExplorer.registries', { treeDataProvider: registriesProvider, showCollapseAll: true });

  const commands: CommandContext = {
    service,
    store,
    networks,
    log,
    ui: vscodeUserInterface,
    get engineDescription() {
      return engineText();
    },
    memory: context.globalState,
    lifetime,
    inspect: new InspectDocuments(service),
    terminals: new TerminalSessions(),
    endpoint: () => connection.endpoint,
    revealProject: async (project) => {
      const node = views.containers.projectNode(project);
      if (node) {
        await treeViews.containers.reveal(node, { expand: 2, select: false, focus: false });
      }
      return !!node;
    },
    expandContainersRow: async (row) => {
      // A page row of a network's members is in the Networks view.
      const view = row instanceof PageNode && views.networks.getParent(row) ? treeViews.networks : treeViews.containers;
      await view.reveal(row as ContainersTreeNode, { expand: true, select: false, focus: false });
    },
    workspaceMemory: context.workspaceState,
    revealImage: (imageId, reference) => revealImage(treeViews.images as vscode.TreeView<ImagesTreeNode>, views.images, imageId, reference),
    registries: registryAccounts,
  };

  context.subscriptions.push(
    views.containers,
    views.images,
    views.volumes,
    views.networks,
    networks,
    paced.containers,
    paced.images,
    paced.volumes,
    paced.networks,
    ...allTreeViews,
    engineState,
    lifetime,
    new RunningBadge(store, treeViews.containers),
    { dispose: () => store.stop() },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dockerExplorer.containers')) {
        views.containers.relayout();
      }
      if (e.affectsConfiguration('dockerExplorer.networks')) {
        views.networks.relayout();
      }
    }),
    commands.log,
    commands.inspect,
    commands.terminals,
    ...registerCommands(commands),
    ...files.attach(commands, views, treeViews),
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
    networks,
    engineState,
    views,
    pacedViews: paced as DockerExplorerApi['pacedViews'],
    treeViews,
    commands,
    lifetime,
    terminals: commands.terminals,
    registries: { accounts: registryAccounts, provider: registriesProvider, treeView: registriesView as vscode.TreeView<unknown> },
    startup: {
      activateStartedAt,
      get storeStartedAt() {
        return lifetime.firstStartAt;
      },
      get containersFirstAskedAt() {
        return views.containers.firstAskedAt;
      },
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
    composeServices: config.get('composeServices', true),
  };
}

function networksViewSettings(): { showBuiltIn: boolean } {
  return { showBuiltIn: vscode.workspace.getConfiguration('dockerExplorer.networks').get('showBuiltIn', true) };
}

export function deactivate(): void {}
