import * as vscode from 'vscode';
import type { ContainerDetails, ContainerModel } from '../docker/models';
import type { NetworkChange, NetworkStore } from '../docker/networkStore';
import type { NetworkModel } from '../docker/networks';
import type { EngineStore, StoreChange } from '../docker/store';
import { containersFirstPageRows, containersPageSize } from './containersProvider';
import { NetworkMemberRows } from './networkMemberRows';
import { endpointsById, NetworkMembership } from './networkMembership';
import { NetworkContainerNode, type NetworkMember } from './nodes/networkContainerNode';
import { NetworkNode } from './nodes/networkNode';
import { PageNode } from './nodes/pageNode';
import { WholeViewRefresh } from './wholeViewRefresh';

export type NetworksTreeNode = NetworkNode | NetworkContainerNode | PageNode;

type ContainerChange = [id: string, before: ContainerModel | undefined, after: ContainerModel | undefined];

const byName = new Intl.Collator();

export interface NetworksViewSettings {
  showBuiltIn: boolean;
}

/**
 * Networks, user-defined first and the built-in ones last (or hidden), each expanding to the
 * containers on it, in page rows past the Containers view's level size. An event for one network
 * re-renders that row; a member's own change (a stop, an address) re-renders its row only; a join
 * or leave re-renders its network's row (which counts them), a rename the level or page it is in.
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
  /** The member rows of each expanded network, with their pages. */
  private readonly memberRows: NetworkMemberRows;
  /** Aliases only inspect knows, per container, asked when its row is fetched. */
  private readonly details = new Map<string, Promise<ContainerDetails | undefined>>();
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    private readonly store: EngineStore,
    private readonly networks: NetworkStore,
    private readonly settings: () => NetworksViewSettings,
    cut = { first: containersFirstPageRows, size: containersPageSize },
  ) {
    this.membership = new NetworkMembership(store.containers);
    this.memberRows = new NetworkMemberRows(
      (network) => this.members(network),
      (network, id) => this.member(network, id),
      (a, b) => byName.compare(a.name, b.name),
      cut,
    );
    this.membership.indexEndpoints(networks.networks.values());
    this.subscriptions = [networks.onChange((c) => this.applyNetworks(c)), store.onChange((c) => c.kind === 'containers' && this.applyContainers(c))];
  }

  /** The setting changed: lay the rows out again. */
  relayout(): void {
    this.roots = undefined;
    this.memberRows.clear();
    this.refresh.request();
  }

  getTreeItem(node: NetworksTreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  async getChildren(node?: NetworksTreeNode): Promise<NetworksTreeNode[]> {
    if (node instanceof NetworkNode) {
      const rows = this.memberRows.children(node);
      await this.fill(rows.filter((r) => r instanceof NetworkContainerNode));
      return rows;
    }
    if (node instanceof PageNode) {
      const rows = this.memberRows.pageRows(node) ?? [];
      await this.fill(rows);
      return rows;
    }
    if (node) {
      return [];
    }
    const status = await this.networks.whenListed();
    return status.state === 'ready' ? this.layout() : [];
  }

  getParent(node: NetworksTreeNode): NetworksTreeNode | undefined {
    if (node instanceof NetworkContainerNode) {
      return this.memberRows.pageOf(node) ?? this.nodes.get(node.network.id);
    }
    return node instanceof PageNode ? this.memberRows.networkOf(node) : undefined;
  }

  resolveTreeItem(item: vscode.TreeItem, node: NetworksTreeNode): vscode.TreeItem {
    if (!(node instanceof PageNode)) item.tooltip = node.tooltip();
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
    return members.sort((a, b) => byName.compare(a.name, b.name));
  }

  /** What only inspect knows of the rows about to be given to VS Code (their aliases), asked once per container until it changes. */
  /** One container as a member of `network`, as members() would list it; undefined when it is not on it. */
  private member(network: NetworkModel, id: string): NetworkMember | undefined {
    const container = this.store.containers.get(id);
    if (!this.membership.isOn(network, id, container)) return undefined;
    const endpoint = network.endpoints.find((e) => e.containerId === id);
    if (container) return { containerId: id, name: container.name, container, endpoint, aliases: [] };
    return endpoint && { containerId: id, name: endpoint.name, endpoint, aliases: [] };
  }

  private async fill(rows: NetworkContainerNode[]): Promise<void> {
    await Promise.all(
      rows.map(async ({ member: m, network }) => {
        const details = await this.detailsOf(m.containerId);
        const attachment = details?.networks.find((n) => n.network === network.name);
        m.aliases = attachment?.aliases ?? [];
        // A stopped container keeps the address it asked for (--ip) only in its config: inspect shows none.
        if (!m.endpoint && attachment?.ipv4) m.endpoint = { containerId: m.containerId, name: m.name, ipv4: attachment.ipv4, ipv6: attachment.ipv6 };
      }),
    );
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
    const changedOn = new Map<string, string[]>();
    if (change.full) {
      this.membership.indexEndpoints(this.networks.networks.values());
    } else {
      [...change.updated, ...change.removed].forEach((id) => changedOn.set(id, this.membership.reindex(id, this.networks.networks.get(id)).changed));
    }
    const hidden = (id: string) => !this.settings().showBuiltIn && this.networks.networks.get(id)?.builtIn === true;
    if (!change.full && change.removed.length === 0 && change.updated.every(hidden)) {
      return;
    }
    if (change.full || change.removed.length > 0 || change.updated.some((id) => !this.nodes.has(id) && !hidden(id))) {
      this.roots = undefined;
      this.details.clear();
      this.memberRows.clear();
      this.refresh.request();
      return;
    }
    for (const id of change.updated.filter((i) => this.nodes.has(i))) {
      this.networkChanged(this.nodes.get(id)!, this.networks.networks.get(id)!, changedOn.get(id) ?? []);
    }
  }

  /**
   * A network the engine changed (a connect, a disconnect, a member's start or stop): its row when
   * what it shows changed (its count), else the level or page of an endpoint-only member that came or
   * went, else the rows of the members whose address changed, each asked of the engine again.
   */
  private networkChanged(node: NetworkNode, now: NetworkModel, changed: string[]): void {
    const heading = this.rowKey(node);
    node.model = now;
    changed.forEach((id) => this.details.delete(id));
    if (this.rowKey(node) !== heading) {
      this.memberRows.relayout(node, changed);
      this.changed.fire(node);
      return;
    }
    const listed = this.store.containers.usersOfNetwork(now.name);
    if (changed.some((id) => !listed.has(id))) {
      const fetch = this.memberRows.relayout(node, changed);
      this.fetchAgain(
        node,
        fetch,
        changed.map((id) => this.memberRows.row(now.id, id)).filter((row) => row !== undefined),
      );
      return;
    }
    const endpoints = endpointsById(now);
    for (const id of changed) {
      const row = this.memberRows.row(now.id, id);
      if (!row) continue;
      row.network = now;
      row.member.endpoint = endpoints.get(id);
      // A row VS Code has not been given is filled when its page is fetched.
      if (this.memberRows.isShown(row)) void this.fill([row]).then(() => this.changed.fire(row));
    }
  }

  /** After a relayout of a network's rows: the network row (level), or the pages that changed and the changed rows outside them. */
  private fetchAgain(node: NetworkNode, fetch: 'level' | PageNode[], rows: NetworkContainerNode[]): void {
    if (fetch === 'level') {
      this.changed.fire(node);
      return;
    }
    fetch.forEach((page) => this.changed.fire(page));
    rows.filter((row) => this.memberRows.isShown(row) && !fetch.includes(this.memberRows.pageOf(row)!)).forEach((row) => this.changed.fire(row));
  }

  private applyContainers(change: StoreChange): void {
    [...change.updated, ...change.removed].forEach((id) => this.details.delete(id));
    if (change.full) {
      this.details.clear();
      // A new picture: every network row counts again (networks are few), with its rows laid out again.
      this.nodes.forEach((node) => (this.memberRows.relayout(node), this.changed.fire(node)));
      return;
    }
    const containers = this.store.containers;
    const changes = [...change.updated, ...change.removed].map((id): ContainerChange => [id, containers.previous(id), containers.get(id)]);
    const touched = this.membership.touched(changes);
    const nodes = new Set([...touched.names].map((name) => this.byName.get(name)));
    touched.ids.forEach((id) => nodes.add(this.nodes.get(id)));
    nodes.forEach((node) => node && this.membersChanged(node, changes));
  }

  /**
   * Containers on this network changed: a join or leave changes its count, so its row is fetched;
   * a rename moves a row (its level or page is fetched); anything else redraws the rows themselves.
   * A network never expanded shows only its count.
   */
  private membersChanged(node: NetworkNode, changes: ContainerChange[]): void {
    const on = (id: string, model: ContainerModel | undefined) => this.membership.isOn(node.model, id, model);
    const mine = changes.filter(([id, before, after]) => on(id, before) || on(id, after));
    if (mine.some(([id, before, after]) => on(id, before) !== on(id, after))) {
      this.memberRows.relayout(
        node,
        mine.map(([id]) => id),
      );
      this.changed.fire(node);
      return;
    }
    if (!this.memberRows.expanded(node.model.id)) {
      return;
    }
    const rows = mine.map(([id]) => this.memberRows.row(node.model.id, id));
    // A rename, or a container the store no longer lists that is still an endpoint (named as the network names it): its place may change.
    if (rows.some((row, i) => !row || row.member.name !== mine[i][2]?.name)) {
      this.fetchAgain(
        node,
        this.memberRows.relayout(
          node,
          mine.map(([id]) => id),
        ),
        rows.filter((row) => !!row),
      );
      return;
    }
    rows.forEach((row, i) => {
      row!.member.container = mine[i][2];
      if (this.memberRows.isShown(row!)) this.changed.fire(row!);
    });
  }

  /** What a network's row shows (NetworkNode.getTreeItem): when it changes, the row (and so its members) is fetched again. */
  private rowKey(node: NetworkNode): string {
    const m = node.model;
    return [m.driver, m.scope, m.builtIn, m.internal, m.attachable, m.pools.find((p) => p.subnet)?.subnet, this.membership.countOn(m)].join('\0');
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
    this.memberRows.clear();
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
