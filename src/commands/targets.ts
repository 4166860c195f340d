import * as vscode from 'vscode';
import { normalizeImageName } from '../docker/imageRef';
import type { ContainerModel, ImageModel, VolumeModel } from '../docker/models';
import { shortId } from '../tree/format';
import type { CommandContext } from './context';

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

async function ready(ctx: CommandContext): Promise<boolean> {
  ctx.store.start();
  const status = await ctx.store.whenSettled();
  return status.state === 'ready';
}

export interface TargetOptions<T> {
  many: boolean;
  filter?: (model: T) => boolean;
  placeHolder: string;
  /** Said when nothing matches the filter, e.g. "No running containers to stop." */
  noneMessage: string;
}

export async function containerTargets(ctx: CommandContext, args: unknown[], options: TargetOptions<ContainerModel>): Promise<ContainerModel[] | undefined> {
  const rows = rowsOf(args, 'container');
  if (rows.length > 0) {
    return rows.map((r) => r.model as ContainerModel);
  }
  if (!(await ready(ctx))) {
    void ctx.ui.error(vscode.l10n.t('The Docker Engine is not reachable; see the Containers view.'));
    return undefined;
  }
  const all = [...ctx.store.containers.values()];
  const names = namesOf(args);
  if (names) {
    const found: ContainerModel[] = [];
    for (const name of names) {
      const match = all.find((c) => c.id === name || c.name === name || (name.length >= 4 && c.id.startsWith(name)));
      if (!match) {
        void ctx.ui.error(vscode.l10n.t('No container is named or has the id "{0}". Check the name in the Containers view.', name));
        return undefined;
      }
      found.push(match);
    }
    return found;
  }
  const candidates = all.filter(options.filter ?? (() => true)).sort((a, b) => a.name.localeCompare(b.name));
  if (candidates.length === 0) {
    void ctx.ui.info(options.noneMessage);
    return undefined;
  }
  const items = candidates.map((c) => ({ label: c.name, description: `${c.image} · ${c.status}`, detail: shortId(c.id), value: c }));
  if (options.many) {
    const picked = await ctx.ui.pick(items, { canPickMany: true, placeHolder: options.placeHolder, title: options.placeHolder });
    return picked && picked.length > 0 ? picked : undefined;
  }
  const one = await ctx.ui.pick(items, { placeHolder: options.placeHolder, title: options.placeHolder });
  return one ? [one] : undefined;
}

/** An image target: the image, and the tag the row or the user named (undefined for an id). */
export interface ImageTarget {
  image: ImageModel;
  reference: string | undefined;
}

export async function imageTargets(ctx: CommandContext, args: unknown[], options: TargetOptions<ImageTarget>): Promise<ImageTarget[] | undefined> {
  const rows = rowsOf(args, 'image');
  if (rows.length > 0) {
    return rows.map((r) => ({ image: r.model as ImageModel, reference: r.reference }));
  }
  if (!(await ready(ctx))) {
    void ctx.ui.error(vscode.l10n.t('The Docker Engine is not reachable; see the Images view.'));
    return undefined;
  }
  const all: ImageTarget[] = [...ctx.store.images.values()].flatMap((image): ImageTarget[] =>
    image.tags.length > 0 ? image.tags.map((reference) => ({ image, reference })) : [{ image, reference: undefined }],
  );
  const names = namesOf(args);
  if (names) {
    const found: ImageTarget[] = [];
    for (const name of names) {
      // An id names the image itself (all its tags); a reference names one tag.
      const byId = all.find((t) => t.image.id === name || t.image.id === `sha256:${name}` || shortId(t.image.id) === name);
      const match = byId ? { image: byId.image, reference: undefined } : all.find((t) => t.reference === name || t.reference === normalizeImageName(name));
      if (!match) {
        void ctx.ui.error(vscode.l10n.t('No local image matches "{0}". Pull it first, or check the name in the Images view.', name));
        return undefined;
      }
      found.push(match);
    }
    return found;
  }
  const candidates = all.filter(options.filter ?? (() => true));
  if (candidates.length === 0) {
    void ctx.ui.info(options.noneMessage);
    return undefined;
  }
  const items = candidates.map((t) => ({ label: t.reference ?? `<none>:<none> ${shortId(t.image.id)}`, description: shortId(t.image.id), value: t }));
  if (options.many) {
    const picked = await ctx.ui.pick(items, { canPickMany: true, placeHolder: options.placeHolder, title: options.placeHolder });
    return picked && picked.length > 0 ? picked : undefined;
  }
  const one = await ctx.ui.pick(items, { placeHolder: options.placeHolder, title: options.placeHolder });
  return one ? [one] : undefined;
}

export async function volumeTargets(ctx: CommandContext, args: unknown[], options: TargetOptions<VolumeModel>): Promise<VolumeModel[] | undefined> {
  const rows = rowsOf(args, 'volume');
  if (rows.length > 0) {
    return rows.map((r) => r.model as VolumeModel);
  }
  if (!(await ready(ctx))) {
    void ctx.ui.error(vscode.l10n.t('The Docker Engine is not reachable; see the Volumes view.'));
    return undefined;
  }
  const all = [...ctx.store.volumes.values()];
  const names = namesOf(args);
  if (names) {
    const found: VolumeModel[] = [];
    for (const name of names) {
      const match = all.find((v) => v.name === name);
      if (!match) {
        void ctx.ui.error(vscode.l10n.t('No volume is named "{0}". Check the name in the Volumes view.', name));
        return undefined;
      }
      found.push(match);
    }
    return found;
  }
  const candidates = all.filter(options.filter ?? (() => true)).sort((a, b) => a.name.localeCompare(b.name));
  if (candidates.length === 0) {
    void ctx.ui.info(options.noneMessage);
    return undefined;
  }
  const items = candidates.map((v) => ({ label: v.name, description: v.driver, value: v }));
  if (options.many) {
    const picked = await ctx.ui.pick(items, { canPickMany: true, placeHolder: options.placeHolder, title: options.placeHolder });
    return picked && picked.length > 0 ? picked : undefined;
  }
  const one = await ctx.ui.pick(items, { placeHolder: options.placeHolder, title: options.placeHolder });
  return one ? [one] : undefined;
}
