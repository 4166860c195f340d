/**
 * The one grammar for contextValue, `<kind>.<state>` (`container.running`, `image.tagged`,
 * `volume.inUse`, `group.containers`), and the one table of which states each action accepts.
 * The nodes set the contextValues, package.json's menu clauses are what `menuWhen` generates
 * (test/unit/contextValues.test.ts holds them equal), and the commands' pickers and selection
 * filter ask `accepts`. No vscode import: the table is checked in plain Node.
 */
import type { ContainerState } from '../docker/models';

/** Every state a container row can be in: `docker ps`'s states, plus `unhealthy` for a failing health check. */
export const containerStates = ['running', 'unhealthy', 'paused', 'restarting', 'created', 'exited', 'dead', 'removing'] as const satisfies readonly ContainerState[];
// A state added to ContainerState and missing here fails the build: every state needs its rules.
const everyContainerState: Exclude<ContainerState, (typeof containerStates)[number]> extends never ? true : never = true;
void everyContainerState;
export const imageStates = ['tagged', 'dangling'] as const;
export const volumeStates = ['inUse', 'unused'] as const;
/** A registry the user added here, or one only the docker config names; a tag in a registry's listing. */
export const registryStates = ['added', 'configured'] as const;
export const registryTagStates = ['tag'] as const;

export type ContainerRowState = (typeof containerStates)[number];
export type ImageRowState = (typeof imageStates)[number];
export type VolumeRowState = (typeof volumeStates)[number];

const statesOf = { container: containerStates, image: imageStates, volume: volumeStates, registry: registryStates, registryTag: registryTagStates } as const;
export type RowKind = keyof typeof statesOf;

export const ContextValues = {
  container: (state: string): string => `container.${state}`,
  image: (dangling: boolean): string => `image.${imageState(dangling)}`,
  volume: (inUse: boolean): string => `volume.${volumeState(inUse)}`,
  group: (kind: 'containers' | 'images'): string => `group.${kind}`,
  registry: (added: boolean): string => `registry.${added ? 'added' : 'configured'}`,
  registryTag: (): string => 'registryTag.tag',
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
  // Push, registries (issue 15): docker push needs a tag; a registry row says where its entry comes from.
  'dockerExplorer.images.push': rule('image', ['tagged'], true),
  'dockerExplorer.registries.logIn': rule('registry', registryStates, true),
  'dockerExplorer.registries.logOut': rule('registry', registryStates, true),
  'dockerExplorer.registries.remove': rule('registry', ['added'], true),
  'dockerExplorer.registries.pullTag': rule('registryTag', registryTagStates, true),
  'dockerExplorer.registries.copyReference': rule('registryTag', registryTagStates, true),
} as const satisfies Record<string, ActionRule>;

export type ActionId = keyof typeof actions;

export function accepts(action: ActionId, state: string): boolean {
  return (actions[action] as ActionRule).states.includes(state);
}

const viewOf: Record<RowKind, string> = { container: 'containers', image: 'images', volume: 'volumes', registry: 'registries', registryTag: 'registries' };

/** The `when` clause of a row's menu entry for `action`, exactly as package.json must spell it. */
export function menuWhen(action: ActionId): string {
  const { kind, states, one } = actions[action] as ActionRule;
  const everyState = statesOf[kind].every((s) => states.includes(s));
  const item = everyState ? `/^${kind}\\./` : `/^${kind}\\.(${states.join('|')})$/`;
  return `view == dockerExplorer.${viewOf[kind]} && viewItem =~ ${item}${one ? ' && !listMultiSelection' : ''}`;
}
