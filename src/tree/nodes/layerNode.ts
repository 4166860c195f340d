import * as vscode from 'vscode';
import type { ImageLayer } from '../../docker/imageHistory';
import { shortInstruction } from '../../docker/imageHistory';
import { displayFormat } from '../format';
import { themeIcon } from '../icons';
import type { ImageNode } from './imageNode';
import { layerTooltip } from '../tooltips';

/** One step of an image's history under its image row, as `docker history` lists it (newest first). */
export class LayerNode {
  readonly kind = 'layer';

  constructor(
    readonly layer: ImageLayer,
    /** Counted from the oldest step, so a row keeps its id whatever is listed above it. */
    readonly position: number,
    readonly parent: ImageNode,
  ) {}

  get id(): string {
    return `${this.parent.id}/layer:${this.position}`;
  }

  getTreeItem(): vscode.TreeItem {
    const l = this.layer;
    const label = shortInstruction(l.instruction) || shortInstruction(l.comment) || vscode.l10n.t('(no instruction recorded)');
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const format = displayFormat(vscode.env.language);
    const parts = [l.empty ? vscode.l10n.t('empty layer') : format.size(l.size), format.age(l.created)];
    if (l.sharedWith) {
      parts.push(vscode.l10n.t('shared'));
    }
    item.description = parts.join(' · ');
    item.accessibilityInformation = { label: `${label}, ${parts.join(', ')}` };
    // The row grammar `<kind>.<state>`: no image action matches `layer.*`.
    item.contextValue = `layer.${l.empty ? 'empty' : 'files'}`;
    item.iconPath = l.empty ? themeIcon('circle-small', 'disabledForeground') : themeIcon(l.sharedWith ? 'layers-dot' : 'layers');
    // The tooltip is built on hover (the provider's resolveTreeItem), not for every row.
    return item;
  }

  tooltip(): vscode.MarkdownString {
    return layerTooltip(this.layer);
  }
}
