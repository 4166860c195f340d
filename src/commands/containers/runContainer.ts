import type { CommandContext } from '../context';
import { runFlow } from './runFlow';

/** `docker run`: from the palette, an image row, or a RunSpec-like object. */
export function runContainer(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  return runFlow(ctx, 'run', args);
}
