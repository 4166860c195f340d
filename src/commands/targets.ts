import * as vscode from 'vscode';
import { normalizeImageName } from '../docker/imageRef';
import { ContainerModel, ImageModel, isActive, VolumeModel } from '../docker/models';
import { usersByVolume } from '../docker/usage';
import { accepts, ActionId, actions, imageState, RowKind, volumeState } from '../tree/contextValues';
import { shortId } from '../tree/format';
import type { CommandContext } from './context';

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
 */
interface RowLike {
  kind?: string;
  model?: unknown;
  reference?: string;
}

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

async function ready(ctx: CommandContext): Promise<boolean> {
  ctx.store.start();
  const status = await ctx.store.whenSettled();
  return status.state === 'ready';
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

/** A target's state in the table's words, and how a message names one left alone for it. */
interface Look<T> {
  stateOf(target: T): string;
  describe(target: T): string;
}

/** How one kind of target is found among rows, by name, at the engine, and offered in a quick pick. */
interface TargetKind<T> {
  rowKind: RowKind;
  fromRow(row: RowLike): T;
  /** Tells two targets apart: the clicked row among the selected ones. */
  key(target: T): string;
  all(ctx: CommandContext): T[];
  /** Finds what a name or id given as an argument means in the store; undefined when nothing matches. */
  byName(all: T[], name: string): T | undefined;
  /** Asks the engine what a name means, for one the store does not know yet. */
  lookUp(ctx: CommandContext, name: string): Promise<T | undefined>;
  /** The row state of each target (the table's words), as the store sees it. */
  look(ctx: CommandContext): Look<T>;
  /** The targets as the engine has them now, for those the store's picture would leave alone. */
  current?(ctx: CommandContext, targets: T[]): Promise<{ targets: T[]; look: Look<T> }>;
  item(target: T): { label: string; description?: string; detail?: string };
  sortKey?(target: T): string;
  unreachable: string;
  notFound(name: string): string;
  leftAlone(list: string, count: number): string;
}

async function resolveTargets<T>(ctx: CommandContext, args: unknown[], kind: TargetKind<T>, options: TargetOptions): Promise<T[] | undefined> {
  const rule = actions[options.action];
  let targets = rowsOf(args, kind, rule.one);
  if (targets.length === 0) {
    if (!(await ready(ctx))) {
      void ctx.ui.error(kind.unreachable);
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

/** "created, exited": the states an action accepts, for the message that says what it left alone. */
function acceptedStates(action: ActionId): string {
  return actions[action].states.join(', ');
}

function leftAloneMessage(action: ActionId, kind: 'containers' | 'volumes' | 'images'): (list: string, count: number) => string {
  const states = acceptedStates(action);
  return (list, count) => {
    switch (kind) {
      case 'containers':
        return count === 1
          ? vscode.l10n.t('Left alone: {0}. This command acts on containers that are {1}.', list, states)
          : vscode.l10n.t('{0} of the selected containers were left alone: {1}. This command acts on containers that are {2}.', count, list, states);
      case 'volumes':
        return count === 1
          ? vscode.l10n.t('Left alone: {0}. This command acts on volumes that are {1}.', list, states)
          : vscode.l10n.t('{0} of the selected volumes were left alone: {1}. This command acts on volumes that are {2}.', count, list, states);
      case 'images':
        return count === 1
          ? vscode.l10n.t('Left alone: {0}. This command acts on images that are {1}.', list, states)
          : vscode.l10n.t('{0} of the selected images were left alone: {1}. This command acts on images that are {2}.', count, list, states);
    }
  };
}

/** Docker's order: the full id, then the exact name, then an id prefix. */
function containerByName(all: ContainerModel[], name: string): ContainerModel | undefined {
  return (
    all.find((c) => c.id === name) ??
    all.find((c) => c.name === name || `/${c.name}` === name) ??
    (name.length >= 4 ? all.find((c) => c.id.startsWith(name)) : undefined)
  );
}

const containerLook: Look<ContainerModel> = { stateOf: (c) => c.state, describe: (c) => `${c.name} (${c.state})` };

function containerKind(action: ActionId): TargetKind<ContainerModel> {
  return {
    rowKind: 'container',
    fromRow: (row) => row.model as ContainerModel,
    key: (c) => c.id,
    all: (ctx) => [...ctx.store.containers.values()],
    byName: containerByName,
    lookUp: (ctx, name) => ctx.service.findContainer(name),
    look: () => containerLook,
    current: async (ctx, targets) => {
      const now = new Map((await ctx.service.listContainers(targets.map((c) => c.id))).map((c) => [c.id, c]));
      // One the engine no longer lists stays as it was: the operation then says it is gone.
      return { targets: targets.map((c) => now.get(c.id) ?? c), look: containerLook };
    },
    item: (c) => ({ label: c.name, description: `${c.image} · ${c.status}`, detail: shortId(c.id) }),
    sortKey: (c) => c.name,
    get unreachable() {
      return vscode.l10n.t('The Docker Engine is not reachable; see the Containers view.');
    },
    notFound: (name) => vscode.l10n.t('No container is named or has the id "{0}". Check the name in the Containers view.', name),
    leftAlone: leftAloneMessage(action, 'containers'),
  };
}

export function containerTargets(ctx: CommandContext, args: unknown[], options: TargetOptions): Promise<ContainerModel[] | undefined> {
  return resolveTargets(ctx, args, containerKind(options.action), options);
}

/** An image target: the image, and the tag the row or the user named (undefined for an id). */
export interface ImageTarget {
  image: ImageModel;
  reference: string | undefined;
}

function imageByName(all: ImageTarget[], name: string): ImageTarget | undefined {
  // An id names the image itself (all its tags); a reference names one tag.
  const byId = all.find((t) => t.image.id === name || t.image.id === `sha256:${name}` || shortId(t.image.id) === name);
  return byId ? { image: byId.image, reference: undefined } : all.find((t) => t.reference === name || t.reference === normalizeImageName(name));
}

function imageKind(action: ActionId): TargetKind<ImageTarget> {
  return {
    rowKind: 'image',
    fromRow: (row) => ({ image: row.model as ImageModel, reference: row.reference }),
    key: (t) => `${t.image.id}:${t.reference ?? ''}`,
    all: (ctx) =>
      [...ctx.store.images.values()].flatMap((image): ImageTarget[] =>
        image.tags.length > 0 ? image.tags.map((reference) => ({ image, reference })) : [{ image, reference: undefined }],
      ),
    byName: imageByName,
    lookUp: async (ctx, name) => {
      const image = await ctx.service.findImage(name);
      return image && imageByName(image.tags.length > 0 ? image.tags.map((reference) => ({ image, reference })) : [{ image, reference: undefined }], name);
    },
    look: () => ({ stateOf: (t) => imageState(t.image.tags.length === 0), describe: (t) => t.reference ?? shortId(t.image.id) }),
    item: (t) => ({ label: t.reference ?? `<none>:<none> ${shortId(t.image.id)}`, description: shortId(t.image.id) }),
    get unreachable() {
      return vscode.l10n.t('The Docker Engine is not reachable; see the Images view.');
    },
    notFound: (name) => vscode.l10n.t('No local image matches "{0}". Pull it first, or check the name in the Images view.', name),
    leftAlone: leftAloneMessage(action, 'images'),
  };
}

export function imageTargets(ctx: CommandContext, args: unknown[], options: TargetOptions): Promise<ImageTarget[] | undefined> {
  return resolveTargets(ctx, args, imageKind(options.action), options);
}

function volumeLabel(volume: VolumeModel): string {
  return volume.anonymous ? shortId(volume.name) : volume.name;
}

/** In use or not, by the mounts of these containers; one in use is named with its users. */
function volumeLook(containers: Iterable<ContainerModel>): Look<VolumeModel> {
  const mounted = usersByVolume(containers);
  return {
    stateOf: (v) => volumeState(mounted.has(v.name)),
    describe: (v) => {
      const users = (mounted.get(v.name) ?? []).map(({ container: c }) => `${c.name} (${isActive(c) ? vscode.l10n.t('running') : vscode.l10n.t('stopped')})`);
      return users.length > 0 ? vscode.l10n.t('{0} is used by {1}', volumeLabel(v), users.join(', ')) : volumeLabel(v);
    },
  };
}

function volumeKind(action: ActionId): TargetKind<VolumeModel> {
  return {
    rowKind: 'volume',
    fromRow: (row) => row.model as VolumeModel,
    key: (v) => v.name,
    all: (ctx) => [...ctx.store.volumes.values()],
    byName: (all, name) => all.find((v) => v.name === name),
    lookUp: (ctx, name) => ctx.service.findVolume(name),
    // Read when asked, after the store is ready: built earlier, a store never started knew no mounts.
    look: (ctx) => volumeLook(ctx.store.containers.values()),
    current: async (ctx, targets) => ({ targets, look: volumeLook(await ctx.service.listContainers()) }),
    item: (v) => ({ label: v.name, description: v.driver }),
    sortKey: (v) => v.name,
    get unreachable() {
      return vscode.l10n.t('The Docker Engine is not reachable; see the Volumes view.');
    },
    notFound: (name) => vscode.l10n.t('No volume is named "{0}". Check the name in the Volumes view.', name),
    leftAlone: leftAloneMessage(action, 'volumes'),
  };
}

export function volumeTargets(ctx: CommandContext, args: unknown[], options: TargetOptions): Promise<VolumeModel[] | undefined> {
  return resolveTargets(ctx, args, volumeKind(options.action), options);
}
