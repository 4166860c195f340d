/**
 * `docker diff` (`GET /containers/{id}/changes`) as a tree of folders: what the container's
 * writable layer holds. Pure: the rows are built from it, and the unit tests check it alone.
 */

export type ChangeKind = 'changed' | 'added' | 'deleted';

export interface ContainerChange {
  path: string;
  kind: ChangeKind;
}

export interface ChangeTreeEntry {
  /** The full path in the container. */
  path: string;
  name: string;
  /** The engine's kind for this path; undefined for a folder the engine did not list itself. */
  kind: ChangeKind | undefined;
  children: ChangeTreeEntry[];
}

/** The changes as nested folders, each level sorted folders first, then by name. */
export function changesToTree(changes: readonly ContainerChange[]): ChangeTreeEntry[] {
  const root: ChangeTreeEntry = { path: '/', name: '', kind: undefined, children: [] };
  const byPath = new Map<string, ChangeTreeEntry>([['/', root]]);
  const entryFor = (path: string): ChangeTreeEntry => {
    const known = byPath.get(path);
    if (known) {
      return known;
    }
    const cut = path.lastIndexOf('/');
    const parent = entryFor(cut <= 0 ? '/' : path.slice(0, cut));
    const entry: ChangeTreeEntry = { path, name: path.slice(cut + 1), kind: undefined, children: [] };
    parent.children.push(entry);
    byPath.set(path, entry);
    return entry;
  };
  for (const change of changes) {
    const path = change.path.replace(/\/+$/, '') || '/';
    if (path !== '/') {
      entryFor(path).kind = change.kind;
    }
  }
  const sort = (entries: ChangeTreeEntry[]) => {
    entries.sort((a, b) => Number(b.children.length > 0) - Number(a.children.length > 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    entries.forEach((e) => sort(e.children));
  };
  sort(root.children);
  return root.children;
}

/** Every entry of the tree, depth first: what the rows show, in their order. */
export function flattenChangeTree(entries: readonly ChangeTreeEntry[]): ChangeTreeEntry[] {
  return entries.flatMap((e) => [e, ...flattenChangeTree(e.children)]);
}

/**
 * "/a, /b and 41 more": the first few changed paths, for a confirmation. Files before the folders
 * that hold them ("/root/.bash_history" says more than "/root"), and `mountPoints` (the folders a
 * volume is mounted on, which hold nothing of the layer) last.
 */
export function firstPaths(changes: readonly ContainerChange[], shown: number, mountPoints: readonly string[] = []): { paths: string[]; more: number } {
  const folders = new Set(changes.map((c) => c.path.slice(0, c.path.lastIndexOf('/'))));
  const rank = (c: ContainerChange) => (mountPoints.includes(c.path) ? 2 : folders.has(c.path) ? 1 : 0);
  const ordered = changes
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map((x) => x.c);
  return { paths: ordered.slice(0, shown).map((c) => c.path), more: Math.max(0, changes.length - shown) };
}
