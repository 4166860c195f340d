import type { CommandContext } from '../context';

export function refreshContainers(ctx: CommandContext): void {
  ctx.views.containers.refresh();
}
