import * as vscode from 'vscode';
import { themeIcon } from '../icons';
import type { ImageNode } from './imageNode';

/** The one row under an image when its layers could not be listed: the project's message, not a notification. */
export class LayersFailedNode {
  readonly kind = 'layersFailed';

  constructor(
    readonly message: string,
    readonly parent: ImageNode,
  ) {}

  get id(): string {
    return `${this.parent.id}/layers-failed`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Cannot list the layers'), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.message;
    item.tooltip = this.message;
    item.iconPath = themeIcon('error', 'errorForeground');
    return item;
  }
}
