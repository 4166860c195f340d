// One container row in or out of a laid-out level, found by binary search in the level's sort
// order (src/tree/grouping.ts): a create or remove at the top of 10,000 rows no longer sorts them all
// again (6 ms, 9 to 13 ms in the slowest samples, before the view could fire). No vscode import.
import type { ContainerModel } from '../docker/models';

/** A row of a level: a container row has its model; a heading (a group, a project) has none. */
export type ModelOf<Row> = (row: Row) => ContainerModel | undefined;

/** The first index in [from, to) where `after` holds, for an `after` that is false and then true along the rows. */
function firstWhere(from: number, to: number, after: (index: number) => boolean): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (after(mid)) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}

/** Where the level's container rows start: a level lists its headings first (groupContainers). */
function containersFrom<Row>(rows: readonly Row[], modelOf: ModelOf<Row>): number {
  return firstWhere(0, rows.length, (i) => modelOf(rows[i]) !== undefined);
}

/**
 * The level with `row` added at its place: after every row that sorts before it or with it, where a
 * stable sort of the store's list puts a container the store got last. A new array: the old one is
 * what VS Code was given, and the pages are compared against it.
 */
export function spliceIn<Row>(rows: readonly Row[], row: Row, modelOf: ModelOf<Row>, compare: (a: ContainerModel, b: ContainerModel) => number): Row[] {
  const model = modelOf(row)!;
  const at = firstWhere(containersFrom(rows, modelOf), rows.length, (i) => compare(modelOf(rows[i])!, model) > 0);
  return [...rows.slice(0, at), row, ...rows.slice(at)];
}

/**
 * The level without `row`, found where its model sorts; undefined when it is not there (then the
 * level was not laid out from the models its rows hold, and only a whole layout is right).
 */
export function spliceOut<Row>(rows: readonly Row[], row: Row, modelOf: ModelOf<Row>, compare: (a: ContainerModel, b: ContainerModel) => number): Row[] | undefined {
  const model = modelOf(row);
  if (!model) {
    return undefined;
  }
  for (let i = firstWhere(containersFrom(rows, modelOf), rows.length, (j) => compare(modelOf(rows[j])!, model) >= 0); i < rows.length; i++) {
    if (rows[i] === row) {
      return [...rows.slice(0, i), ...rows.slice(i + 1)];
    }
    if (compare(modelOf(rows[i])!, model) !== 0) {
      return undefined;
    }
  }
  return undefined;
}
