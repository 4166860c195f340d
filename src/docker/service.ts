import Docker from 'dockerode';
import { toDockerError } from './errors';

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

  listContainers(): Promise<Docker.ContainerInfo[]> {
    return this.call(() => this.docker.listContainers({ all: true }));
  }

  listImages(): Promise<Docker.ImageInfo[]> {
    return this.call(() => this.docker.listImages({ all: false }));
  }

  async listVolumes(): Promise<Docker.VolumeInspectInfo[]> {
    const result = await this.call(() => this.docker.listVolumes());
    return result.Volumes ?? [];
  }

  protected async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (err) {
      throw toDockerError(err);
    }
  }
}
