import type Docker from 'dockerode';
import { normalizeImageName } from './imageRef';
import { isHelperContainer } from './helperContainers';
import { networkAttachments, type NetworkAttachment } from './networks';

/** The states `docker ps` shows, plus health where the container reports it. */
export type ContainerState = 'running' | 'paused' | 'restarting' | 'exited' | 'created' | 'dead' | 'removing' | 'unhealthy';

export interface PortBinding {
  ip?: string;
  privatePort: number;
  publicPort?: number;
  type: string;
}

export interface MountInfo {
  type: string;
  name?: string;
  source: string;
  destination: string;
  readOnly: boolean;
}

export interface ContainerModel {
  id: string;
  name: string;
  image: string;
  imageId: string;
  command: string;
  created: number;
  /** The engine's state, with `unhealthy` when a running container's health check fails. */
  state: ContainerState;
  engineState: string;
  status: string;
  ports: PortBinding[];
  mounts: MountInfo[];
  networks: string[];
  /** The one label the views use; the others are not kept (images add theirs to every container's). */
  composeProject?: string;
  /** The compose service (com.docker.compose.service) of a project's container. */
  composeService?: string;
  /** Made by the explorer for itself (isHelperContainer): the store keeps it out of the views. */
  helper?: true;
}

export interface ImageModel {
  id: string;
  /** Normalised `registry/path:tag` per tag, empty for a dangling image. */
  tags: string[];
  digests: string[];
  created: number;
  size: number;
  containers: number;
}

export interface VolumeModel {
  name: string;
  driver: string;
  mountpoint: string;
  scope: string;
  created?: string;
  labels: Record<string, string>;
  /** An anonymous volume is one Docker named with 64 hex characters. */
  anonymous: boolean;
}

export const composeProjectLabel = 'com.docker.compose.project';
export const composeServiceLabel = 'com.docker.compose.service';
export const composeWorkingDirLabel = 'com.docker.compose.project.working_dir';

/** Running as `docker ps` counts it: the main process is up (a failing health check included). */
export function isRunning(container: ContainerModel): boolean {
  return container.state === 'running' || container.state === 'unhealthy';
}

/** Its process exists or is about to: stopping it is possible, removing it needs force, its image and volumes are busy. */
export function isActive(container: ContainerModel): boolean {
  return isRunning(container) || container.state === 'paused' || container.state === 'restarting';
}

/** Docker names an anonymous volume with 64 hex characters. */
export function isAnonymousVolumeName(name: string): boolean {
  return /^[0-9a-f]{64}$/.test(name);
}

const interned = new Map<string, string>();
const internLimit = 2048;

/**
 * One copy of a string that many containers repeat (their image, command, status, networks, compose
 * project): JSON.parse makes a new copy per container. Bounded, so unique values only cost churn.
 */
export function intern(text: string): string {
  const known = interned.get(text);
  if (known !== undefined) {
    return known;
  }
  if (interned.size >= internLimit) {
    interned.clear();
  }
  interned.set(text, text);
  return text;
}

/** How many strings the intern table holds (the tests check it stays bounded). */
export function internedCount(): number {
  return interned.size;
}

const noPorts: PortBinding[] = Object.freeze([]) as unknown as PortBinding[];
const noMounts: MountInfo[] = Object.freeze([]) as unknown as MountInfo[];

export function toContainerModel(info: Docker.ContainerInfo): ContainerModel {
  const engineState = intern(info.State ?? 'unknown');
  const status = intern(info.Status ?? '');
  const unhealthy = engineState === 'running' && /\(unhealthy\)/.test(status);
  const composeProject = info.Labels?.[composeProjectLabel];
  const composeService = composeProject === undefined ? undefined : info.Labels?.[composeServiceLabel];
  const name = info.Names?.[0] ?? info.Id.slice(0, 12);
  return {
    id: info.Id,
    name: name.startsWith('/') ? name.slice(1) : name,
    image: intern(info.Image),
    imageId: intern(info.ImageID),
    command: intern(info.Command ?? ''),
    created: info.Created,
    state: unhealthy ? 'unhealthy' : (engineState as ContainerState),
    engineState,
    status,
    ports: info.Ports?.length ? info.Ports.map((p) => ({ ip: p.IP, privatePort: p.PrivatePort, publicPort: p.PublicPort, type: p.Type })) : noPorts,
    mounts: info.Mounts?.length
      ? info.Mounts.map((m) => ({
          type: m.Type,
          name: m.Name,
          source: m.Source,
          destination: m.Destination,
          readOnly: m.RW === false,
        }))
      : noMounts,
    networks: Object.keys(info.NetworkSettings?.Networks ?? {}).map(intern),
    composeProject: composeProject === undefined ? undefined : intern(composeProject),
    composeService: composeService === undefined ? undefined : intern(composeService),
    ...(isHelperContainer(info.Labels) ? { helper: true as const } : {}),
  };
}

export function toImageModel(info: Docker.ImageInfo): ImageModel {
  return {
    id: info.Id,
    tags: (info.RepoTags ?? []).filter((t) => t !== '<none>:<none>').map(normalizeImageName),
    digests: (info.RepoDigests ?? []).filter((d) => !d.startsWith('<none>')),
    created: info.Created,
    size: info.Size,
    containers: info.Containers,
  };
}

/** The inspect answer has another shape than the list one; events use inspect. */
export function imageModelFromInspect(info: Docker.ImageInspectInfo): ImageModel {
  return {
    id: info.Id,
    tags: (info.RepoTags ?? []).filter((t) => t !== '<none>:<none>').map(normalizeImageName),
    digests: (info.RepoDigests ?? []).filter((d) => !d.startsWith('<none>')),
    created: Math.floor(Date.parse(info.Created) / 1000),
    size: info.Size,
    containers: -1,
  };
}

export function toVolumeModel(info: Docker.VolumeInspectInfo & { CreatedAt?: string }): VolumeModel {
  return {
    name: info.Name,
    driver: info.Driver,
    mountpoint: info.Mountpoint,
    scope: info.Scope,
    created: info.CreatedAt,
    labels: info.Labels ?? {},
    anonymous: isAnonymousVolumeName(info.Name),
  };
}

/** What only `docker inspect` knows about a container, for its tooltip. */
export interface ContainerDetails {
  /** As `--link` takes them: name:alias. */
  links: string[];
  volumesFrom: string[];
  /** Each network with the container's addresses and aliases on it. */
  networks: NetworkAttachment[];
}

export function toContainerDetails(info: Docker.ContainerInspectInfo): ContainerDetails {
  // The engine stores a link as "/db:/web/database"; people wrote "db:database".
  const links = ((info.HostConfig?.Links ?? []) as string[]).map((link) => {
    const [source, target] = link.split(':');
    return `${source.replace(/^\//, '')}:${target?.split('/').pop() ?? ''}`;
  });
  return { links, volumesFrom: info.HostConfig?.VolumesFrom ?? [], networks: networkAttachments(info) };
}
