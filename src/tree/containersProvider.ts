import type { DockerService } from '../docker/service';
import type { EngineState } from './engineState';
import { ListProvider, TreeNode } from './listProvider';
import { ContainerNode } from './nodes/containerNode';

export class ContainersProvider extends ListProvider {
  constructor(private readonly service: DockerService, engine: EngineState) {
    super(engine);
  }

  protected async load(): Promise<TreeNode[]> {
    const containers = await this.service.listContainers();
    return containers.sort((a, b) => b.Created - a.Created).map((c) => new ContainerNode(c));
  }
}
