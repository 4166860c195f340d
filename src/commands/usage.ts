import { familiarImageName, parseImageRef } from '../docker/imageRef';
import type { ContainerModel, ImageModel } from '../docker/models';
import type { EngineStore } from '../docker/store';
import { usersByImage } from '../docker/usage';
import { shortId } from '../tree/format';

/** The containers (any state) created from an image, by name. */
export function containersUsingImage(store: EngineStore, imageId: string): ContainerModel[] {
  return usersByImage(store.containers.values()).get(imageId) ?? [];
}

/** A tag as people type it (nginx:latest), or the short id of an image without one. */
export function imageDisplayName(image: ImageModel, reference?: string): string {
  if (reference) {
    try {
      return familiarImageName(parseImageRef(reference));
    } catch {
      return reference;
    }
  }
  return shortId(image.id);
}

/** "web, db" for messages. */
export function names(containers: ContainerModel[]): string {
  return containers.map((c) => c.name).join(', ');
}
