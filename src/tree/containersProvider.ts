import * as vscode from 'vscode';
import { ContainerModel, isRunning } from '../docker/models';
import type { EngineStore, StoreChange } from '../docker/store';
import { displayFormat } from './format';
import type { ContainerInside, InsideNode } from './containerInside';
import { ContainerGroupBy, ContainerSortBy, groupContainers, groupKeyOf } from './grouping';
import { ContainerNode } from './nodes/containerNode';
import { GroupNode } from './nodes/groupNode';
import { WholeViewRefresh } from './wholeViewRefresh';

export type ContainersTreeNode = GroupNode | ContainerNode | InsideNode;

export interface ContainersViewSettings {
  groupBy: ContainerGroupBy;
  sortBy: ContainerSortBy;
}

const groupIcons: Record<ContainerGroupBy, string> = {
  composeProject: 'layers',
  state: 'symbol-enum',
  image: 'file-binary',
  none: 'folder',
};

/**
 * Containers, grouped and sorted per settings. Nodes live as long as their container, so an
 * event for one container re-renders that row only; membership changes re-render the list.
 */
export class ContainersProvider implements vscode.TreeDataProvider<ContainersTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ContainersTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly refresh = new WholeViewRefresh(() => this.changed.fire(undefined));
  private readonly nodes = new Map<string, ContainerNode>();
  private groups = new Map<string, GroupNode>();
  private roots: ContainersTreeNode[] | undefined;
  private readonly children = new Map<string, ContainerNode[]>();
  private readonly subscription: { dispose(): void };
  /** performance.now() when root rows were first handed to VS Code: the start-up benchmark reads it. */
  firstRowsAt: number | undefined;
  /** The rows under a container row (Changes, Files); without it container rows have none. */
  readonly inside: ContainerInside | undefined;

  constructor(
    private readonly store: EngineStore,
    private readonly settings: () => ContainersViewSettings,
    inside?: (fire: (node: InsideNode) => void) => ContainerInside,
  ) {
    this.inside = inside?.((node) => this.changed.fire(node));
    this.subscription = store.onChange((change) => change.kind === 'containers' && this.apply(change));
  }

  /** Settings changed: regroup everything that is already known. */
  relayout(): void {
    this.roots = undefined;
    this.refresh.request();
  }

  getTreeItem(node: ContainersTreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  async getChildren(node?: ContainersTreeNode): Promise<ContainersTreeNode[]> {
    if (node instanceof GroupNode) {
      this.layout();
      return this.children.get(node.id) ?? [];
    }
    if (node instanceof ContainerNode) {
      return this.inside ? this.inside.childrenOf(node) : [];
    }
    if (node) {
      return this.inside ? this.inside.children(node) : [];
    }
    const status = await this.store.whenSettled();
    if (status.state === 'failed') {
      return [];
    }
    const roots = this.layout();
    if (this.firstRowsAt === undefined && roots.length > 0) {
      this.firstRowsAt = performance.now();
    }
    return roots;
  }

  getParent(node: ContainersTreeNode): ContainersTreeNode | undefined {
    if (!(node instanceof ContainerNode) && !(node instanceof GroupNode)) {
      return node.parent as ContainersTreeNode;
    }
    return node instanceof ContainerNode && node.parent ? this.groups.get(node.parent.id) : undefined;
  }

  /** Builds a row's tooltip when it is about to show, with what only inspect knows (links, volumes-from). */
  async resolveTreeItem(item: vscode.TreeItem, node: ContainersTreeNode): Promise<vscode.TreeItem> {
    if (node instanceof ContainerNode) {
      if (!node.details) {
        try {
          node.details = await this.store.containerDetails(node.model.id);
        } catch {
          // The basic tooltip is still right; the details are a bonus.
        }
      }
      item.tooltip = node.tooltip();
    }
    return item;
  }

  private apply(change: StoreChange): void {
    if (change.full) {
      const seen = new Set<string>();
      for (const model of this.store.containers.values()) {
        seen.add(model.id);
        const existing = this.nodes.get(model.id);
        if (existing) {
          existing.model = model;
          existing.details = undefined;
        } else {
          this.nodes.set(model.id, new ContainerNode(model, undefined));
        }
      }
      for (const id of [...this.nodes.keys()].filter((id) => !seen.has(id))) {
        this.nodes.delete(id);
      }
      this.relayout();
      return;
    }
    let structural = change.removed.some((id) => this.nodes.delete(id));
    const rowsToRender: ContainerNode[] = [];
    const groupsToCount = new Map<string, GroupNode>();
    for (const id of change.updated) {
      const model = this.store.containers.get(id);
      if (!model) {
        continue;
      }
      const node = this.nodes.get(id);
      if (!node) {
        this.nodes.set(id, new ContainerNode(model, undefined));
        structural = true;
        continue;
      }
      const before = node.model;
      structural ||= this.movesRow(before, model);
      node.model = model;
      node.details = undefined;
      // VS Code holds back a row change that follows another within 200 ms: a stop's kill event,
      // which changes nothing on the row, must not delay its die.
      if (!ContainerNode.rendersSame(before, model)) {
        rowsToRender.push(node);
      }
      const group = node.parent && this.groups.get(node.parent.id);
      if (group && isRunning(before) !== isRunning(model)) {
        groupsToCount.set(group.id, group);
      }
    }
    if (structural) {
      this.relayout();
      return;
    }
    for (const group of groupsToCount.values()) {
      group.description = this.groupDescription((this.children.get(group.id) ?? []).map((c) => c.model));
      this.changed.fire(group);
    }
    // A fired group's rows are fetched again with it; fired too, they would wait VS Code's 200 ms.
    rowsToRender.filter((node) => !(node.parent && groupsToCount.has(node.parent.id))).forEach((node) => this.changed.fire(node));
  }

  /** A group row's "{0} running of {1}". */
  private groupDescription(members: ContainerModel[]): string {
    const format = displayFormat(vscode.env.language);
    const running = members.filter(isRunning).length;
    return vscode.l10n.t('{0} running of {1}', format.count(running), format.count(members.length));
  }

  /** Whether a change moves the row to another group or place, so the list must be laid out again. */
  private movesRow(before: ContainerModel, after: ContainerModel): boolean {
    const { groupBy, sortBy } = this.settings();
    if (groupKeyOf(before, groupBy) !== groupKeyOf(after, groupBy)) {
      return true;
    }
    return (sortBy === 'name' && before.name !== after.name) || (sortBy === 'state' && before.state !== after.state);
  }

  private layout(): ContainersTreeNode[] {
    if (this.roots) {
      return this.roots;
    }
    const { groupBy, sortBy } = this.settings();
    const { groups, ungrouped } = groupContainers(this.store.containers.values(), groupBy, sortBy);
    const nextGroups = new Map<string, GroupNode>();
    this.children.clear();
    const roots: ContainersTreeNode[] = [];
    for (const group of groups) {
      const id = `group:containers:${groupBy}:${group.key}`;
      const node = this.groups.get(id) ?? new GroupNode('containers', `${groupBy}:${group.key}`, group.label, '', groupIcons[groupBy]);
      node.description = this.groupDescription(group.containers);
      nextGroups.set(id, node);
      roots.push(node);
      this.children.set(
        id,
        group.containers.map((c) => this.place(c, node)),
      );
    }
    roots.push(...ungrouped.map((c) => this.place(c, undefined)));
    this.groups = nextGroups;
    this.roots = roots;
    return roots;
  }

  private place(model: ContainerModel, parent: GroupNode | undefined): ContainerNode {
    let node = this.nodes.get(model.id);
    if (!node) {
      node = new ContainerNode(model, parent);
      this.nodes.set(model.id, node);
    }
    node.parent = parent;
    return node;
  }

  dispose(): void {
    this.subscription.dispose();
    this.refresh.dispose();
    this.changed.dispose();
  }
}
