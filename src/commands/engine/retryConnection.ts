import type { CommandContext } from '../context';

/** After fixing the engine (started it, changed the host), list everything again. */
export function retryConnection(ctx: CommandContext): Promise<void> {
  ctx.store.start();
  return ctx.store.refresh();
}
