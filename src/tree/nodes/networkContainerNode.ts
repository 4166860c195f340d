import * as vscode from 'vscode';
import { isRunning, type ContainerModel } from '../../docker/models';
import type { NetworkEndpoint, NetworkModel } from '../../docker/networks';
import { ContextValues } from '../contextValues';
import { themeIcon } from '../icons';
import { networkContainerTooltip } from '../tooltips';

/** What a container row under a network shows: its addresses there and the aliases it answers to. */
export interface NetworkMember {
  containerId: string;
  name: string;
  /** The container as the store lists it; undefined for an endpoint the store has not listed yet. */
  container?: ContainerModel;
  endpoint?: NetworkEndpoint;
  aliases: string[];
}

/** A container attached to a network, under that network's row. */
export class NetworkContainerNode {
  readonly kind = 'networkContainer';

  constructor(
    /** Both change with the engine: the row object stays, so VS Code can be told to redraw it alone. */
    public network: NetworkModel,
    public member: NetworkMember,
  ) {}

  /** Running as docker ps counts it; an endpoint exists only while the container runs. */
  get running(): boolean {
    return this.member.container ? isRunning(this.member.container) : this.member.endpoint !== undefined;
  }

  getTreeItem(): vscode.TreeItem {
    const m = this.member;
    const item = new vscode.TreeItem(m.name, vscode.TreeItemCollapsibleState.None);
    item.id = `network:${this.network.id}/container:${m.containerId}`;
    const parts: string[] = [];
    const address = [m.endpoint?.ipv4, m.endpoint?.ipv6].filter((a) => a).join(', ');
    if (address) parts.push(address);
    if (m.aliases.length > 0) parts.push(vscode.l10n.t('aliases {0}', m.aliases.join(', ')));
    parts.push(this.running ? vscode.l10n.t('running') : vscode.l10n.t('not running'));
    item.description = parts.join(' · ');
    item.contextValue = ContextValues.networkContainer(this.running);
    item.iconPath = themeIcon(this.running ? 'vm-running' : 'vm-outline', this.running ? 'charts.green' : undefined);
    item.accessibilityInformation = { label: `${m.name}, ${item.description}` };
    return item;
  }

  tooltip(): vscode.MarkdownString {
    return networkContainerTooltip(this.network, this.member, this.running);
  }
}
