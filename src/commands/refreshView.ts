import * as vscode from 'vscode';
import type { ResourceKind } from '../docker/store';
import type { CommandContext } from './context';

/** Lists one kind again, with progress on its view; failures show in the view, not as notifications. */
export function refreshView(ctx: CommandContext, kind: ResourceKind): Thenable<void> {
  ctx.store.start();
  return vscode.window.withProgress({ location: { viewId: `dockerExplorer.${kind}` } }, () => ctx.store.refresh([kind]));
}
