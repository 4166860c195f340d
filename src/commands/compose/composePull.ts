import type { CommandContext } from '../context';
import { composeStart, composeTitle, composeVerb } from './composeFlow';
import type { ComposeRun } from './composeRun';

/** `docker compose -f FILE --project-directory DIR [-p NAME] pull [SERVICE...]` in a terminal. */
export async function composePull(ctx: CommandContext, ...args: unknown[]): Promise<ComposeRun | undefined> {
  const start = await composeStart(ctx, args);
  return start && composeVerb(ctx, start, ['pull', ...(start.target.services ?? [])], composeTitle('Pull', start), { profiles: start.target.profiles });
}
