import type { CommandContext } from '../context';
import { refreshView } from '../refreshView';

export function refreshImages(ctx: CommandContext): Thenable<void> {
  return refreshView(ctx, 'images');
}
