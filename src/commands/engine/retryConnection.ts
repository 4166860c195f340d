import type { CommandContext } from '../context';
import { holdEngine } from '../engineReady';

/** After fixing the engine (started it, changed the host), list everything again. */
export function retryConnection(ctx: CommandContext): Promise<void> {
  const unscoped = holdEngine(ctx);
  return ctx.store.refresh().finally(() => unscoped?.dispose());
}
