import * as vscode from 'vscode';
import { dockerConfigPath } from '../../docker/credentials';
import { commandLine } from '../../docker/shell';
import type { CommandContext } from '../context';
import { accountsOf, registryTarget } from './registryArgument';

/**
 * `docker logout REGISTRY`: forgets the login kept here. Credentials in the docker config are the
 * docker CLI's and are left as they are (the message says so). Takes a registry row or an address.
 */
export async function logOut(ctx: CommandContext, ...args: unknown[]): Promise<boolean> {
  const address = await registryTarget(ctx, args[0], vscode.l10n.t('Registry to log out of'));
  if (!address) return false;
  const accounts = accountsOf(ctx);
  ctx.log.command(commandLine(['docker', 'logout', address.host]));
  const had = await accounts.logOut(address);
  const left = (await accounts.credentials(address)).source === 'dockerConfig';
  const message = had
    ? vscode.l10n.t('Logged out of {0}: the login kept here is forgotten.', address.host)
    : vscode.l10n.t('Not logged in to {0} here; nothing to forget.', address.host);
  const also = left
    ? ` ${vscode.l10n.t('The docker config ({0}) still has credentials for it: docker logout {1} removes those.', dockerConfigPath(), address.host)}`
    : '';
  ctx.log.info(message + also);
  void ctx.ui.info(message + also);
  return had;
}
