import Docker from 'dockerode';
import { toDockerError } from './errors';
import {
  ContainerDetails,
  ContainerModel,
  ImageModel,
  imageModelFromInspect,
  toContainerDetails,
  toContainerModel,
  toImageModel,
  toVolumeModel,
  VolumeModel,
} from './models';

export interface EngineVersion {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
}

/**
 * Typed operations over one engine. Every failure leaves here as a DockerError, so callers
 * decide what to tell the user from its code alone.
 */
export class DockerService {
  private client: Docker | undefined;

  /** `connect` may throw (a bad host setting): that surfaces as a DockerError on the first call. */
  constructor(private readonly connect: () => Docker.DockerOptions) {}

  get docker(): Docker {
    this.client ??= new Docker(this.connect());
    return this.client;
  }

  async ping(): Promise<void> {
    await this.call(() => this.docker.ping());
  }

  async version(): Promise<EngineVersion> {
    const v = await this.call(() => this.docker.version());
    return { version: v.Version, apiVersion: v.ApiVersion, os: v.Os, arch: v.Arch };
  }

  /** Every container, or only those with the given ids (one request either way). */
  async listContainers(ids?: string[]): Promise<ContainerModel[]> {
    const filters = ids ? { id: ids } : undefined;
    const list = await this.call(() => this.docker.listContainers({ all: true, filters }));
    // The id filter matches prefixes; keep exact matches only.
    const wanted = ids ? new Set(ids) : undefined;
    return list.filter((c) => !wanted || wanted.has(c.Id)).map(toContainerModel);
  }

  async containerDetails(id: string): Promise<ContainerDetails> {
    return toContainerDetails(await this.call(() => this.docker.getContainer(id).inspect()));
  }

  async listImages(): Promise<ImageModel[]> {
    const list = await this.call(() => this.docker.listImages({ all: false }));
    return list.map(toImageModel);
  }

  /** One image by id or reference; undefined when the engine no longer has it. */
  async findImage(idOrRef: string): Promise<ImageModel | undefined> {
    return this.orUndefined(async () => imageModelFromInspect(await this.docker.getImage(idOrRef).inspect()));
  }

  async listVolumes(): Promise<VolumeModel[]> {
    const result = await this.call(() => this.docker.listVolumes());
    return (result.Volumes ?? []).map(toVolumeModel);
  }

  /** One volume by name; undefined when the engine no longer has it. */
  async findVolume(name: string): Promise<VolumeModel | undefined> {
    return this.orUndefined(async () => toVolumeModel(await this.docker.getVolume(name).inspect()));
  }

  protected async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (err) {
      throw toDockerError(err);
    }
  }

  private async orUndefined<T>(operation: () => Promise<T>): Promise<T | undefined> {
    try {
      return await this.call(operation);
    } catch (err) {
      if (toDockerError(err).code === 'notFound') {
        return undefined;
      }
      throw err;
    }
  }
}
