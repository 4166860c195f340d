import * as vscode from 'vscode';
import type { ResourceKind } from '../docker/store';
import type { CommandContext } from './context';
import { holdEngine } from './engineReady';

/** Lists one kind again, with progress on its view; failures show in the view, not as notifications. */
export async function refreshView(ctx: CommandContext, kind: ResourceKind): Promise<void> {
  const unscoped = holdEngine(ctx);
  try {
    await vscode.window.withProgress({ location: { viewId: `dockerExplorer.${kind}` } }, () => ctx.store.refresh([kind]));
  } finally {
    unscoped?.dispose();
  }
}
