import * as vscode from 'vscode';
import { engineAuthConfig } from '../../docker/credentials';
import { parseImageRef } from '../../docker/imageRef';
import { parseRegistryAddress } from '../../docker/registryAddress';
import type { CommandContext } from '../context';
import { engineReady } from '../engineReady';
import { pullWithProgress } from '../images/pullWithProgress';
import { registryTagReference } from './tagArgument';

/** `docker pull REFERENCE` for a tag of the Registries view, with the registry's login when there is one. */
export async function pullTag(ctx: CommandContext, ...args: unknown[]): Promise<boolean> {
  const reference = registryTagReference(ctx, args[0]);
  if (!reference || !(await engineReady(ctx))) return false;
  const address = parseRegistryAddress(parseImageRef(reference).domain);
  const { credentials, problem } = (await ctx.registries?.credentials(address)) ?? {};
  if (problem) ctx.log.error(problem);
  const outcome = await pullWithProgress(ctx, reference, undefined, credentials ? engineAuthConfig(address, credentials) : undefined);
  if (outcome.result === 'pulled' || outcome.result === 'upToDate') {
    void ctx.ui.info(vscode.l10n.t('Pulled {0} ({1}).', reference, outcome.digest ?? vscode.l10n.t('no digest')));
    return true;
  }
  return false;
}
