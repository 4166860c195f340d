import type { CommandContext } from '../context';

export function refreshVolumes(ctx: CommandContext): void {
  ctx.views.volumes.refresh();
}
