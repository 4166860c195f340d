import * as vscode from 'vscode';
import { describeError, showFailure } from '../errorMessages';
import type { CommandContext } from './context';

/**
 * Keeps the events stream running for the rest of this command (a lease in the invocation's
 * scope, released by the registry's wrapper when the handler settles). Outside a scope (a test
 * calling a handler directly) the lease covers only the wait in engineReady.
 */
export function holdEngine(ctx: CommandContext): vscode.Disposable | undefined {
  const lease = ctx.lifetime.lease();
  if (ctx.scope) {
    ctx.scope.hold(lease);
    return undefined;
  }
  return lease;
}

/**
 * The store's picture is in: true once the first full list is there. Otherwise false, and the
 * user is told why (the engine's own reason), unless `quiet` (the caller goes on without it).
 */
export async function engineReady(ctx: CommandContext, options: { quiet?: boolean } = {}): Promise<boolean> {
  const unscoped = holdEngine(ctx);
  try {
    const status = await ctx.store.whenSettled();
    if (status.state === 'ready') {
      return true;
    }
    if (!options.quiet) {
      const engine = ctx.engineDescription || vscode.l10n.t('(no engine configured)');
      const message =
        status.state === 'failed'
          ? describeError(status.error, engine)
          : vscode.l10n.t('The Docker Engine at {0} has not answered yet; the views show its state. Try again in a moment.', engine);
      ctx.log.error(message);
      void showFailure(ctx.ui, ctx.log, message);
    }
    return false;
  } finally {
    unscoped?.dispose();
  }
}
