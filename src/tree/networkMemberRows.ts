// The container rows under each network VS Code has expanded, kept between fetches: a member's own
// change re-renders its row only, a join, leave or rename fetches the level or the page it touches,
// and a network with more members than a level holds gets the Containers view's page rows.
import type { NetworkModel } from '../docker/networks';
import { LevelPages, type LevelView, type PageCut } from './levelPages';
import { NetworkContainerNode, type NetworkMember } from './nodes/networkContainerNode';
import type { NetworkNode } from './nodes/networkNode';
import type { PageNode } from './nodes/pageNode';

interface Level {
  network: NetworkNode;
  /** Every member row, in the order the network lists them. */
  rows: NetworkContainerNode[];
  byId: Map<string, NetworkContainerNode>;
  view?: LevelView<NetworkContainerNode>;
}

export class NetworkMemberRows {
  private readonly levels = new Map<string, Level>();
  private readonly pages: LevelPages;
  /** The member rows VS Code was given: a change to any other has nothing to redraw. */
  private shown = new WeakSet<NetworkContainerNode>();

  constructor(
    /** The members of a network, sorted as its rows show them. */
    private readonly members: (network: NetworkModel) => NetworkMember[],
    /** One container as a member of a network, undefined when it is not on it. */
    private readonly member: (network: NetworkModel, containerId: string) => NetworkMember | undefined,
    /** The order of the rows (by name). */
    private readonly compare: (a: NetworkMember, b: NetworkMember) => number,
    cut: PageCut,
  ) {
    this.pages = new LevelPages(cut);
  }

  /** What VS Code is given under a network row: its first members, then a page row per page. */
  children(network: NetworkNode): (NetworkContainerNode | PageNode)[] {
    const view = this.view(network);
    view.head.forEach((row) => this.shown.add(row));
    return view.pages.length ? [...view.head, ...view.pages.map((p) => p.node)] : view.head;
  }

  /** A page row's members; undefined when the page is not one of a network's. */
  pageRows(page: PageNode): NetworkContainerNode[] | undefined {
    const level = this.levelOfPage(page);
    const rows = level && this.view(level.network).pages.find((p) => p.node === page)?.rows;
    rows?.forEach((row) => this.shown.add(row));
    return rows;
  }

  /** The network row a page row is under. */
  networkOf(page: PageNode): NetworkNode | undefined {
    return this.levelOfPage(page)?.network;
  }

  /** The page row a member row is in (undefined: it is one of its network's own rows). */
  pageOf(row: NetworkContainerNode): PageNode | undefined {
    const level = this.levels.get(row.network.id);
    return level && this.view(level.network).pages.find((p) => p.rows.includes(row))?.node;
  }

  /** A member's row, once its network was expanded. */
  row(networkId: string, containerId: string): NetworkContainerNode | undefined {
    return this.levels.get(networkId)?.byId.get(containerId);
  }

  /** Whether VS Code was given this row (a redraw of any other is wasted). */
  isShown(row: NetworkContainerNode): boolean {
    return this.shown.has(row);
  }

  /** Whether VS Code has the network's members (it was expanded since it was last laid out). */
  expanded(networkId: string): boolean {
    return this.levels.has(networkId);
  }

  /**
   * Members joined, left, were renamed (or the network row is about to be fetched anyway): the rows
   * are laid out again. What VS Code must fetch: 'level' (the network row), the pages whose rows
   * changed, or nothing; a network never expanded has nothing to fetch. Given the containers that
   * changed, only their rows are taken out and put back in their place (a sort of 10,000 names
   * took about 70 ms of the extension host on a join).
   */
  relayout(network: NetworkNode, changed?: readonly string[]): 'level' | PageNode[] {
    const level = this.levels.get(network.model.id);
    if (!level) {
      return [];
    }
    const before = level.rows;
    if (changed && changed.length <= 64 && level.network === network) {
      this.place(level, network.model, changed);
    } else {
      this.build(level, network);
    }
    level.view = undefined;
    return this.pages.changes(network.model.id, network, before, level.rows);
  }

  /** Forgets every network's rows (the networks were laid out again, or a whole new list came). */
  clear(): void {
    this.levels.clear();
    this.pages.clear();
    this.shown = new WeakSet();
  }

  private view(network: NetworkNode): LevelView<NetworkContainerNode> {
    let level = this.levels.get(network.model.id);
    if (!level || level.network !== network) {
      level = { network, rows: [], byId: level?.byId ?? new Map() };
      this.build(level, network);
      this.levels.set(network.model.id, level);
      this.pages.keep(new Set(this.levels.keys()));
    }
    level.view ??= this.pages.ensure(network.model.id, network, level.rows);
    return level.view;
  }

  /** The level's rows from the network's members now; a member keeps its row object (and the aliases it was given). */
  private build(level: Level, network: NetworkNode): void {
    const byId = new Map<string, NetworkContainerNode>();
    level.network = network;
    level.rows = this.members(network.model).map((member) => {
      let row = level.byId.get(member.containerId);
      if (row) {
        row.network = network.model;
        row.member = { ...member, aliases: row.member.aliases };
      } else {
        row = new NetworkContainerNode(network.model, member);
      }
      byId.set(member.containerId, row);
      return row;
    });
    level.byId = byId;
  }

  /** Each changed container's row out of the level, and back in at its place by name if it is still a member. */
  private place(level: Level, network: NetworkModel, changed: readonly string[]): void {
    const rows = level.rows.slice();
    for (const id of new Set(changed)) {
      const old = level.byId.get(id);
      if (old) rows.splice(rows.indexOf(old), 1);
      level.byId.delete(id);
      const member = this.member(network, id);
      if (!member) continue;
      const row = old ?? new NetworkContainerNode(network, member);
      if (old) {
        row.network = network;
        row.member = { ...member, aliases: old.member.aliases };
      }
      // After every row that sorts before it or equal to it: where a stable sort of the whole list puts it.
      let lo = 0;
      for (let hi = rows.length; lo < hi;) {
        const mid = (lo + hi) >> 1;
        if (this.compare(rows[mid].member, row.member) <= 0) lo = mid + 1;
        else hi = mid;
      }
      rows.splice(lo, 0, row);
      level.byId.set(id, row);
    }
    level.rows = rows;
  }

  private levelOfPage(page: PageNode): Level | undefined {
    const level = [...this.levels.values()].find((l) => l.network === page.parent);
    return level;
  }
}
