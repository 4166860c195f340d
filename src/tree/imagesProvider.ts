import type { DockerService } from '../docker/service';
import type { EngineState } from './engineState';
import { ListProvider, TreeNode } from './listProvider';
import { ImageNode } from './nodes/imageNode';

export class ImagesProvider extends ListProvider {
  constructor(private readonly service: DockerService, engine: EngineState) {
    super(engine);
  }

  protected async load(): Promise<TreeNode[]> {
    const images = await this.service.listImages();
    return images.flatMap((image) => {
      const tags = (image.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
      return tags.length > 0 ? tags.map((t) => new ImageNode(image, t)) : [new ImageNode(image, undefined)];
    });
  }
}
