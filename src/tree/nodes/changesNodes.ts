import * as vscode from 'vscode';
import type { ChangeTreeEntry, ContainerChange } from '../../docker/containerChanges';
import { changesToTree } from '../../docker/containerChanges';
import { changesUri } from '../../files/changeDecorations';
import { ContextValues } from '../contextValues';
import { displayFormat } from '../format';
import { themeIcon } from '../icons';

/** What the Changes rows need from the container row above them. */
export interface InsideParent {
  readonly model: { id: string; name: string; image: string; imageId?: string };
}

/**
 * "Changes" under a container: its writable layer, as `docker diff` lists it. Asked for when the
 * container row is expanded (its count on this row) and again when this row is expanded again or the
 * view refreshed; never polled.
 */
export class ChangesNode {
  readonly kind = 'changes';
  /** The last answer of GET /containers/{id}/changes, or why there is none. */
  changes: ContainerChange[] | undefined;
  failure: string | undefined;
  /** The answer was asked for this expansion and not shown yet: the children use it instead of asking again. */
  fresh = false;

  constructor(readonly parent: InsideParent) {}

  get id(): string {
    return `container:${this.parent.model.id}/changes`;
  }

  get containerId(): string {
    return this.parent.model.id;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Changes'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const count = this.changes?.length;
    item.description =
      this.failure ??
      (count === undefined ? '' : count === 1 ? vscode.l10n.t('1 changed path') : vscode.l10n.t('{0} changed paths', displayFormat(vscode.env.language).count(count)));
    item.tooltip = vscode.l10n.t(
      "The container's writable layer (docker diff): every path it added (A), changed (C) or deleted (D) over its image. Lost when the container is removed, unless the data is in a volume.",
    );
    // Without it VS Code reads the tooltip aloud instead of the row: "Changes, 6 changed paths".
    item.accessibilityInformation = { label: item.description ? `${item.label as string}, ${item.description as string}` : (item.label as string) };
    item.contextValue = 'changes.root';
    item.iconPath = themeIcon('diff');
    return item;
  }

  rows(): (ChangeNode | InsideMessageNode)[] {
    if (this.failure !== undefined) {
      return [new InsideMessageNode(this, vscode.l10n.t('Cannot list the changes'), this.failure)];
    }
    const entries = changesToTree(this.changes ?? []);
    if (entries.length === 0) {
      return [new InsideMessageNode(this, vscode.l10n.t("No changes: the container's files are the image's"), '', 'info')];
    }
    const small = (this.changes?.length ?? 0) <= 60;
    return entries.map((e) => new ChangeNode(e, this, this, small));
  }
}

/** One path of `docker diff`, with its folders around it; A, C or D through the decoration provider. */
export class ChangeNode {
  readonly kind = 'change';

  constructor(
    readonly entry: ChangeTreeEntry,
    readonly parent: ChangesNode | ChangeNode,
    readonly changes: ChangesNode,
    private readonly expanded: boolean,
  ) {}

  get id(): string {
    return `${this.changes.id}:${this.entry.path}`;
  }

  get containerId(): string {
    return this.changes.containerId;
  }

  get path(): string {
    return this.entry.path;
  }

  get state(): 'addedFile' | 'changedFile' | 'deletedFile' | 'folder' {
    if (this.entry.children.length > 0) return 'folder';
    return this.entry.kind === 'added' ? 'addedFile' : this.entry.kind === 'deleted' ? 'deletedFile' : 'changedFile';
  }

  getTreeItem(): vscode.TreeItem {
    const e = this.entry;
    const folder = e.children.length > 0;
    const item = new vscode.TreeItem(
      e.name,
      folder ? (this.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    item.resourceUri = changesUri(this.containerId, e.path, e.kind);
    item.contextValue = ContextValues.change(this.state);
    const words = e.kind === 'added' ? vscode.l10n.t('added') : e.kind === 'deleted' ? vscode.l10n.t('deleted') : e.kind === 'changed' ? vscode.l10n.t('changed') : '';
    item.tooltip = words ? `${e.path} (${words})` : e.path;
    item.accessibilityInformation = { label: words ? `${e.path}, ${words}` : e.path };
    if (folder) {
      item.iconPath = vscode.ThemeIcon.Folder;
    } else {
      item.iconPath = vscode.ThemeIcon.File;
      if (e.kind !== 'deleted') {
        item.command = { command: 'dockerExplorer.changes.open', title: vscode.l10n.t('Open Changed File'), arguments: [this] };
      }
    }
    // The letter is the decoration's badge (A, C, D on the right, as source control shows them).
    return item;
  }

  rows(): ChangeNode[] {
    return this.entry.children.map((e) => new ChangeNode(e, this, this.changes, this.expanded));
  }
}

/** A row that says something instead of listing (nothing changed, a failure). */
export class InsideMessageNode {
  readonly kind = 'insideMessage';

  constructor(
    readonly parent: { id: string },
    readonly label: string,
    readonly message: string,
    private readonly icon: 'error' | 'info' = 'error',
  ) {}

  get id(): string {
    return `${this.parent.id}/message`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.message;
    item.tooltip = this.message || this.label;
    item.iconPath = this.icon === 'error' ? themeIcon('error', 'errorForeground') : themeIcon('info');
    return item;
  }

  rows(): [] {
    return [];
  }
}
