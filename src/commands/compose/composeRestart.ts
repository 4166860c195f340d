import type { CommandContext } from '../context';
import { composeStart, composeTitle, composeVerb } from './composeFlow';
import type { ComposeRun } from './composeRun';

/** `docker compose -f FILE --project-directory DIR [-p NAME] restart [SERVICE...]` in a terminal. */
export async function composeRestart(ctx: CommandContext, ...args: unknown[]): Promise<ComposeRun | undefined> {
  const start = await composeStart(ctx, args);
  return start && composeVerb(ctx, start, ['restart', ...(start.target.services ?? [])], composeTitle('Restart', start), { profiles: start.target.profiles });
}
