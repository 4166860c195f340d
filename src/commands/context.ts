import type { DockerService } from '../docker/service';
import type { ContainersProvider } from '../tree/containersProvider';
import type { ImagesProvider } from '../tree/imagesProvider';
import type { VolumesProvider } from '../tree/volumesProvider';

/** What every command handler may use; commands never reach into a tree's internals. */
export interface CommandContext {
  service: DockerService;
  views: {
    containers: ContainersProvider;
    images: ImagesProvider;
    volumes: VolumesProvider;
  };
}

export type CommandHandler = (ctx: CommandContext, ...args: unknown[]) => unknown;
