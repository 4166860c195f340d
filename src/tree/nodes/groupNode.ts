import * as vscode from 'vscode';
import { ContextValues } from '../contextValues';
import { themeIcon } from '../icons';

/** A collapsible heading: a compose project, a state or an image in the containers view. */
export class GroupNode {
  readonly kind = 'group';
  readonly id: string;

  constructor(
    readonly view: 'containers' | 'images',
    readonly key: string,
    public label: string,
    public description: string,
    readonly icon: string,
  ) {
    this.id = `group:${view}:${key}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = this.description;
    item.contextValue = ContextValues.group(this.view);
    item.iconPath = themeIcon(this.icon);
    return item;
  }
}
