import type { CommandContext } from '../context';
import { refreshView } from '../refreshView';

export function refreshContainers(ctx: CommandContext): Thenable<void> {
  return refreshView(ctx, 'containers');
}
