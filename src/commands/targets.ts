import type { ContainerModel, VolumeModel } from '../docker/models';
import { accepts, ActionId, actions, RowKind } from '../tree/contextValues';
import type { CommandContext } from './context';
import { engineReady } from './engineReady';
import { containerKind, ImageTarget, imageKind, RowLike, TargetKind, volumeKind } from './targetKinds';

export type { ImageTarget } from './targetKinds';

/**
 * What a command acts on. Its first argument is one of:
 * - a tree row (`{ kind: 'container', model }`), with the tree's selection as the second argument
 *   (as VS Code passes them): an action on one thing (the table's `one`) takes the clicked row only,
 *   the others the selected rows of their kind;
 * - an id, a name or an id prefix (a container), a reference or an id (an image), a name (a volume),
 *   or an array of them; one the store does not know yet is looked up at the engine;
 * - a plain object naming them with the docker CLI's words: `{ container: 'web' }`, `{ image:
 *   'nginx:1.27' }`, `{ volume: 'data' }`, or `{ id }`, `{ name }` (each a string or an array);
 * - nothing: a quick pick of what the table accepts.
 * Then the table (src/tree/contextValues.ts) filters the targets by state and says what it left alone.
 * How each kind is found and named is in targetKinds.ts.
 */
function isRow(value: unknown, kind: string): value is RowLike {
  return !!value && typeof value === 'object' && (value as RowLike).kind === kind;
}

function rowsOf<T>(args: unknown[], kind: TargetKind<T>, one: boolean): T[] {
  const [first, selection] = args;
  const clicked = isRow(first, kind.rowKind) ? kind.fromRow(first) : undefined;
  if (one) {
    return clicked ? [clicked] : [];
  }
  const selected = Array.isArray(selection) ? selection.filter((r) => isRow(r, kind.rowKind)).map((r) => kind.fromRow(r)) : [];
  if (clicked && !selected.some((t) => kind.key(t) === kind.key(clicked))) {
    return [clicked];
  }
  return selected.length > 0 ? selected : clicked ? [clicked] : [];
}

function namesOf(args: unknown[], kind: RowKind): string[] | undefined {
  const [first] = args;
  const plain = !!first && typeof first === 'object' && !Array.isArray(first) && !('kind' in first);
  const given = plain ? ((first as Record<string, unknown>)[kind] ?? (first as { id?: unknown }).id ?? (first as { name?: unknown }).name) : first;
  if (typeof given === 'string') {
    return [given];
  }
  if (Array.isArray(given) && given.length > 0 && given.every((x) => typeof x === 'string')) {
    return given as string[];
  }
  return undefined;
}

export interface TargetOptions {
  /** The command's entry in the table: which states it accepts, and whether it acts on one thing. */
  action: ActionId;
  /** The quick pick offers several at once. */
  many: boolean;
  placeHolder: string;
  /** Said when nothing matches the filter, e.g. "No running containers to stop." */
  noneMessage: string;
}

/** Resolves targets of any kind (networks/networkTargets.ts brings its own). */
export async function resolveTargets<T>(ctx: CommandContext, args: unknown[], kind: TargetKind<T>, options: TargetOptions): Promise<T[] | undefined> {
  const rule = actions[options.action];
  let targets = rowsOf(args, kind, rule.one);
  if (targets.length === 0) {
    if (!(await engineReady(ctx))) {
      return undefined;
    }
    const names = namesOf(args, kind.rowKind);
    const found = names ? await byNames(ctx, kind, names) : await pick(ctx, kind, options);
    if (!found) {
      return undefined;
    }
    targets = found;
  }
  return acceptedOnly(ctx, kind, options.action, targets);
}

async function byNames<T>(ctx: CommandContext, kind: TargetKind<T>, names: string[]): Promise<T[] | undefined> {
  const all = kind.all(ctx);
  const found: T[] = [];
  for (const name of names) {
    // The store is an event behind the engine: a name it does not know yet may exist already.
    const match = kind.byName(all, name) ?? (await kind.lookUp(ctx, name).catch(() => undefined));
    if (!match) {
      void ctx.ui.error(kind.notFound(name));
      return undefined;
    }
    found.push(match);
  }
  return found;
}

async function pick<T>(ctx: CommandContext, kind: TargetKind<T>, options: TargetOptions): Promise<T[] | undefined> {
  const { stateOf } = kind.look(ctx);
  const candidates = kind.all(ctx).filter((t) => accepts(options.action, stateOf(t)));
  if (kind.sortKey) {
    candidates.sort((a, b) => kind.sortKey!(a).localeCompare(kind.sortKey!(b)));
  }
  if (candidates.length === 0) {
    void ctx.ui.info(options.noneMessage);
    return undefined;
  }
  const items = candidates.map((target) => ({ ...kind.item(target), value: target }));
  const pickOptions = { placeHolder: options.placeHolder, title: options.placeHolder };
  if (options.many) {
    const picked = await ctx.ui.pick(items, { ...pickOptions, canPickMany: true });
    return picked && picked.length > 0 ? picked : undefined;
  }
  const one = await ctx.ui.pick(items, pickOptions);
  return one ? [one] : undefined;
}

/**
 * Keeps the targets whose state the action accepts and says which it left alone. What the store
 * would leave alone is asked of the engine first: the store may not have seen the last change.
 */
async function acceptedOnly<T>(ctx: CommandContext, kind: TargetKind<T>, action: ActionId, targets: T[]): Promise<T[] | undefined> {
  let look = kind.look(ctx);
  let refused = targets.filter((t) => !accepts(action, look.stateOf(t)));
  if (refused.length > 0 && kind.current) {
    const now = await kind.current(ctx, targets).catch(() => undefined);
    if (now) {
      targets = now.targets;
      look = now.look;
      refused = targets.filter((t) => !accepts(action, look.stateOf(t)));
    }
  }
  if (refused.length > 0) {
    const list = refused.map((t) => look.describe(t)).join(', ');
    void ctx.ui.info(kind.leftAlone(list, refused.length));
  }
  const accepted = targets.filter((t) => !refused.includes(t));
  return accepted.length > 0 ? accepted : undefined;
}

export function containerTargets(ctx: CommandContext, args: unknown[], options: TargetOptions): Promise<ContainerModel[] | undefined> {
  return resolveTargets(ctx, args, containerKind(options.action), options);
}

export function imageTargets(ctx: CommandContext, args: unknown[], options: TargetOptions): Promise<ImageTarget[] | undefined> {
  return resolveTargets(ctx, args, imageKind(options.action), options);
}

export function volumeTargets(ctx: CommandContext, args: unknown[], options: TargetOptions): Promise<VolumeModel[] | undefined> {
  return resolveTargets(ctx, args, volumeKind(options.action), options);
}
