import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { holdEngine } from '../engineReady';

/** Lists the networks again, with progress on their view; failures show in the view. */
export async function refreshNetworks(ctx: CommandContext): Promise<void> {
  const unscoped = holdEngine(ctx);
  try {
    await vscode.window.withProgress({ location: { viewId: 'dockerExplorer.networks' } }, async () => {
      await ctx.store.whenSettled();
      await ctx.networks.refresh();
    });
  } finally {
    unscoped?.dispose();
  }
}
