import * as vscode from 'vscode';
import { normalizeImageName } from '../docker/imageRef';
import { ContainerModel, ImageModel, isActive, VolumeModel } from '../docker/models';
import { usersByVolume } from '../docker/usage';
import { containerStatusText } from '../tree/containerStatus';
import { ActionId, actions, imageState, RowKind, volumeState } from '../tree/contextValues';
import { shortId } from '../tree/format';
import type { CommandContext } from './context';

// The three kinds of target (containers, images, volumes): how targets.ts finds each in the
// store and at the engine, reads its state for the table, and names it in messages.

/** A row of any view, as the bundle's node classes carry it (matched by shape, not class). */
export interface RowLike {
  kind?: string;
  model?: unknown;
  reference?: string;
}

/** A target's state in the table's words, and how a message names one left alone for it. */
export interface Look<T> {
  stateOf(target: T): string;
  describe(target: T): string;
}

/** How one kind of target is found among rows, by name, at the engine, and offered in a quick pick. */
export interface TargetKind<T> {
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
  notFound(name: string): string;
  leftAlone(list: string, count: number): string;
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
    all.find((c) => c.id === name) ?? all.find((c) => c.name === name || `/${c.name}` === name) ?? (name.length >= 4 ? all.find((c) => c.id.startsWith(name)) : undefined)
  );
}

const containerLook: Look<ContainerModel> = { stateOf: (c) => c.state, describe: (c) => `${c.name} (${c.state})` };

export function containerKind(action: ActionId): TargetKind<ContainerModel> {
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
    item: (c) => ({ label: c.name, description: `${c.image} · ${containerStatusText(c.status)}`, detail: shortId(c.id) }),
    sortKey: (c) => c.name,
    notFound: (name) => vscode.l10n.t('No container is named or has the id "{0}". Check the name in the Containers view.', name),
    leftAlone: leftAloneMessage(action, 'containers'),
  };
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

export function imageKind(action: ActionId): TargetKind<ImageTarget> {
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
    notFound: (name) => vscode.l10n.t('No local image matches "{0}". Pull it first, or check the name in the Images view.', name),
    leftAlone: leftAloneMessage(action, 'images'),
  };
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

export function volumeKind(action: ActionId): TargetKind<VolumeModel> {
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
    notFound: (name) => vscode.l10n.t('No volume is named "{0}". Check the name in the Volumes view.', name),
    leftAlone: leftAloneMessage(action, 'volumes'),
  };
}
