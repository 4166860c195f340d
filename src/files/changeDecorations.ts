import * as vscode from 'vscode';
import type { ChangeKind } from '../docker/containerChanges';
import { changesScheme } from './fileUris';

const decorations: Record<string, { badge: string; color: string; tooltip: () => string }> = {
  A: { badge: 'A', color: 'gitDecoration.addedResourceForeground', tooltip: () => vscode.l10n.t('Added in the writable layer') },
  C: { badge: 'C', color: 'gitDecoration.modifiedResourceForeground', tooltip: () => vscode.l10n.t('Changed in the writable layer') },
  D: { badge: 'D', color: 'gitDecoration.deletedResourceForeground', tooltip: () => vscode.l10n.t('Deleted in the writable layer') },
};

const queries: Record<ChangeKind, string> = { added: 'A', changed: 'C', deleted: 'D' };

/** The URI a Changes row carries: only its decoration reads it (the query is the kind). */
export function changesUri(containerId: string, path: string, kind: ChangeKind | undefined): vscode.Uri {
  return vscode.Uri.from({ scheme: changesScheme, authority: containerId, path, query: kind ? queries[kind] : '' });
}

/** A, C and D on the Changes rows, coloured as source control colours them. */
export class ChangeDecorations implements vscode.FileDecorationProvider {
  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== changesScheme) {
      return undefined;
    }
    const d = decorations[uri.query];
    return d && new vscode.FileDecoration(d.badge, d.tooltip(), new vscode.ThemeColor(d.color));
  }
}
