import * as vscode from 'vscode';
import { parseRegistryAddress, passwordProblem, registryAddressProblem, RegistryAddress, userNameProblem } from '../../docker/registryAddress';
import { RegistryClient, RegistryError } from '../../docker/registryClient';
import { commandLine } from '../../docker/shell';
import type { CommandContext } from '../context';
import { accountsOf, givenRegistry } from './registryArgument';

interface LogInArgs {
  registry?: unknown;
  username?: unknown;
  password?: unknown;
}

/**
 * `docker login REGISTRY -u USER`: the login is checked against the registry's /v2/ first, then
 * kept in SecretStorage (never in settings, never in the log). Takes a registry row, an address,
 * or `{ registry, username, password }` (which asks nothing). Returns whether it logged in.
 */
export async function logIn(ctx: CommandContext, ...args: unknown[]): Promise<boolean> {
  const [first] = args;
  const plain = (first && typeof first === 'object' && !('kind' in first) ? first : {}) as LogInArgs;
  const accounts = accountsOf(ctx);
  const given = givenRegistry(first);
  let address: RegistryAddress | undefined = typeof given === 'object' ? given : undefined;
  let raw = typeof given === 'string' ? given : undefined;
  if (!address && raw === undefined) {
    raw = await ctx.ui.input({
      title: vscode.l10n.t('Log In to Registry'),
      prompt: vscode.l10n.t('Registry address: host[:port], e.g. 127.0.0.1:5000, ghcr.io, or docker.io for Docker Hub'),
      placeHolder: '127.0.0.1:5000',
      ignoreFocusOut: true,
      validateInput: registryAddressProblem,
    });
    if (raw === undefined) return false;
  }
  if (!address) {
    const problem = registryAddressProblem(raw ?? '');
    if (problem) {
      void ctx.ui.error(problem);
      return false;
    }
    address = parseRegistryAddress(raw ?? '');
  }
  let username = plain.username;
  if (username !== undefined && typeof username !== 'string') username = '';
  if (username === undefined) {
    username = await ctx.ui.input({
      title: vscode.l10n.t('Log In to {0}', address.host),
      prompt: vscode.l10n.t('User name'),
      ignoreFocusOut: true,
      validateInput: userNameProblem,
    });
    if (username === undefined) return false;
  }
  const userProblem = userNameProblem(username as string);
  if (userProblem) {
    void ctx.ui.error(userProblem);
    return false;
  }
  let password = plain.password;
  if (password !== undefined && typeof password !== 'string') password = '';
  if (password === undefined) {
    password = await ctx.ui.input({
      title: vscode.l10n.t('Log In to {0} as {1}', address.host, username as string),
      prompt: vscode.l10n.t('Password or access token (kept in VS Code secret storage, never in settings)'),
      password: true,
      ignoreFocusOut: true,
    });
    if (password === undefined) return false;
  }
  const secretProblem = passwordProblem(password as string);
  if (secretProblem) {
    void ctx.ui.error(secretProblem);
    return false;
  }
  const credentials = { username: username as string, password: password as string };
  ctx.log.command(commandLine(['docker', 'login', address.host, '-u', credentials.username, '--password-stdin']));
  try {
    await new RegistryClient(address, credentials).check();
  } catch (err) {
    const message =
      err instanceof RegistryError && err.code === 'unauthorized'
        ? vscode.l10n.t('{0} refused the login of {1}: check the user name and the password. Nothing was kept.', address.host, credentials.username)
        : vscode.l10n.t('Could not log in to {0}: {1}. Nothing was kept.', address.host, (err as Error).message);
    ctx.log.error(message);
    void ctx.ui.error(message);
    return false;
  }
  await accounts.add(address);
  await accounts.logIn(address, credentials);
  ctx.log.info(vscode.l10n.t('Login Succeeded: {0} as {1}', address.host, credentials.username));
  void ctx.ui.info(vscode.l10n.t('Logged in to {0} as {1}.', address.host, credentials.username));
  return true;
}
