import * as vscode from 'vscode';
import type { ImageLayer } from '../docker/imageHistory';
import { markShared } from '../docker/imageHistory';
import type { ContainerModel } from '../docker/models';
import type { EngineStore, StoreChange } from '../docker/store';
import { imageInUse, usersByImage } from '../docker/usage';
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
  private usage: Map<string, ContainerModel[]> | undefined;
  /** The images whose rows show "in use", to tell whether a container change changes any row. */
  private inUse = '';
  private readonly subscription: { dispose(): void };
  /** Each image id's history, asked once: an image id names fixed content. Cleared when the images change. */
  private readonly histories = new Map<string, Promise<ImageLayer[]>>();

  constructor(
    private readonly store: EngineStore,
    private readonly layers: ImageLayerSource,
    private readonly engineDescription: () => string = () => '',
  ) {
    this.subscription = store.onChange((change) => this.apply(change));
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

  /** The containers created from an image, any state. */
  containersUsing(imageId: string): ContainerModel[] {
    this.usage ??= usersByImage(this.store.containers.values());
    return this.usage.get(imageId) ?? [];
  }

  private apply(change: StoreChange): void {
    if (change.kind === 'containers') {
      // Container events are the frequent ones: re-render only when a row's in-use icon changes.
      this.usage = undefined;
      const inUse = this.inUseSignature();
      if (inUse !== this.inUse) {
        this.inUse = inUse;
        this.refresh.request();
      }
      return;
    }
    if (change.kind === 'images') {
      // Images are few: an image change lays the view out again from the store, with no engine request.
      this.roots = undefined;
      // Forgets removed images' histories (and the tags history entries carry); an expanded row asks once more.
      this.histories.clear();
      this.refresh.request();
    }
  }

  private inUseSignature(): string {
    return [...this.store.images.keys()]
      .filter((id) => imageInUse(this.containersUsing(id)))
      .sort()
      .join(',');
  }

  private layout(): GroupNode[] {
    if (this.roots) {
      return this.roots;
    }
    this.children.clear();
    const format = displayFormat(vscode.env.language);
    this.roots = groupImages(this.store.images.values()).map(({ key, rows }) => {
      const dangling = key === danglingImagesKey;
      const label = dangling ? vscode.l10n.t('Dangling images (<none>:<none>)') : key;
      const group = new GroupNode('images', key, label, format.count(rows.length), dangling ? 'circle-slash' : 'repo');
      this.children.set(
        group.id,
        rows.map((r) => new ImageNode(r.image, r.reference, group, () => this.containersUsing(r.image.id))),
      );
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
