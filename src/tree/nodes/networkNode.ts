import * as vscode from 'vscode';
import type { NetworkModel } from '../../docker/networks';
import { ContextValues, type NetworkRowState } from '../contextValues';
import { displayFormat } from '../format';
import { themeIcon } from '../icons';
import { networkTooltip } from '../tooltips';

/** One row per network; it expands to the containers on it. */
export class NetworkNode {
  readonly kind = 'network';

  constructor(
    public model: NetworkModel,
    /** How many containers (any state) are on it, as the store knows them. */
    private readonly attached: () => number,
  ) {}

  /** The row's id, which its page rows' ids are made from. */
  get id(): string {
    return `network:${this.model.id}`;
  }

  get state(): NetworkRowState {
    return this.model.builtIn ? 'builtIn' : this.attached() > 0 ? 'inUse' : 'unused';
  }

  getTreeItem(): vscode.TreeItem {
    const m = this.model;
    const count = this.attached();
    const item = new vscode.TreeItem(m.name, count > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const parts = [`${m.driver} · ${m.scope}`];
    if (m.builtIn) parts.push(vscode.l10n.t('built-in'));
    if (m.internal) parts.push(vscode.l10n.t('internal'));
    if (m.attachable) parts.push(vscode.l10n.t('attachable'));
    const subnet = m.pools.find((p) => p.subnet)?.subnet;
    if (subnet) parts.push(subnet);
    if (count > 0) parts.push(count === 1 ? vscode.l10n.t('1 container') : vscode.l10n.t('{0} containers', displayFormat(vscode.env.language).count(count)));
    item.description = parts.join(' · ');
    item.contextValue = ContextValues.network(this.state);
    item.iconPath = themeIcon(m.builtIn ? 'globe' : count > 0 ? 'type-hierarchy' : 'circle-slash');
    return item;
  }

  tooltip(): vscode.MarkdownString {
    return networkTooltip(this.model, this.attached());
  }
}
