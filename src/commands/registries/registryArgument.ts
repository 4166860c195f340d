import * as vscode from 'vscode';
import { parseRegistryAddress, RegistryAddress, RegistryAddressError } from '../../docker/registryAddress';
import type { CommandContext } from '../context';
import type { RegistryAccounts } from './accounts';

/** A registry row (matched by shape), an address, or `{ registry }`; undefined when none was given. */
export function givenRegistry(arg: unknown): string | RegistryAddress | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && !Array.isArray(arg)) {
    const row = arg as { kind?: unknown; address?: unknown; registry?: unknown };
    if (row.kind === 'registry' && row.address && typeof row.address === 'object') return row.address as RegistryAddress;
    if (typeof row.registry === 'string') return row.registry;
  }
  return undefined;
}

/** The address given, checked (a message and undefined when it is bad), or a pick of the known ones. */
export async function registryTarget(ctx: CommandContext, arg: unknown, placeHolder: string): Promise<RegistryAddress | undefined> {
  const given = givenRegistry(arg);
  if (typeof given === 'object') return given;
  if (typeof given === 'string') {
    try {
      return parseRegistryAddress(given);
    } catch (err) {
      void ctx.ui.error(err instanceof RegistryAddressError ? err.message : String(err));
      return undefined;
    }
  }
  const known = accountsOf(ctx).list();
  if (known.length === 0) {
    void ctx.ui.info(vscode.l10n.t('No registries yet: add one with Add Registry... or log in to one.'));
    return undefined;
  }
  return ctx.ui.pick(
    known.map(({ address, added }) => ({ label: address.host, description: added ? undefined : vscode.l10n.t('from the docker config'), value: address })),
    { placeHolder, title: placeHolder },
  );
}

export function accountsOf(ctx: CommandContext): RegistryAccounts {
  if (!ctx.registries) throw new Error('the registries are not wired in');
  return ctx.registries;
}
