import type { CommandContext } from '../context';

export function refreshImages(ctx: CommandContext): void {
  ctx.views.images.refresh();
}
