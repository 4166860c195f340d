import type { CommandContext } from '../context';

/** The welcome content's "Show Details": the full reason and every docker command run. */
export function showEngineLog(ctx: CommandContext): void {
  ctx.log.show();
}
