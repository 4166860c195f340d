import type { CommandContext } from '../context';
import { refreshView } from '../refreshView';

export function refreshVolumes(ctx: CommandContext): Thenable<void> {
  return refreshView(ctx, 'volumes');
}
