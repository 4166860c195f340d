import type { CommandContext } from '../context';
import { runFlow } from './runFlow';

/** `docker create`: the container only, not started. */
export function createContainer(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  return runFlow(ctx, 'create', args);
}
