import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { accountsOf, registryTarget } from './registryArgument';

/** Takes a registry off the Registries view and forgets its login kept here; the registry itself is untouched. */
export async function removeRegistry(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const address = await registryTarget(ctx, args[0], vscode.l10n.t('Registry to remove from the view'));
  if (!address) return;
  await accountsOf(ctx).remove(address);
  void ctx.ui.info(vscode.l10n.t('{0} is no longer listed; its login kept here is forgotten. Nothing in the registry changed.', address.host));
}
