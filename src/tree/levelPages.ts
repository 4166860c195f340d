// How a long level of the containers view is cut into page rows, and what a change to its rows
// changes on the page. The provider keeps the rows and the refresh policy; this keeps the pages.
import { PageNode } from './nodes/pageNode';

/** A level's own rows (`first` of them), then pages of `size` rows each. */
export interface PageCut {
  first: number;
  size: number;
}

/** A level as VS Code is given it: its own rows, then a page row for each page, each with its rows. */
export interface LevelView<Row> {
  head: Row[];
  pages: { node: PageNode; rows: Row[] }[];
}

/**
 * The page rows of every long level, kept between layouts. A page starts at a row, not at a
 * position, so a row added or removed inside it changes that page only and the pages after it keep
 * their rows; the level is cut again (its pages' labels made right) when its own rows change, which
 * fetches the level anyway, or when a page no longer fits (its first row gone or moved, emptied, or
 * grown past twice the size).
 */
export class LevelPages {
  private readonly pages = new Map<string, PageNode[]>();
  /** Levels to cut again when next laid out; their page nodes are kept, so their ids stay with the same objects. */
  private readonly stale = new Set<string>();

  constructor(readonly cut: PageCut) {}

  /** The level cut along its current pages; undefined when they no longer fit its rows. */
  view<Row extends object>(level: string, rows: readonly Row[]): LevelView<Row> | undefined {
    const pages = this.pages.get(level) ?? [];
    if (this.stale.has(level)) {
      return undefined;
    }
    if (pages.length === 0) {
      return rows.length > this.cut.first ? undefined : { head: [...rows], pages: [] };
    }
    const starts: number[] = [];
    for (const page of pages) {
      const at = rows.indexOf(page.first as Row, (starts.at(-1) ?? 0) + 1);
      if (at < 0) {
        return undefined;
      }
      starts.push(at);
    }
    const view: LevelView<Row> = { head: rows.slice(0, starts[0]), pages: [] };
    for (let i = 0; i < pages.length; i++) {
      const slice = rows.slice(starts[i], starts[i + 1] ?? rows.length);
      if (slice.length > 2 * this.cut.size) {
        return undefined;
      }
      view.pages.push({ node: pages[i], rows: slice });
    }
    return view;
  }

  /** Cuts the level again at the fixed sizes; page rows keep their nodes (and ids) by their place. */
  recut<Row extends object>(level: string, parent: { id: string } | undefined, rows: readonly Row[]): LevelView<Row> {
    const { first, size } = this.cut;
    const before = this.pages.get(level) ?? [];
    this.stale.delete(level);
    const view: LevelView<Row> = { head: rows.slice(0, first), pages: [] };
    for (let start = first, index = 1; start < rows.length; start += size, index++) {
      const slice = rows.slice(start, start + size);
      const node = before[index - 1] ?? new PageNode(parent, index, slice[0], 0, 0);
      node.parent = parent;
      node.first = slice[0];
      node.from = start + 1;
      node.to = start + slice.length;
      view.pages.push({ node, rows: slice });
    }
    this.pages.set(
      level,
      view.pages.map((p) => p.node),
    );
    return view;
  }

  /** The level along its pages, cut again first when they no longer fit. */
  ensure<Row extends object>(level: string, parent: { id: string } | undefined, rows: readonly Row[]): LevelView<Row> {
    return this.view(level, rows) ?? this.recut(level, parent, rows);
  }

  /**
   * What VS Code must fetch again after a level's rows went from `before` to `after`: the level
   * itself when its own rows (or its cut) change, else the pages whose rows changed (none: nothing).
   */
  changes<Row extends object>(level: string, parent: { id: string } | undefined, before: readonly Row[], after: readonly Row[]): 'level' | PageNode[] {
    const was = this.view(level, before);
    const now = this.view(level, after);
    if (!was || !now || !sameRows(was.head, now.head) || was.pages.length !== now.pages.length) {
      this.recut(level, parent, after);
      return 'level';
    }
    return now.pages.filter((p, i) => !sameRows(p.rows, was.pages[i].rows)).map((p) => p.node);
  }

  /** Forgets every cut (settings changed, or the whole list came): each level is cut again when laid out. */
  clear(): void {
    [...this.pages.keys()].forEach((level) => this.stale.add(level));
  }

  /** Forgets the levels that are gone. */
  keep(levels: ReadonlySet<string>): void {
    [...this.pages.keys()].filter((level) => !levels.has(level)).forEach((level) => (this.pages.delete(level), this.stale.delete(level)));
  }
}

export function sameRows<Row>(a: readonly Row[] | undefined, b: readonly Row[] | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((row, i) => row === b[i]);
}
