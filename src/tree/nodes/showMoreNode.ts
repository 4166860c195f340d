import * as vscode from 'vscode';
import { displayFormat } from '../format';
import { themeIcon } from '../icons';

/**
 * The last row of a level (the view's top or a group) longer than what it shows: VS Code fetches and
 * sends every row of a level each time that level changes, so a level shows a page at a time.
 */
export class ShowMoreNode {
  readonly kind = 'more';
  readonly id: string;

  constructor(
    /** The group this row ends, undefined at the top level. */
    public parent: { id: string } | undefined,
    public shown: number,
    public total: number,
    public pageSize: number,
    /** Shows the next page of this level. */
    readonly showMore: () => void,
  ) {
    this.id = `more:containers:${parent?.id ?? ''}`;
  }

  getTreeItem(): vscode.TreeItem {
    const format = displayFormat(vscode.env.language);
    const next = Math.min(this.pageSize, this.total - this.shown);
    const item = new vscode.TreeItem(vscode.l10n.t('Show {0} more', format.count(next)), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = vscode.l10n.t('{0} of {1} shown', format.count(this.shown), format.count(this.total));
    item.iconPath = themeIcon('ellipsis');
    item.accessibilityInformation = { label: `${item.label as string}, ${item.description}` };
    item.command = { command: 'dockerExplorer.containers.showMore', title: vscode.l10n.t('Show More'), arguments: [this] };
    return item;
  }
}
