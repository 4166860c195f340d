import * as vscode from 'vscode';
import type { ContainerChange } from '../docker/containerChanges';
import type { ContainerEntry } from '../docker/containerFiles';
import { isRunning, type ContainerModel } from '../docker/models';
import { describeFileError } from '../files/fileMessages';
import { ChangeNode, ChangesNode, InsideMessageNode, type InsideParent } from './nodes/changesNodes';
import { FileNode, FilesNode } from './nodes/filesNodes';

export type InsideNode = ChangesNode | ChangeNode | FilesNode | FileNode | InsideMessageNode;

/** Where the rows inside a container come from: `docker diff` and one folder's listing. */
export interface InsideSource {
  containerChanges(id: string): Promise<ContainerChange[]>;
  list(container: string, folder: string, running: boolean): Promise<{ entries: ContainerEntry[] }>;
  container(id: string): ContainerModel | undefined;
  engineDescription(): string;
}

const folderOrder = (e: ContainerEntry) => (e.kind === 'directory' || e.toDirectory ? 0 : 1);

/**
 * The rows under a container row: "Changes" and "Files". Nothing is asked while the container row is
 * collapsed; expanding it asks `docker diff` once (the count on the Changes row); expanding Changes
 * again, or a refresh of the view, asks again. A folder under Files is listed when it is expanded.
 */
export class ContainerInside {
  private readonly changes = new Map<string, ChangesNode>();
  private readonly files = new Map<string, FilesNode>();
  /** Changes rows collapsed since they were listed: their next expansion asks the engine again. */
  private readonly collapsed = new Set<ChangesNode>();
  /** Each Changes row's last `docker diff`, numbered: Show Changes tells whether VS Code just asked. */
  private loads = 0;
  private readonly loadedAt = new WeakMap<ChangesNode, number>();
  /** The folder rows last listed, by container and then path: what our own hand changes in one lists it again; a removed container's go at once. */
  private readonly listed = new Map<string, Map<string, FilesNode | FileNode>>();

  constructor(
    private readonly source: InsideSource,
    private readonly fire: (node: InsideNode) => void,
  ) {}

  /** The container row's children: asks for its changes, for the count. */
  async childrenOf(container: InsideParent): Promise<InsideNode[]> {
    const id = container.model.id;
    let changes = this.changes.get(id);
    if (!changes || changes.parent !== container) {
      changes = new ChangesNode(container);
      this.changes.set(id, changes);
    }
    let files = this.files.get(id);
    if (!files || files.parent !== container) {
      files = new FilesNode(container);
      this.files.set(id, files);
    }
    await this.load(changes);
    changes.fresh = true;
    return [changes, files];
  }

  async children(node: InsideNode): Promise<InsideNode[]> {
    if (node instanceof ChangesNode) {
      if (!node.fresh) {
        const before = node.changes?.length;
        await this.load(node);
        if (node.changes?.length !== before) {
          // The count on the row is the new one too; its children are the ones just read.
          node.fresh = true;
          this.fire(node);
        }
      }
      node.fresh = false;
      return node.rows();
    }
    if (node instanceof ChangeNode) {
      return node.rows();
    }
    if (node instanceof FilesNode || node instanceof FileNode) {
      return this.folder(node);
    }
    return [];
  }

  /** VS Code tells the view a row was collapsed or expanded: a Changes row expanded again is listed again. */
  collapsedRow(node: unknown): void {
    if (node instanceof ChangesNode) {
      this.collapsed.add(node);
      node.fresh = false;
    }
  }

  expandedRow(node: unknown): void {
    if (node instanceof ChangesNode && this.collapsed.delete(node)) {
      this.fire(node);
    }
  }

  /**
   * Show Changes: one `docker diff`, shown on the page. `expand` expands the container row; VS Code
   * lists it then, which is the one request, unless it already had its rows: then they are asked
   * again here, once, and redrawn.
   */
  async showChanges(container: InsideParent, expand: () => Promise<void>): Promise<ChangesNode> {
    const before = this.loads;
    await expand();
    const listed = this.changes.get(container.model.id);
    if (listed && listed.parent === container && (this.loadedAt.get(listed) ?? 0) > before) {
      return listed;
    }
    const changes = (await this.childrenOf(container))[0] as ChangesNode;
    this.fire(changes);
    return changes;
  }

  /**
   * A folder's content changed by our own hand (an upload, a drop, New File, New Folder, Delete, a
   * save): the engine sends no event for files, so its row, if listed, is asked for its rows again.
   */
  changedIn(containerId: string, folder: string): void {
    const row = this.listed.get(containerId)?.get(folder);
    if (row) {
      this.fire(row);
    }
  }

  /** Forgets a removed container's rows. */
  forget(containerId: string): void {
    this.changes.delete(containerId);
    this.files.delete(containerId);
    this.listed.delete(containerId);
  }

  /** After a change to the store: the removed containers' rows go; after a whole new list, those of every container it lacks. */
  forgetGone(change: { full: boolean; removed: readonly string[] }, has: (id: string) => boolean): void {
    change.removed.forEach((id) => this.forget(id));
    if (change.full) {
      new Set([...this.changes.keys(), ...this.files.keys(), ...this.listed.keys()]).forEach((id) => has(id) || this.forget(id));
    }
  }

  private async load(node: ChangesNode): Promise<void> {
    try {
      this.loadedAt.set(node, ++this.loads);
      node.changes = await this.source.containerChanges(node.containerId);
      node.failure = undefined;
    } catch (err) {
      node.changes = undefined;
      node.failure = describeFileError(err, this.source.engineDescription());
    }
  }

  private async folder(node: FilesNode | FileNode): Promise<(FileNode | InsideMessageNode)[]> {
    const files = node instanceof FilesNode ? node : node.files;
    const id = node.containerId;
    let folders = this.listed.get(id);
    if (!folders) this.listed.set(id, (folders = new Map()));
    folders.set(node.path, node);
    const model = this.source.container(node.containerId);
    try {
      const { entries } = await this.source.list(node.containerId, node.path, !model || isRunning(model));
      if (entries.length === 0) {
        return [new InsideMessageNode(node, vscode.l10n.t('(empty folder)'), '', 'info')];
      }
      const sorted = [...entries].sort((a, b) => folderOrder(a) - folderOrder(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return sorted.map((e) => new FileNode(e, node, files));
    } catch (err) {
      const message = describeFileError(err, this.source.engineDescription());
      return [new InsideMessageNode(node, vscode.l10n.t('Cannot list this folder'), message)];
    }
  }
}
