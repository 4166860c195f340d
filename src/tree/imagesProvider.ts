import * as vscode from 'vscode';
import type { ImageLayer } from '../docker/imageHistory';
import { markShared } from '../docker/imageHistory';
import type { ContainerModel } from '../docker/models';
import type { EngineStore, StoreChange } from '../docker/store';
import { describeFailure } from '../errorMessages';
import { displayFormat } from './format';
import { danglingImagesKey, groupImages } from './grouping';
import { GroupNode } from './nodes/groupNode';
import { ImageNode } from './nodes/imageNode';
import { LayerNode } from './nodes/layerNode';
import { LayersFailedNode } from './nodes/layersFailedNode';
import { WholeViewRefresh } from './wholeViewRefresh';

export type ImagesTreeNode = GroupNode | ImageNode | LayerNode | LayersFailedNode;

/** Where an image row's layers come from: the service's one history request. */
export interface ImageLayerSource {
  imageHistory(id: string): Promise<ImageLayer[]>;
}

/** Images grouped by repository, one row per tag; untagged (dangling) images in a group of their own. */
export class ImagesProvider implements vscode.TreeDataProvider<ImagesTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ImagesTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly refresh = new WholeViewRefresh(() => this.changed.fire(undefined));
  private roots: GroupNode[] | undefined;
  private readonly children = new Map<string, ImageNode[]>();
  /** Each image's rows, as laid out: a container change fires the rows of the images whose in-use state it changed. */
  private readonly rowsOf = new Map<string, ImageNode[]>();
  /** The images in use (an active container), as the rows show them. */
  private inUse = new Set<string>();
  private readonly subscription: { dispose(): void };
  /** Each image id's history, asked once: an image id names fixed content. Cleared when the images change. */
  private readonly histories = new Map<string, Promise<ImageLayer[]>>();

  constructor(
    private readonly store: EngineStore,
    private readonly layers: ImageLayerSource,
    private readonly engineDescription: () => string = () => '',
  ) {
    this.subscription = store.onChange((change) => this.apply(change));
    this.inUse = this.imagesInUse();
  }

  getTreeItem(node: ImagesTreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  async getChildren(node?: ImagesTreeNode): Promise<ImagesTreeNode[]> {
    if (node instanceof GroupNode) {
      this.layout();
      return this.children.get(node.id) ?? [];
    }
    if (node instanceof ImageNode) {
      return this.layersOf(node);
    }
    if (node) {
      return [];
    }
    const status = await this.store.whenSettled();
    return status.state === 'failed' ? [] : this.layout();
  }

  resolveTreeItem(item: vscode.TreeItem, node: ImagesTreeNode): vscode.TreeItem {
    if (node instanceof ImageNode || node instanceof LayerNode) {
      item.tooltip = node.tooltip();
    }
    return item;
  }

  getParent(node: ImagesTreeNode): ImagesTreeNode | undefined {
    if (node instanceof LayerNode || node instanceof LayersFailedNode) {
      return node.parent;
    }
    return node instanceof ImageNode ? this.roots?.find((g) => g.id === node.parent.id) : undefined;
  }

  /** The image's layers, newest first; a failure is one row with the project's message, not a notification. */
  private async layersOf(node: ImageNode): Promise<(LayerNode | LayersFailedNode)[]> {
    const id = node.model.id;
    let history = this.histories.get(id);
    if (!history) {
      history = this.layers.imageHistory(id);
      this.histories.set(id, history);
      history.catch(() => this.histories.get(id) === history && this.histories.delete(id));
    }
    try {
      const layers = markShared(await history, id, this.store.images.values());
      return layers.map((layer, i) => new LayerNode(layer, layers.length - 1 - i, node));
    } catch (err) {
      return [new LayersFailedNode(describeFailure(err, this.engineDescription()), node)];
    }
  }

  /** The containers created from an image, any state, by name (a tooltip's list: built when it shows). */
  containersUsing(imageId: string): ContainerModel[] {
    const { containers } = this.store;
    return [...containers.usersOfImage(imageId)]
      .map((id) => containers.get(id))
      .filter((c): c is ContainerModel => c !== undefined)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  private apply(change: StoreChange): void {
    if (change.kind === 'containers') {
      // Container events are the frequent ones: only the images of the containers named, and only when their in-use icon changes.
      if (change.full) {
        const inUse = this.imagesInUse();
        const same = inUse.size === this.inUse.size && [...inUse].every((id) => this.inUse.has(id));
        this.inUse = inUse;
        if (!same) this.refresh.request();
        return;
      }
      const { containers } = this.store;
      const images = new Set<string>();
      for (const id of [...change.updated, ...change.removed]) {
        const before = containers.previous(id)?.imageId;
        const after = containers.get(id)?.imageId;
        if (before !== undefined) images.add(before);
        if (after !== undefined) images.add(after);
      }
      for (const imageId of images) {
        const inUse = containers.activeUsersOfImage(imageId) > 0;
        if (inUse === this.inUse.has(imageId)) continue;
        if (inUse) this.inUse.add(imageId);
        else this.inUse.delete(imageId);
        this.rowsOf.get(imageId)?.forEach((row) => this.changed.fire(row));
      }
      return;
    }
    if (change.kind === 'images') {
      // Images are few: an image change lays the view out again from the store, with no engine request.
      this.roots = undefined;
      this.inUse = this.imagesInUse();
      // Forgets removed images' histories (and the tags history entries carry); an expanded row asks once more.
      this.histories.clear();
      this.refresh.request();
    }
  }

  /** The store's images that an active container holds (O(images), from the store's counts). */
  private imagesInUse(): Set<string> {
    return new Set([...this.store.images.keys()].filter((id) => this.store.containers.activeUsersOfImage(id) > 0));
  }

  private layout(): GroupNode[] {
    if (this.roots) {
      return this.roots;
    }
    this.children.clear();
    this.rowsOf.clear();
    const format = displayFormat(vscode.env.language);
    this.roots = groupImages(this.store.images.values()).map(({ key, rows }) => {
      const dangling = key === danglingImagesKey;
      const label = dangling ? vscode.l10n.t('Dangling images (<none>:<none>)') : key;
      const group = new GroupNode('images', key, label, format.count(rows.length), dangling ? 'circle-slash' : 'repo');
      const nodes = rows.map(
        (r) =>
          new ImageNode(
            r.image,
            r.reference,
            group,
            () => this.containersUsing(r.image.id),
            () => this.inUse.has(r.image.id),
          ),
      );
      nodes.forEach((node) => this.rowsOf.set(node.model.id, [...(this.rowsOf.get(node.model.id) ?? []), node]));
      this.children.set(group.id, nodes);
      return group;
    });
    return this.roots;
  }

  dispose(): void {
    this.subscription.dispose();
    this.refresh.dispose();
    this.changed.dispose();
  }
}
