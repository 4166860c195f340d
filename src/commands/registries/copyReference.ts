import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { registryTagReference } from './tagArgument';

/** Copies a registry tag's reference (`127.0.0.1:5000/team/app:1.0`), as `docker pull` takes it. */
export async function copyReference(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const reference = registryTagReference(ctx, args[0]);
  if (!reference) return undefined;
  await vscode.env.clipboard.writeText(reference);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}.', reference), 3000);
  return reference;
}
