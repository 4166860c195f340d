import * as vscode from 'vscode';
import type { EngineStore, StoreChange } from '../docker/store';
import { usersByVolume, type VolumeUse } from '../docker/usage';
import { VolumeNode } from './nodes/volumeNode';
import { WholeViewRefresh } from './wholeViewRefresh';

/** Volumes, named first then anonymous, each with the containers that mount it. */
export class VolumesProvider implements vscode.TreeDataProvider<VolumeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<VolumeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly refresh = new WholeViewRefresh(() => this.changed.fire(undefined));
  private roots: VolumeNode[] | undefined;
  private usage: Map<string, VolumeUse[]> | undefined;
  /** What the rows show of their users, to tell whether a container change changes any row. */
  private uses = '';
  private readonly subscription: { dispose(): void };

  constructor(private readonly store: EngineStore) {
    this.subscription = store.onChange((change) => this.apply(change));
  }

  getTreeItem(node: VolumeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  async getChildren(node?: VolumeNode): Promise<VolumeNode[]> {
    if (node) {
      return [];
    }
    const status = await this.store.whenSettled();
    return status.state === 'failed' ? [] : this.layout();
  }

  resolveTreeItem(item: vscode.TreeItem, node: VolumeNode): vscode.TreeItem {
    item.tooltip = node.tooltip();
    return item;
  }

  /** Containers (any state) that mount a volume, and whether read-only. */
  usesOf(name: string): VolumeUse[] {
    this.usage ??= usersByVolume(this.store.containers.values());
    return this.usage.get(name) ?? [];
  }

  private apply(change: StoreChange): void {
    if (change.kind === 'containers') {
      // Container events are the frequent ones: re-render only when what a row shows of its users changes.
      this.usage = undefined;
      const uses = this.usesSignature();
      if (uses !== this.uses) {
        this.uses = uses;
        this.refresh.request();
      }
      return;
    }
    if (change.kind === 'volumes') {
      this.roots = undefined;
      this.refresh.request();
    }
  }

  private usesSignature(): string {
    return [...this.store.volumes.keys()]
      .map(
        (name) =>
          `${name}:${this.usesOf(name)
            .map((u) => `${u.container.name}${u.readOnly ? '(ro)' : ''}`)
            .join(',')}`,
      )
      .join(';');
  }

  private layout(): VolumeNode[] {
    this.roots ??= [...this.store.volumes.values()]
      .sort((a, b) => Number(a.anonymous) - Number(b.anonymous) || a.name.localeCompare(b.name))
      .map((v) => new VolumeNode(v, () => this.usesOf(v.name)));
    return this.roots;
  }

  dispose(): void {
    this.subscription.dispose();
    this.refresh.dispose();
    this.changed.dispose();
  }
}
