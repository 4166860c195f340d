/**
 * The one grammar for contextValue, `<kind>.<state>` (`container.running`, `image.tagged`,
 * `volume.inUse`, `group.containers`), and the one table of which states each action accepts.
 * The nodes set the contextValues, package.json's menu clauses are what `menuWhen` generates
 * (test/unit/contextValues.test.ts holds them equal), and the commands' pickers and selection
 * filter ask `accepts`. No vscode import: the table is checked in plain Node.
 */
import type { ProjectState } from '../docker/composeProject';
import type { ContainerState } from '../docker/models';

/** Every state a container row can be in: `docker ps`'s states, plus `unhealthy` for a failing health check. */
export const containerStates = ['running', 'unhealthy', 'paused', 'restarting', 'created', 'exited', 'dead', 'removing'] as const satisfies readonly ContainerState[];
// A state added to ContainerState and missing here fails the build: every state needs its rules.
const everyContainerState: Exclude<ContainerState, (typeof containerStates)[number]> extends never ? true : never = true;
void everyContainerState;
export const imageStates = ['tagged', 'dangling'] as const;
export const volumeStates = ['inUse', 'unused'] as const;
/** A compose project's group row, by what its containers are together (src/docker/composeProject.ts). */
export const projectStates = ['running', 'partial', 'paused', 'stopped'] as const satisfies readonly ProjectState[];
/** A row under a container's Files: what it is (a symlink shown as such, by what it leads to). */
export const containerFileStates = ['file', 'folder', 'linkToFile', 'linkToFolder', 'other'] as const;
/** A row under a container's Changes: `docker diff`'s kind, and folders that only hold changes. */
export const changeStates = ['addedFile', 'changedFile', 'deletedFile', 'folder'] as const;
/** A registry the user added here, or one only the docker config names; a tag in a registry's listing. */
export const registryStates = ['added', 'configured'] as const;
export const registryTagStates = ['tag'] as const;
/** A network row: one of bridge, host, none; a user network containers are on; or one none is on. */
export const networkStates = ['builtIn', 'inUse', 'unused'] as const;
/** A container row under a network. */
export const networkContainerStates = ['running', 'stopped'] as const;

export type ContainerRowState = (typeof containerStates)[number];
export type ImageRowState = (typeof imageStates)[number];
export type VolumeRowState = (typeof volumeStates)[number];
export type NetworkRowState = (typeof networkStates)[number];

export const statesOf = {
  container: containerStates,
  image: imageStates,
  volume: volumeStates,
  network: networkStates,
  networkContainer: networkContainerStates,
  project: projectStates,
  containerFile: containerFileStates,
  change: changeStates,
  registry: registryStates,
  registryTag: registryTagStates,
} as const;
export type RowKind = keyof typeof statesOf;

export const ContextValues = {
  container: (state: string): string => `container.${state}`,
  image: (dangling: boolean): string => `image.${imageState(dangling)}`,
  volume: (inUse: boolean): string => `volume.${volumeState(inUse)}`,
  group: (kind: 'containers' | 'images'): string => `group.${kind}`,
  project: (state: string): string => `project.${state}`,
  containerFile: (state: (typeof containerFileStates)[number]): string => `containerFile.${state}`,
  change: (state: (typeof changeStates)[number]): string => `change.${state}`,
  registry: (added: boolean): string => `registry.${added ? 'added' : 'configured'}`,
  registryTag: (): string => 'registryTag.tag',
  network: (state: NetworkRowState): string => `network.${state}`,
  networkContainer: (running: boolean): string => `networkContainer.${running ? 'running' : 'stopped'}`,
  /** A page row of a long level in the containers view (containers 501-1,000). */
  page: (): string => 'page.containers',
} as const;

export function imageState(dangling: boolean): ImageRowState {
  return dangling ? 'dangling' : 'tagged';
}

export function volumeState(inUse: boolean): VolumeRowState {
  return inUse ? 'inUse' : 'unused';
}

export interface ActionRule {
  /** The kind of row the action applies to. */
  kind: RowKind;
  /** The states it accepts, as Docker's own rules say (e.g. docker pause needs a running container). */
  states: readonly string[];
  /** Acts on one thing: the clicked row, never the rest of a selection; hidden on a multi-selection. */
  one: boolean;
}

const running = ['running', 'unhealthy'] as const;
/** Its process exists: stop and kill apply (docker's `IsRunning`, which paused and restarting share). */
const active = [...running, 'paused', 'restarting'] as const;
const stopped = ['created', 'exited', 'dead'] as const;
const notRemoving = containerStates.filter((s) => s !== 'removing');

function rule<K extends RowKind>(kind: K, states: readonly (typeof statesOf)[K][number][], one = false): ActionRule {
  return { kind, states, one };
}

/** Which states each command accepts, by command id. */
export const actions = {
  // docker start refuses dead containers ("marked for removal and cannot be started").
  'dockerExplorer.containers.start': rule('container', ['created', 'exited']),
  'dockerExplorer.containers.stop': rule('container', active),
  'dockerExplorer.containers.restart': rule('container', [...running, 'restarting']),
  'dockerExplorer.containers.pause': rule('container', running),
  'dockerExplorer.containers.unpause': rule('container', ['paused']),
  'dockerExplorer.containers.kill': rule('container', active),
  'dockerExplorer.containers.remove': rule('container', notRemoving),
  'dockerExplorer.containers.rename': rule('container', containerStates, true),
  'dockerExplorer.containers.inspect': rule('container', containerStates),
  'dockerExplorer.containers.copyId': rule('container', containerStates),
  'dockerExplorer.containers.copyRunCommand': rule('container', containerStates, true),
  // docker exec and attach refuse paused and restarting containers.
  'dockerExplorer.containers.openShell': rule('container', running, true),
  'dockerExplorer.containers.execCommand': rule('container', running, true),
  'dockerExplorer.containers.attach': rule('container', running, true),
  // A published port answers only while the container runs (docker port lists it then).
  'dockerExplorer.containers.openInBrowser': rule('container', running, true),
  // docker stats has numbers while the container runs (paused: its last, frozen).
  'dockerExplorer.containers.stats': rule('container', [...running, 'paused']),
  'dockerExplorer.containers.logs': rule('container', containerStates, true),
  'dockerExplorer.containers.prune': rule('container', stopped),
  'dockerExplorer.containers.stopAll': rule('container', active),
  'dockerExplorer.containers.removeAll': rule('container', notRemoving),
  'dockerExplorer.containers.run': rule('image', imageStates, true),
  'dockerExplorer.containers.create': rule('image', imageStates, true),
  'dockerExplorer.images.remove': rule('image', imageStates),
  'dockerExplorer.images.tag': rule('image', imageStates, true),
  'dockerExplorer.images.inspect': rule('image', imageStates),
  // docker volume rm refuses a volume that any container mounts, running or not.
  'dockerExplorer.volumes.remove': rule('volume', ['unused']),
  'dockerExplorer.volumes.inspect': rule('volume', volumeStates),
  // A project acts on its containers that the single-container rule accepts (start: the stopped ones).
  'dockerExplorer.projects.start': rule('project', ['partial', 'stopped']),
  'dockerExplorer.projects.stop': rule('project', ['running', 'partial', 'paused']),
  'dockerExplorer.projects.restart': rule('project', ['running', 'partial']),
  'dockerExplorer.projects.pause': rule('project', ['running', 'partial']),
  'dockerExplorer.projects.unpause': rule('project', ['paused']),
  'dockerExplorer.projects.remove': rule('project', projectStates),
  'dockerExplorer.projects.logs': rule('project', projectStates, true),
  // Inside containers (issue 13). The archive endpoints work in every state but removing.
  'dockerExplorer.containers.showChanges': rule('container', notRemoving, true),
  // docker commit copies the writable layer of a container in any state but removing.
  'dockerExplorer.containers.commit': rule('container', notRemoving, true),
  'dockerExplorer.images.showLayers': rule('image', imageStates, true),
  'dockerExplorer.files.open': rule('containerFile', ['file', 'linkToFile'], true),
  'dockerExplorer.files.download': rule('containerFile', containerFileStates, true),
  'dockerExplorer.files.upload': rule('containerFile', ['folder', 'linkToFolder'], true),
  'dockerExplorer.files.newFile': rule('containerFile', ['folder', 'linkToFolder'], true),
  'dockerExplorer.files.newFolder': rule('containerFile', ['folder', 'linkToFolder'], true),
  'dockerExplorer.files.delete': rule('containerFile', containerFileStates, true),
  'dockerExplorer.changes.open': rule('change', ['addedFile', 'changedFile'], true),
  'dockerExplorer.changes.compareWithImage': rule('change', ['changedFile'], true),
  'dockerExplorer.changes.download': rule('change', ['addedFile', 'changedFile', 'folder'], true),
  // Push, registries (issue 15): docker push needs a tag; a registry row says where its entry comes from.
  'dockerExplorer.images.push': rule('image', ['tagged'], true),
  'dockerExplorer.registries.logIn': rule('registry', registryStates, true),
  'dockerExplorer.registries.logOut': rule('registry', registryStates, true),
  'dockerExplorer.registries.remove': rule('registry', ['added'], true),
  'dockerExplorer.registries.pullTag': rule('registryTag', registryTagStates, true),
  'dockerExplorer.registries.copyReference': rule('registryTag', registryTagStates, true),
  // docker network rm refuses the built-in networks; this explorer also refuses networks containers are on.
  'dockerExplorer.networks.remove': rule('network', ['unused']),
  'dockerExplorer.networks.inspect': rule('network', networkStates),
  // host and none take no further containers: connecting needs a bridge-like network.
  'dockerExplorer.networks.connect': rule('network', ['inUse', 'unused'], true),
  'dockerExplorer.networks.disconnect': rule('networkContainer', networkContainerStates, true),
  'dockerExplorer.containers.connectNetwork': rule('container', notRemoving, true),
} as const satisfies Record<string, ActionRule>;

export type ActionId = keyof typeof actions;

export function accepts(action: ActionId, state: string): boolean {
  return (actions[action] as ActionRule).states.includes(state);
}

const viewOf: Record<RowKind, string> = {
  container: 'containers',
  image: 'images',
  volume: 'volumes',
  network: 'networks',
  networkContainer: 'networks',
  project: 'containers',
  containerFile: 'containers',
  change: 'containers',
  registry: 'registries',
  registryTag: 'registries',
};

/** The `when` clause of a row's menu entry for `action`, exactly as package.json must spell it. */
export function menuWhen(action: ActionId): string {
  const { kind, states, one } = actions[action] as ActionRule;
  const everyState = statesOf[kind].every((s) => states.includes(s));
  const item = everyState ? `/^${kind}\\./` : `/^${kind}\\.(${states.join('|')})$/`;
  return `view == dockerExplorer.${viewOf[kind]} && viewItem =~ ${item}${one ? ' && !listMultiSelection' : ''}`;
}
