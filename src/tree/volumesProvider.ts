import * as vscode from 'vscode';
import type { ContainerModel } from '../docker/models';
import type { EngineStore, StoreChange } from '../docker/store';
import type { VolumeUse } from '../docker/usage';
import { VolumeNode } from './nodes/volumeNode';
import { WholeViewRefresh } from './wholeViewRefresh';

/** Volumes, named first then anonymous, each with the containers that mount it. */
export class VolumesProvider implements vscode.TreeDataProvider<VolumeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<VolumeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly refresh = new WholeViewRefresh(() => this.changed.fire(undefined));
  private roots: VolumeNode[] | undefined;
  /** What each volume's row shows of its users, to tell whether a container change changes that row. */
  private readonly uses = new Map<string, string>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly store: EngineStore) {
    this.subscription = store.onChange((change) => this.apply(change));
    this.usesChanged(store.volumes.keys());
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

  /** Containers (any state) that mount a volume, by name, and whether read-only: the store's users of that volume only. */
  usesOf(name: string): VolumeUse[] {
    const { containers } = this.store;
    const uses: VolumeUse[] = [];
    for (const id of containers.usersOfVolume(name)) {
      const container = containers.get(id);
      const mount = container?.mounts.find((m) => m.type === 'volume' && m.name === name);
      if (container && mount) uses.push({ container, readOnly: mount.readOnly });
    }
    return uses.sort((a, b) => a.container.name.localeCompare(b.container.name));
  }

  private apply(change: StoreChange): void {
    if (change.kind === 'containers') {
      // Container events are the frequent ones: only the volumes the named containers mount(ed), and only when their row changes.
      if (change.full) {
        if (this.usesChanged(this.store.volumes.keys())) this.refresh.request();
        return;
      }
      const { containers } = this.store;
      const volumes = new Set<string>();
      const mounted = (c: ContainerModel | undefined) => c?.mounts.forEach((m) => m.type === 'volume' && m.name && volumes.add(m.name));
      for (const id of [...change.updated, ...change.removed]) {
        mounted(containers.previous(id));
        mounted(containers.get(id));
      }
      const changed = [...volumes].filter((name) => this.store.volumes.has(name) && this.usesChanged([name]));
      changed.forEach((name) => {
        const row = this.roots?.find((r) => r.model.name === name);
        if (row) this.changed.fire(row);
      });
      return;
    }
    if (change.kind === 'volumes') {
      this.roots = undefined;
      this.usesChanged(this.store.volumes.keys());
      this.refresh.request();
    }
  }

  /** Notes what the rows of these volumes show of their users; whether any of them changed. */
  private usesChanged(names: Iterable<string>): boolean {
    let changed = false;
    for (const name of names) {
      const shown = this.usesOf(name)
        .map((u) => `${u.container.name}${u.readOnly ? '(ro)' : ''}`)
        .join(',');
      if (this.uses.get(name) !== shown) {
        this.uses.set(name, shown);
        changed = true;
      }
    }
    return changed;
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
