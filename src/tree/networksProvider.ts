import * as vscode from 'vscode';
import type { ContainerDetails, ContainerModel } from '../docker/models';
import type { NetworkChange, NetworkStore } from '../docker/networkStore';
import type { NetworkModel } from '../docker/networks';
import type { EngineStore, StoreChange } from '../docker/store';
import { NetworkMembership } from './networkMembership';
import { NetworkContainerNode, type NetworkMember } from './nodes/networkContainerNode';
import { NetworkNode } from './nodes/networkNode';
import { WholeViewRefresh } from './wholeViewRefresh';

export type NetworksTreeNode = NetworkNode | NetworkContainerNode;

export interface NetworksViewSettings {
  showBuiltIn: boolean;
}

/**
 * Networks, user-defined first and the built-in ones last (or hidden), each expanding to the
 * containers on it. An event for one network re-renders that row; a container change re-renders
 * only the networks whose members it changes.
 */
export class NetworksProvider implements vscode.TreeDataProvider<NetworksTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<NetworksTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly refresh = new WholeViewRefresh(() => this.changed.fire(undefined));
  private readonly nodes = new Map<string, NetworkNode>();
  private readonly byName = new Map<string, NetworkNode>();
  private roots: NetworkNode[] | undefined;
  /** Which containers are on which network: a container change costs O(its networks). */
  private readonly membership: NetworkMembership;
  /** Aliases only inspect knows, per container, asked when a network row is expanded. */
  private readonly details = new Map<string, Promise<ContainerDetails | undefined>>();
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    private readonly store: EngineStore,
    private readonly networks: NetworkStore,
    private readonly settings: () => NetworksViewSettings,
  ) {
    this.membership = new NetworkMembership(store.containers);
    this.membership.indexEndpoints(networks.networks.values());
    this.subscriptions = [networks.onChange((c) => this.applyNetworks(c)), store.onChange((c) => c.kind === 'containers' && this.applyContainers(c))];
  }

  /** The setting changed: lay the rows out again. */
  relayout(): void {
    this.roots = undefined;
    this.refresh.request();
  }

  getTreeItem(node: NetworksTreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  async getChildren(node?: NetworksTreeNode): Promise<NetworksTreeNode[]> {
    if (node instanceof NetworkNode) {
      return this.membersOf(node.model);
    }
    if (node) {
      return [];
    }
    const status = await this.networks.whenListed();
    return status.state === 'ready' ? this.layout() : [];
  }

  getParent(node: NetworksTreeNode): NetworksTreeNode | undefined {
    return node instanceof NetworkContainerNode ? this.nodes.get(node.network.id) : undefined;
  }

  resolveTreeItem(item: vscode.TreeItem, node: NetworksTreeNode): vscode.TreeItem {
    item.tooltip = node.tooltip();
    return item;
  }

  /** The containers on a network: those the store lists with it (any state), and live endpoints it has not listed yet. */
  members(network: NetworkModel): NetworkMember[] {
    const endpoints = new Map(network.endpoints.map((e) => [e.containerId, e]));
    const members: NetworkMember[] = [];
    for (const id of this.membership.idsOn(network)) {
      const container = this.store.containers.get(id);
      const endpoint = endpoints.get(id);
      if (container) {
        members.push({ containerId: id, name: container.name, container, endpoint, aliases: [] });
      } else if (endpoint) {
        members.push({ containerId: id, name: endpoint.name, endpoint, aliases: [] });
      }
    }
    return members.sort((a, b) => a.name.localeCompare(b.name));
  }

  private async membersOf(network: NetworkModel): Promise<NetworkContainerNode[]> {
    const members = this.members(network);
    await Promise.all(
      members.map(async (m) => {
        const details = await this.detailsOf(m.containerId);
        const attachment = details?.networks.find((n) => n.network === network.name);
        m.aliases = attachment?.aliases ?? [];
        // A stopped container keeps the address it asked for (--ip) only in its config: inspect shows none.
        if (!m.endpoint && attachment?.ipv4) m.endpoint = { containerId: m.containerId, name: m.name, ipv4: attachment.ipv4, ipv6: attachment.ipv6 };
      }),
    );
    return members.map((m) => new NetworkContainerNode(network, m));
  }

  private detailsOf(containerId: string): Promise<ContainerDetails | undefined> {
    let details = this.details.get(containerId);
    if (!details) {
      details = this.store.containerDetails(containerId).catch(() => undefined);
      this.details.set(containerId, details);
    }
    return details;
  }

  private applyNetworks(change: NetworkChange): void {
    this.membership.indexEndpoints(this.networks.networks.values());
    const hidden = (id: string) => !this.settings().showBuiltIn && this.networks.networks.get(id)?.builtIn === true;
    if (!change.full && change.removed.length === 0 && change.updated.every(hidden)) {
      return;
    }
    if (change.full || change.removed.length > 0 || change.updated.some((id) => !this.nodes.has(id) && !hidden(id))) {
      this.roots = undefined;
      this.details.clear();
      this.refresh.request();
      return;
    }
    for (const id of change.updated.filter((i) => this.nodes.has(i))) {
      const node = this.nodes.get(id)!;
      node.model = this.networks.networks.get(id)!;
      node.model.endpoints.forEach((e) => this.details.delete(e.containerId));
      this.members(node.model).forEach((m) => this.details.delete(m.containerId));
      this.changed.fire(node);
    }
  }

  private applyContainers(change: StoreChange): void {
    [...change.updated, ...change.removed].forEach((id) => this.details.delete(id));
    if (change.full) this.details.clear();
    if (change.full) {
      // A new picture: every network row counts again (networks are few).
      this.nodes.forEach((node) => this.changed.fire(node));
      return;
    }
    const containers = this.store.containers;
    const touched = this.membership.touched(
      [...change.updated, ...change.removed].map((id): [string, ContainerModel | undefined, ContainerModel | undefined] => [
        id,
        containers.previous(id),
        containers.get(id),
      ]),
    );
    const nodes = new Set([...touched.names].map((name) => this.byName.get(name)));
    touched.ids.forEach((id) => nodes.add(this.nodes.get(id)));
    nodes.forEach((node) => node && this.changed.fire(node));
  }

  private layout(): NetworkNode[] {
    if (this.roots) {
      return this.roots;
    }
    const { showBuiltIn } = this.settings();
    const list = [...this.networks.networks.values()]
      .filter((n) => showBuiltIn || !n.builtIn)
      .sort((a, b) => Number(a.builtIn) - Number(b.builtIn) || a.name.localeCompare(b.name));
    this.nodes.clear();
    this.byName.clear();
    this.roots = list.map((n) => {
      const node: NetworkNode = new NetworkNode(n, (): number => this.membership.countOn(node.model));
      this.nodes.set(n.id, node);
      this.byName.set(n.name, node);
      return node;
    });
    return this.roots;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.refresh.dispose();
    this.changed.dispose();
  }
}
