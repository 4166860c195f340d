import { familiarImageName, parseImageRef } from '../docker/imageRef';
import type { ContainerModel, ImageModel } from '../docker/models';
import { usersByImage } from '../docker/usage';
import { shortId } from '../tree/format';
import type { CommandContext } from './context';

/** Above this many, one full list is cheaper (and shorter to send) than an id filter. */
const idFilterLimit = 50;

/**
 * The given containers as the engine has them now (state, mounts), in the same order; one the
 * engine no longer lists stays as given, so the request that follows says it is gone.
 */
export async function containersNow(ctx: CommandContext, containers: ContainerModel[]): Promise<ContainerModel[]> {
  const ids = containers.map((c) => c.id);
  const listed = await ctx.service.listContainers(ids.length <= idFilterLimit ? ids : undefined);
  const now = new Map(listed.map((c) => [c.id, c]));
  return containers.map((c) => now.get(c.id) ?? c);
}

/** The containers (any state) created from an image, as the engine lists them now, by name. */
export async function containersUsingImage(ctx: CommandContext, imageId: string): Promise<ContainerModel[]> {
  return usersByImage(await ctx.service.listContainers()).get(imageId) ?? [];
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
