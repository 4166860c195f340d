import type { ContainerModel } from '../../../src/docker/models';
import type { NetworkModel } from '../../../src/docker/networks';

// The models unit tests and benches build their pictures of the engine from: one of each, changed per test.

/** A container as the store lists it: running on image `sha256:a` unless `changes` say otherwise. */
export function container(id: string, changes: Partial<ContainerModel> = {}): ContainerModel {
  return {
    id,
    name: `c-${id}`,
    image: 'busybox:latest',
    imageId: 'sha256:a',
    command: 'sleep 3600',
    created: 1_700_000_000,
    state: 'running',
    engineState: 'running',
    status: 'Up 5 minutes',
    ports: [],
    mounts: [],
    networks: [],
    ...changes,
  };
}

export const stopped: Partial<ContainerModel> = { state: 'exited', engineState: 'exited', status: 'Exited (0) 1 second ago' };

/** A user-defined bridge network (id `id-NAME`) with no members unless `changes` say otherwise. */
export function network(name: string, changes: Partial<NetworkModel> = {}): NetworkModel {
  return {
    id: `id-${name}`,
    name,
    driver: 'bridge',
    scope: 'local',
    internal: false,
    attachable: false,
    ingress: false,
    enableIPv6: false,
    ipamDriver: 'default',
    pools: [],
    options: {},
    labels: {},
    builtIn: false,
    endpoints: [],
    ...changes,
  };
}
