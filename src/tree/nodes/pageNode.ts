import * as vscode from 'vscode';
import { ContextValues } from '../contextValues';
import { displayFormat } from '../format';
import { themeIcon } from '../icons';

/**
 * A collapsed row for a stretch of a long level (the view's top or a group), as VS Code's debugger
 * shows a long array: VS Code fetches every row of a level on each change to it, so a level keeps
 * its first rows and then one of these per page, each fetching only its own rows when expanded.
 */
export class PageNode {
  readonly kind = 'page';
  readonly id: string;

  constructor(
    /** The group this page is part of, undefined at the top level. */
    public parent: { id: string } | undefined,
    /** Which page of its level (1 is the first after the level's own rows): its id stays with it. */
    readonly index: number,
    /** The row the page starts at: the page keeps its rows when rows are added or removed elsewhere. */
    public first: object,
    /** The positions it had when the level was cut, 1-based, as its label says them. */
    public from: number,
    public to: number,
  ) {
    this.id = `page:containers:${parent?.id ?? ''}:${index}`;
  }

  getTreeItem(): vscode.TreeItem {
    const format = displayFormat(vscode.env.language);
    const item = new vscode.TreeItem(vscode.l10n.t('Containers {0}–{1}', format.count(this.from), format.count(this.to)), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.contextValue = ContextValues.page();
    item.iconPath = themeIcon('list-flat');
    item.accessibilityInformation = { label: vscode.l10n.t('Containers {0} to {1}', format.count(this.from), format.count(this.to)) };
    return item;
  }
}
