import * as vscode from 'vscode';
import { ContainerModel, isRunning } from '../docker/models';
import type { EngineStore, StoreChange } from '../docker/store';
import type { ContainerInside, InsideNode } from './containerInside';
import { compareContainers, ContainerGroupBy, ContainerSortBy, groupContainers, groupKeyOf } from './grouping';
import { ContainerNode } from './nodes/containerNode';
import { GroupNode } from './nodes/groupNode';
import { LevelPages, LevelView, sameRows } from './levelPages';
import { spliceIn, spliceOut } from './levelSplice';
import { PageNode } from './nodes/pageNode';
import { ProjectNode } from './nodes/projectNode';
import { ServiceNode } from './nodes/serviceNode';
import { describeHeading, layoutProject } from './projectLayout';
import { WholeViewRefresh } from './wholeViewRefresh';

export type ContainersTreeNode = GroupNode | ContainerNode | PageNode | InsideNode;

/**
 * Rows a page row holds, and a level's own rows before its page rows: each change to a level (or
 * page) makes VS Code fetch and send all of its rows, so no level or page grows past these. The
 * level's own 100 (a screen is about 30) are what a create or remove at the top costs: at 1000
 * containers its median on the page was 50 ms with 102 rows sent against 107 ms with 502 (BENCHMARKS.md).
 */
export const containersPageSize = 500;
export const containersFirstPageRows = 100;
/** The newest containers the store asks for first, so the view has rows while the whole list comes (StoreOptions.firstPage). */
export const containersFirstPage = 100;

export interface ContainersViewSettings {
  groupBy: ContainerGroupBy;
  sortBy: ContainerSortBy;
  /** Compose projects show a row per service (dockerExplorer.containers.composeServices); off keeps the flat list. */
  composeServices?: boolean;
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
  private readonly children = new Map<string, ContainersTreeNode[]>();
  /** The page rows of each long level (the top, '', or a group's id). */
  private readonly pages: LevelPages;
  /** Each level as VS Code is given it, for the current layout. */
  private readonly views = new Map<string, LevelView<ContainersTreeNode>>();
  /** The container rows VS Code was given: a change to any other row has nothing to update on the page. */
  private shown = new WeakSet<ContainerNode>();
  private readonly subscription: { dispose(): void };
  /** performance.now() when root rows were first handed to VS Code: the start-up benchmark reads it. */
  firstRowsAt: number | undefined;
  /** performance.now() when VS Code first asked for the root rows: the start-up benchmark reads it. */
  firstAskedAt: number | undefined;
  /** The rows under a container row (Changes, Files); without it container rows have none. */
  readonly inside: ContainerInside | undefined;
  /** A tcp:// or ssh:// engine's host, where the ports a tooltip links are published (engineHostOf). */
  private readonly engineHost: () => string | undefined;

  constructor(
    private readonly store: EngineStore,
    private readonly settings: () => ContainersViewSettings,
    options: {
      pageSize?: number;
      firstPageRows?: number;
      inside?: (fire: (node: InsideNode) => void) => ContainerInside;
      engineHost?: () => string | undefined;
    } = {},
  ) {
    this.engineHost = options.engineHost ?? (() => undefined);
    const size = options.pageSize ?? containersPageSize;
    this.pages = new LevelPages({ size, first: options.firstPageRows ?? (options.pageSize ? size : containersFirstPageRows) });
    this.inside = options.inside?.((node) => this.changed.fire(node));
    this.subscription = store.onChange((change) => change.kind === 'containers' && this.apply(change));
  }

  /** Settings changed: regroup everything that is already known. */
  relayout(): void {
    this.roots = undefined;
    this.pages.clear();
    this.views.clear();
    this.shown = new WeakSet();
    this.refresh.request();
  }

  getTreeItem(node: ContainersTreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  async getChildren(node?: ContainersTreeNode): Promise<ContainersTreeNode[]> {
    if (node instanceof GroupNode) {
      this.layout();
      return this.levelRows(node);
    }
    if (node instanceof ContainerNode) {
      return this.inside ? this.inside.childrenOf(node) : [];
    }
    if (node instanceof PageNode) {
      this.layout();
      const rows = this.levelView(node.parent?.id ?? '').pages.find((p) => p.node === node)?.rows ?? [];
      rows.forEach((row) => row instanceof ContainerNode && this.shown.add(row));
      return rows;
    }
    if (node) {
      return this.inside ? this.inside.children(node) : [];
    }
    this.firstAskedAt ??= performance.now();
    // The engine's newest page is enough to show rows; the whole list replaces it when it comes.
    const status = await this.store.whenContainersShown();
    if (status.state === 'failed') {
      return [];
    }
    this.layout();
    const roots = this.levelRows(undefined);
    if (this.firstRowsAt === undefined && roots.length > 0) {
      this.firstRowsAt = performance.now();
    }
    return roots;
  }

  getParent(node: ContainersTreeNode): ContainersTreeNode | undefined {
    if (node instanceof PageNode) {
      return node.parent ? this.groups.get(node.parent.id) : undefined;
    }
    if (!(node instanceof ContainerNode) && !(node instanceof GroupNode)) {
      return node.parent as ContainersTreeNode;
    }
    const parent = node instanceof ContainerNode || node instanceof ServiceNode ? node.parent : undefined;
    this.layout();
    const page = this.levelView(parent?.id ?? '').pages.find((p) => p.rows.includes(node));
    return page?.node ?? (parent ? this.groups.get(parent.id) : undefined);
  }

  /** The row of a container, in whichever level or page it is (Show Changes reveals it). */
  containerRow(id: string): ContainerNode | undefined {
    this.layout();
    return this.nodes.get(id);
  }

  /** A level's own rows (up to the first page), then its page rows. */
  private levelRows(group: GroupNode | undefined): ContainersTreeNode[] {
    const view = this.levelView(group?.id ?? '');
    view.head.forEach((row) => row instanceof ContainerNode && this.shown.add(row));
    return view.pages.length ? [...view.head, ...view.pages.map((p) => p.node)] : view.head;
  }

  private levelView(level: string): LevelView<ContainersTreeNode> {
    let view = this.views.get(level);
    if (!view) {
      const rows = (level ? this.children.get(level) : this.roots) ?? [];
      view = this.pages.ensure(level, level ? this.groups.get(level) : undefined, rows);
      this.views.set(level, view);
    }
    return view;
  }

  /** The row of a compose project, once the view has laid it out (Compose Up reveals it). */
  projectNode(project: string): ProjectNode | undefined {
    this.layout();
    return [...this.groups.values()].find((g): g is ProjectNode => g instanceof ProjectNode && g.project === project);
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
      item.tooltip = node.tooltip(this.engineHost());
    }
    return item;
  }

  private apply(change: StoreChange): void {
    if (change.full) {
      // The rows known so far only (the first page's 100 when the whole list comes): layout() makes the others as it places them.
      for (const [id, node] of this.nodes) {
        const model = this.store.containers.get(id);
        if (model) {
          node.model = model;
          node.details = undefined;
        } else {
          this.nodes.delete(id);
        }
      }
      this.relayout();
      return;
    }
    // Every removed row is forgotten (some() would stop at the first one deleted and keep the rest).
    const gone = change.removed.flatMap((id) => {
      const node = this.nodes.get(id);
      return node && this.nodes.delete(id) ? [node] : [];
    });
    let structural = gone.length > 0;
    const added: ContainerNode[] = [];
    let moved = false;
    const rowsToRender: ContainerNode[] = [];
    const groupsToCount = new Map<string, GroupNode>();
    /** Rows whose sort keys changed inside their level: moved only if they no longer sit between their neighbours. */
    const sortKeyChanged: ContainerNode[] = [];
    for (const id of change.updated) {
      const model = this.store.containers.get(id);
      if (!model) {
        continue;
      }
      const node = this.nodes.get(id);
      if (!node) {
        const created = new ContainerNode(model, undefined);
        this.nodes.set(id, created);
        added.push(created);
        structural = true;
        continue;
      }
      const before = node.model;
      const move = this.movesRow(before, model);
      moved ||= move === true;
      structural ||= moved;
      if (move === 'maybe') {
        sortKeyChanged.push(node);
      }
      node.model = model;
      node.details = undefined;
      // VS Code holds back a row change that follows another within 200 ms: a stop's kill event,
      // which changes nothing on the row, must not delay its die.
      if (!ContainerNode.rendersSame(before, model)) {
        rowsToRender.push(node);
      }
      // A service row's project counts too; a project's row also shows its state (paused, stopped...).
      for (let group = node.parent && this.groups.get(node.parent.id); group; group = group instanceof ServiceNode ? this.groups.get(group.parent.id) : undefined) {
        if (isRunning(before) !== isRunning(model) || (before.state !== model.state && (group instanceof ProjectNode || group instanceof ServiceNode))) {
          groupsToCount.set(group.id, group);
        }
      }
    }
    // Checked once every model of the change is in: each pair of neighbours is then compared with its final models.
    if (!moved && sortKeyChanged.some((node) => this.outOfPlace(node))) {
      moved = true;
      structural = true;
    }
    let fired: GroupNode[];
    let pages: PageNode[] = [];
    if (structural) {
      const one = !moved && added.length + gone.length === 1 ? { added: added[0], gone: gone[0] } : undefined;
      const levels = this.relayoutLevels(one, groupsToCount);
      if (!levels) {
        return; // the whole view
      }
      ({ groups: fired, pages } = levels);
    } else {
      fired = [...groupsToCount.values()].filter((group) => describeHeading(group, this.membersOf(group.id)));
    }
    // A fired group's rows are fetched again with it (a project's, its services' and its expanded pages' too);
    // fired too, they would wait VS Code's 200 ms.
    const refetched = new Set(fired.flatMap((g) => [g.id, ...(this.children.get(g.id) ?? []).filter((c) => c instanceof GroupNode).map((c) => c.id)]));
    fired.filter((g) => !(g instanceof ServiceNode && refetched.has(g.parent.id))).forEach((group) => this.changed.fire(group));
    pages = pages.filter((page) => !(page.parent && refetched.has(page.parent.id)));
    pages.forEach((page) => this.changed.fire(page));
    const pageIds = new Set(pages.map((page) => page.id));
    const inFiredPage = (node: ContainerNode) => {
      const page = pageIds.size > 0 ? this.getParent(node) : undefined;
      return page instanceof PageNode && pageIds.has(page.id);
    };
    rowsToRender
      .filter((node) => this.shown.has(node) && !(node.parent && refetched.has(node.parent.id)) && !inFiredPage(node))
      .forEach((node) => this.changed.fire(node));
  }

  /**
   * Lays the view out again after rows were added, removed or moved. What VS Code must fetch again:
   * the groups whose own rows (or heading) changed and the pages whose rows changed, when the top
   * level's own rows stay as they were; or undefined after a whole-view refresh was requested.
   */
  private relayoutLevels(one: OneRow | undefined, groupsToCount: ReadonlyMap<string, GroupNode>): { groups: GroupNode[]; pages: PageNode[] } | undefined {
    const before = this.roots;
    const beforeChildren = new Map(this.children);
    const headings = new Map([...this.groups.values()].map((g) => [g.id, headingText(g)]));
    this.roots = undefined;
    if (!before) {
      this.relayout(); // VS Code has not asked yet: laid out when it does
      return undefined;
    }
    const top = this.pages.changes('', undefined, before, this.spliceTopLevel(before, one, groupsToCount) ?? this.layout());
    if (top === 'level') {
      // The layout just made is the one VS Code will fetch: not made twice (10 ms at 10,000 containers).
      this.shown = new WeakSet();
      this.refresh.request();
      return undefined;
    }
    const groups = new Set<GroupNode>();
    const pages = [...top];
    for (const group of this.groups.values()) {
      const rows = this.children.get(group.id) ?? [];
      const was = beforeChildren.get(group.id);
      if (was && headings.get(group.id) !== headingText(group)) {
        groups.add(group);
      }
      if (!was || sameRows(was, rows)) {
        continue;
      }
      const changed = this.pages.changes(group.id, group, was, rows);
      if (changed === 'level') {
        groups.add(group);
      } else {
        pages.push(...changed);
      }
    }
    return { groups: [...groups], pages };
  }

  /**
   * The layout after one container row came or went at the top level (outside any group): spliced
   * into the rows VS Code was given, as the whole layout would place it; undefined when the change is
   * anything else, for the whole layout. The headings whose members changed otherwise are described
   * again, as the whole layout describes every heading.
   */
  private spliceTopLevel(before: ContainersTreeNode[], one: OneRow | undefined, groupsToCount: ReadonlyMap<string, GroupNode>): ContainersTreeNode[] | undefined {
    const row = one?.added ?? one?.gone;
    const { groupBy, sortBy } = this.settings();
    if (!row || row.parent || groupKeyOf(row.model, groupBy) !== undefined) {
      return undefined;
    }
    const compare = compareContainers(sortBy);
    const roots = one?.added ? spliceIn(before, row, modelOf, compare) : spliceOut(before, row, modelOf, compare);
    if (!roots) {
      return undefined;
    }
    this.views.clear();
    groupsToCount.forEach((group) => describeHeading(group, this.membersOf(group.id)));
    this.roots = roots;
    return roots;
  }

  /** Every container under a heading, through its service rows. */
  private membersOf(id: string): ContainerModel[] {
    return (this.children.get(id) ?? []).flatMap((c) => (c instanceof ContainerNode ? [c.model] : this.membersOf(c.id)));
  }

  /**
   * Whether a change moves the row to another group (true), may move it within its level because a key
   * its sort reads changed ('maybe': a rename sorted by creation time breaks ties by name), or not (false).
   */
  private movesRow(before: ContainerModel, after: ContainerModel): boolean | 'maybe' {
    const { groupBy, sortBy } = this.settings();
    if (groupKeyOf(before, groupBy) !== groupKeyOf(after, groupBy)) {
      return true;
    }
    return compareContainers(sortBy)(before, after) !== 0 ? 'maybe' : false;
  }

  /** Whether a row, its model changed in place, no longer sorts between its neighbours in its level as laid out. */
  private outOfPlace(node: ContainerNode): boolean {
    const level = node.parent ? this.children.get(node.parent.id) : this.roots;
    const at = level?.indexOf(node) ?? -1;
    if (!level || at < 0 || node.parent instanceof ServiceNode) {
      return true; // not laid out as a plain sorted level: a whole layout says where it goes
    }
    const compare = compareContainers(this.settings().sortBy);
    const prev = level[at - 1];
    const next = level[at + 1];
    return (prev instanceof ContainerNode && compare(prev.model, node.model) > 0) || (next instanceof ContainerNode && compare(node.model, next.model) > 0);
  }

  private layout(): ContainersTreeNode[] {
    if (this.roots) {
      return this.roots;
    }
    this.views.clear();
    const { groupBy, sortBy, composeServices } = this.settings();
    const { groups, ungrouped } = groupContainers(this.store.containers.values(), groupBy, sortBy);
    const nextGroups = new Map<string, GroupNode>();
    this.children.clear();
    const roots: ContainersTreeNode[] = [];
    for (const group of groups) {
      if (groupBy === 'composeProject') {
        const headings = layoutProject(group.key, `${groupBy}:${group.key}`, group.containers, composeServices ?? false, this.groups, (c, parent) =>
          this.place(c, parent),
        );
        for (const { node, children } of headings) {
          nextGroups.set(node.id, node);
          this.children.set(node.id, children);
        }
        roots.push(headings[0].node);
        continue;
      }
      const id = `group:containers:${groupBy}:${group.key}`;
      const node = this.groups.get(id) ?? new GroupNode('containers', `${groupBy}:${group.key}`, group.label, '', groupIcons[groupBy]);
      describeHeading(node, group.containers);
      nextGroups.set(id, node);
      roots.push(node);
      this.children.set(
        id,
        group.containers.map((c) => this.place(c, node)),
      );
    }
    roots.push(...ungrouped.map((c) => this.place(c, undefined)));
    this.groups = nextGroups;
    this.pages.keep(new Set(['', ...nextGroups.keys()]));
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

/** A change that adds or removes one container row and moves no other. */
interface OneRow {
  added?: ContainerNode;
  gone?: ContainerNode;
}

const modelOf = (row: ContainersTreeNode): ContainerModel | undefined => (row instanceof ContainerNode ? row.model : undefined);

/** What a heading shows for its members, to tell whether a layout changed it. */
function headingText(group: GroupNode): string {
  return `${group.description}\n${group instanceof ProjectNode ? group.state : ''}`;
}
