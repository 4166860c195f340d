import * as vscode from 'vscode';
import { parseImageRef, repositoryOf } from '../docker/imageRef';
import type { ContainerModel } from '../docker/models';
import type { EngineStore, StoreChange } from '../docker/store';
import { imageInUse, usersByImage } from '../docker/usage';
import { GroupNode } from './nodes/groupNode';
import { ImageNode } from './nodes/imageNode';
import { WholeViewRefresh } from './wholeViewRefresh';

export type ImagesTreeNode = GroupNode | ImageNode;

const danglingKey = '<none>';

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

  constructor(private readonly store: EngineStore) {
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
    if (node) {
      return [];
    }
    const status = await this.store.whenSettled();
    return status.state === 'failed' ? [] : this.layout();
  }

  resolveTreeItem(item: vscode.TreeItem, node: ImagesTreeNode): vscode.TreeItem {
    if (node instanceof ImageNode) {
      item.tooltip = node.tooltip();
    }
    return item;
  }

  getParent(node: ImagesTreeNode): ImagesTreeNode | undefined {
    return node instanceof ImageNode ? this.roots?.find((g) => g.id === node.parent.id) : undefined;
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
      this.refresh.request();
    }
  }

  private inUseSignature(): string {
    return [...this.store.images.keys()].filter((id) => imageInUse(this.containersUsing(id))).sort().join(',');
  }

  private layout(): GroupNode[] {
    if (this.roots) {
      return this.roots;
    }
    const byRepository = new Map<string, { reference: string | undefined; image: import('../docker/models').ImageModel }[]>();
    for (const image of this.store.images.values()) {
      if (image.tags.length === 0) {
        byRepository.set(danglingKey, [...(byRepository.get(danglingKey) ?? []), { reference: undefined, image }]);
        continue;
      }
      for (const reference of image.tags) {
        const repository = repositoryOfName(reference);
        byRepository.set(repository, [...(byRepository.get(repository) ?? []), { reference, image }]);
      }
    }
    this.children.clear();
    const keys = [...byRepository.keys()].filter((k) => k !== danglingKey).sort();
    if (byRepository.has(danglingKey)) {
      keys.push(danglingKey);
    }
    this.roots = keys.map((key) => {
      const rows = byRepository.get(key)!.sort((a, b) => b.image.created - a.image.created);
      const dangling = key === danglingKey;
      const label = dangling ? vscode.l10n.t('Dangling images (<none>:<none>)') : key;
      const group = new GroupNode('images', key, label, String(rows.length), dangling ? 'circle-slash' : 'repo');
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

function repositoryOfName(reference: string): string {
  try {
    return repositoryOf(parseImageRef(reference));
  } catch {
    return reference.slice(0, reference.lastIndexOf(':'));
  }
}
