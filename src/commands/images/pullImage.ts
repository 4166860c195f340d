import * as vscode from 'vscode';
import { familiarImageName, formatImageRef, parseImageRef } from '../../docker/imageRef';
import type { CommandContext } from '../context';
import { pullWithProgress } from './pullWithProgress';

function referenceProblem(value: string): string | undefined {
  try {
    parseImageRef(value);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * `docker pull`: a reference typed (or given by a keybinding or a test, optionally with an
 * AbortSignal), checked before any request, pulled with progress in a cancellable notification.
 */
export async function pullImage(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [given, options] = args as [unknown, { signal?: AbortSignal } | undefined];
  let reference = typeof given === 'string' ? given : undefined;
  if (reference === undefined) {
    reference = await ctx.ui.input({
      title: vscode.l10n.t('Pull Image'),
      prompt: vscode.l10n.t('Image to pull, e.g. nginx, nginx:1.27 or registry.example.com/team/app:2.0 (no tag means latest)'),
      placeHolder: 'nginx:latest',
      ignoreFocusOut: true,
      validateInput: referenceProblem,
    });
    if (reference === undefined) {
      return;
    }
  }
  const problem = referenceProblem(reference);
  if (problem) {
    void ctx.ui.error(problem);
    return;
  }
  const ref = parseImageRef(reference);
  const familiar = familiarImageName(parseImageRef(formatImageRef(ref)));
  const outcome = await pullWithProgress(ctx, familiar, options?.signal);
  if (outcome.result === 'pulled') {
    void ctx.ui.info(vscode.l10n.t('Pulled {0} ({1}).', familiar, outcome.digest ?? vscode.l10n.t('no digest')));
  } else if (outcome.result === 'upToDate') {
    void ctx.ui.info(vscode.l10n.t('Image is up to date: {0} ({1}).', familiar, outcome.digest ?? vscode.l10n.t('no digest')));
  }
}
