import type { CommandContext } from '../context';
import { logsOptions } from '../containers/containerLogs';
import { composeStart, composeTitle, composeVerb } from './composeFlow';
import type { ComposeRun } from './composeRun';

/** `docker compose ... logs -f --tail N [-t] [SERVICE...]` in a terminal (the tool's own prefixes); returns once it runs. */
export async function composeLogs(ctx: CommandContext, ...args: unknown[]): Promise<ComposeRun | undefined> {
  const start = await composeStart(ctx, args);
  if (!start) {
    return undefined;
  }
  const { tail, timestamps } = logsOptions();
  const verb = ['logs', '-f', '--tail', String(tail), ...(timestamps ? ['-t'] : []), ...(start.target.services ?? [])];
  return composeVerb(ctx, start, verb, composeTitle('Logs', start), { follow: true, profiles: start.target.profiles });
}
