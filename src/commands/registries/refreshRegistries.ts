import type { CommandContext } from '../context';
import { accountsOf } from './registryArgument';

/** Lists the registries, their repositories and tags again (`/v2/_catalog`, `/v2/<name>/tags/list`). */
export function refreshRegistries(ctx: CommandContext): void {
  accountsOf(ctx).refresh();
}
