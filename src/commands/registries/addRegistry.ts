import * as vscode from 'vscode';
import { parseRegistryAddress, registryAddressProblem } from '../../docker/registryAddress';
import type { CommandContext } from '../context';
import { accountsOf } from './registryArgument';

/** Adds a registry to the Registries view (its address only; a login is Log In's). Takes an address. */
export async function addRegistry(ctx: CommandContext, ...args: unknown[]): Promise<boolean> {
  let raw = typeof args[0] === 'string' ? args[0] : undefined;
  if (raw === undefined) {
    raw = await ctx.ui.input({
      title: vscode.l10n.t('Add Registry'),
      prompt: vscode.l10n.t('Registry address: host[:port], e.g. 127.0.0.1:5000 or registry.example.com (HTTPS; plain HTTP on loopback only)'),
      placeHolder: '127.0.0.1:5000',
      ignoreFocusOut: true,
      validateInput: registryAddressProblem,
    });
    if (raw === undefined) return false;
  }
  const problem = registryAddressProblem(raw);
  if (problem) {
    void ctx.ui.error(problem);
    return false;
  }
  const address = parseRegistryAddress(raw);
  if (!(await accountsOf(ctx).add(address))) {
    void ctx.ui.info(vscode.l10n.t('{0} is already in the Registries view.', address.host));
  }
  return true;
}
