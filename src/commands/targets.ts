import * as vscode from 'vscode';
import { normalizeImageName } from '../docker/imageRef';
import type { ContainerModel, ImageModel, VolumeModel } from '../docker/models';
import { shortId } from '../tree/format';
import type { CommandContext } from './context';
import { engineReady } from './engineReady';

/** A row of any view, as the bundle's node classes carry it (matched by shape, not class). */
interface RowLike {
  kind?: string;
  model?: unknown;
  reference?: string;
}

/**
 * What a command acts on: the rows it was invoked on (the clicked row plus the selection, as
 * VS Code passes them), ids or names given by a keybinding or test, or a quick pick.
 */
function rowsOf(args: unknown[], kind: string): RowLike[] {
  const [first, selection] = args;
  if (Array.isArray(selection) && selection.length > 0) {
    return (selection as RowLike[]).filter((r) => r?.kind === kind);
  }
  return first && typeof first === 'object' && (first as RowLike).kind === kind ? [first as RowLike] : [];
}

function namesOf(args: unknown[]): string[] | undefined {
  const [first] = args;
  if (typeof first === 'string') {
    return [first];
  }
  if (Array.isArray(first) && first.every((x) => typeof x === 'string')) {
    return first as string[];
  }
  return undefined;
}

export interface TargetOptions<T> {
  many: boolean;
  filter?: (model: T) => boolean;
  placeHolder: string;
  /** Said when nothing matches the filter, e.g. "No running containers to stop." */
  noneMessage: string;
}

/** How one kind of target is found among rows, by name, and offered in a quick pick. */
interface TargetKind<T> {
  rowKind: string;
  fromRow(row: RowLike): T;
  all(ctx: CommandContext): T[];
  /** Finds what a name or id given as an argument means; undefined when nothing matches. */
  byName(all: T[], name: string): T | undefined;
  item(target: T): { label: string; description?: string; detail?: string };
  sortKey?(target: T): string;
  notFound(name: string): string;
}

async function resolveTargets<T>(ctx: CommandContext, args: unknown[], kind: TargetKind<T>, options: TargetOptions<T>): Promise<T[] | undefined> {
  const rows = rowsOf(args, kind.rowKind);
  if (rows.length > 0) {
    return rows.map((r) => kind.fromRow(r));
  }
  if (!(await engineReady(ctx))) {
    return undefined;
  }
  const all = kind.all(ctx);
  const names = namesOf(args);
  if (names) {
    const found: T[] = [];
    for (const name of names) {
      const match = kind.byName(all, name);
      if (!match) {
        void ctx.ui.error(kind.notFound(name));
        return undefined;
      }
      found.push(match);
    }
    return found;
  }
  const candidates = all.filter(options.filter ?? (() => true));
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

const containerKind: TargetKind<ContainerModel> = {
  rowKind: 'container',
  fromRow: (row) => row.model as ContainerModel,
  all: (ctx) => [...ctx.store.containers.values()],
  byName: (all, name) => all.find((c) => c.id === name || c.name === name || (name.length >= 4 && c.id.startsWith(name))),
  item: (c) => ({ label: c.name, description: `${c.image} · ${c.status}`, detail: shortId(c.id) }),
  sortKey: (c) => c.name,
  notFound: (name) => vscode.l10n.t('No container is named or has the id "{0}". Check the name in the Containers view.', name),
};

export function containerTargets(ctx: CommandContext, args: unknown[], options: TargetOptions<ContainerModel>): Promise<ContainerModel[] | undefined> {
  return resolveTargets(ctx, args, containerKind, options);
}

/** An image target: the image, and the tag the row or the user named (undefined for an id). */
export interface ImageTarget {
  image: ImageModel;
  reference: string | undefined;
}

const imageKind: TargetKind<ImageTarget> = {
  rowKind: 'image',
  fromRow: (row) => ({ image: row.model as ImageModel, reference: row.reference }),
  all: (ctx) =>
    [...ctx.store.images.values()].flatMap((image): ImageTarget[] =>
      image.tags.length > 0 ? image.tags.map((reference) => ({ image, reference })) : [{ image, reference: undefined }],
    ),
  byName: (all, name) => {
    // An id names the image itself (all its tags); a reference names one tag.
    const byId = all.find((t) => t.image.id === name || t.image.id === `sha256:${name}` || shortId(t.image.id) === name);
    return byId ? { image: byId.image, reference: undefined } : all.find((t) => t.reference === name || t.reference === normalizeImageName(name));
  },
  item: (t) => ({ label: t.reference ?? `<none>:<none> ${shortId(t.image.id)}`, description: shortId(t.image.id) }),
  notFound: (name) => vscode.l10n.t('No local image matches "{0}". Pull it first, or check the name in the Images view.', name),
};

export function imageTargets(ctx: CommandContext, args: unknown[], options: TargetOptions<ImageTarget>): Promise<ImageTarget[] | undefined> {
  return resolveTargets(ctx, args, imageKind, options);
}

const volumeKind: TargetKind<VolumeModel> = {
  rowKind: 'volume',
  fromRow: (row) => row.model as VolumeModel,
  all: (ctx) => [...ctx.store.volumes.values()],
  byName: (all, name) => all.find((v) => v.name === name),
  item: (v) => ({ label: v.name, description: v.driver }),
  sortKey: (v) => v.name,
  notFound: (name) => vscode.l10n.t('No volume is named "{0}". Check the name in the Volumes view.', name),
};

export function volumeTargets(ctx: CommandContext, args: unknown[], options: TargetOptions<VolumeModel>): Promise<VolumeModel[] | undefined> {
  return resolveTargets(ctx, args, volumeKind, options);
}
