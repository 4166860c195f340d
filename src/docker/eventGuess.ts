import type { EngineEvent } from './events';
import { composeProjectLabel, composeServiceLabel, type ContainerModel } from './models';

/**
 * What a container event says its row now shows, before the engine's list is asked: the list takes
 * one round trip (35 to 94 ms at 10,000 containers) and can lag the event. A guess is shown at once
 * and the list that follows confirms or corrects it (the store holds one back only while the list
 * still says what it said before the event).
 */
export interface EventGuess {
  model: ContainerModel;
  /** Whether a listed container still shows the state from before the event (the list lags), not an answer. */
  isStale(listed: ContainerModel): boolean;
}

const noArray: never[] = Object.freeze([]) as unknown as never[];

/** The guess for one event on `current` (undefined when the store does not know it, except a create), or none. */
export function guessFromEvent(current: ContainerModel | undefined, event: EngineEvent): EventGuess | undefined {
  if (event.action === 'create') {
    // The engine's create event names the container and its image: one that does not is left to the list.
    return current || !event.attributes.name || !event.attributes.image ? undefined : { model: created(event), isStale: () => false };
  }
  if (!current) {
    return undefined;
  }
  const before = current.engineState;
  const stateGuess = (model: ContainerModel) => ({ model, isStale: (listed: ContainerModel) => listed.engineState === before });
  switch (event.action) {
    case 'start':
      return before === 'running' ? undefined : stateGuess({ ...current, state: 'running', engineState: 'running', status: 'Up Less than a second' });
    case 'pause':
      return before !== 'running' ? undefined : stateGuess({ ...current, state: 'paused', engineState: 'paused', status: `${current.status} (Paused)` });
    case 'unpause':
      return before !== 'paused' ? undefined : stateGuess({ ...current, state: 'running', engineState: 'running', status: current.status.replace(/ \(Paused\)$/, '') });
    case 'die': {
      const exitCode = event.attributes.exitCode;
      if (!/^\d+$/.test(exitCode ?? '') || before === 'exited' || before === 'dead') {
        return undefined;
      }
      return stateGuess({ ...current, state: 'exited', engineState: 'exited', status: `Exited (${exitCode}) Less than a second ago` });
    }
    case 'rename': {
      const name = event.attributes.name?.replace(/^\//, '');
      const oldName = current.name;
      return name && name !== oldName ? { model: { ...current, name }, isStale: (listed) => listed.name === oldName } : undefined;
    }
    default:
      return undefined;
  }
}

/** A container just created, from its create event: name, image and labels are in its attributes; the list adds the rest. */
function created(event: EngineEvent): ContainerModel {
  const { name = event.id.slice(0, 12), image = '' } = event.attributes;
  const project = event.attributes[composeProjectLabel];
  return {
    id: event.id,
    name: name.replace(/^\//, ''),
    image,
    imageId: '',
    command: '',
    created: Math.floor(event.timeNano / 1e9),
    state: 'created',
    engineState: 'created',
    status: 'Created',
    ports: noArray,
    mounts: noArray,
    networks: noArray,
    composeProject: project,
    composeService: project === undefined ? undefined : event.attributes[composeServiceLabel],
  };
}
