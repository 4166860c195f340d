import type { DockerService } from '../docker/service';
import type { EngineState } from './engineState';
import { ListProvider, TreeNode } from './listProvider';
import { VolumeNode } from './nodes/volumeNode';

export class VolumesProvider extends ListProvider {
  constructor(private readonly service: DockerService, engine: EngineState) {
    super(engine);
  }

  protected async load(): Promise<TreeNode[]> {
    const volumes = await this.service.listVolumes();
    return volumes.sort((a, b) => a.Name.localeCompare(b.Name)).map((v) => new VolumeNode(v));
  }
}
