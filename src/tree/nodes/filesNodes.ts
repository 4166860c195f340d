import * as vscode from 'vscode';
import type { ContainerEntry } from '../../docker/containerFiles';
import { joinContainerPath } from '../../docker/containerPath';
import { containerFileUri } from '../../files/fileUris';
import { ContextValues } from '../contextValues';
import { themeIcon } from '../icons';
import type { InsideParent } from './changesNodes';

type FileState = 'file' | 'folder' | 'linkToFile' | 'linkToFolder' | 'other';

function stateOf(entry: ContainerEntry): FileState {
  switch (entry.kind) {
    case 'directory':
      return 'folder';
    case 'symlink':
      return entry.toDirectory ? 'linkToFolder' : 'linkToFile';
    case 'file':
      return 'file';
    default:
      return 'other';
  }
}

/** "Files" under a container: its whole filesystem from /, one folder at a time, listed when expanded. */
export class FilesNode {
  readonly kind = 'containerFile';
  readonly path = '/';
  readonly state: FileState = 'folder';

  constructor(readonly parent: InsideParent) {}

  get id(): string {
    return `container:${this.parent.model.id}/files`;
  }

  get containerId(): string {
    return this.parent.model.id;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Files'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = '/';
    item.tooltip = vscode.l10n.t("The container's filesystem (docker cp): the image's read-only layers with the container's writable layer over them.");
    item.accessibilityInformation = { label: `${item.label as string}, /` };
    item.contextValue = ContextValues.containerFile('folder');
    item.iconPath = themeIcon('file-directory');
    return item;
  }
}

/** One entry of a folder in a container; symlinks shown as links, expandable when they lead to a folder. */
export class FileNode {
  readonly kind = 'containerFile';

  constructor(
    readonly entry: ContainerEntry,
    readonly parent: FilesNode | FileNode,
    readonly files: FilesNode,
  ) {}

  get path(): string {
    return joinContainerPath(this.parent.path, this.entry.name);
  }

  get id(): string {
    return `${this.files.id}:${this.path}`;
  }

  get containerId(): string {
    return this.files.containerId;
  }

  get state(): FileState {
    return stateOf(this.entry);
  }

  getTreeItem(): vscode.TreeItem {
    const state = this.state;
    const folder = state === 'folder' || state === 'linkToFolder';
    const item = new vscode.TreeItem(this.entry.name, folder ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.resourceUri = containerFileUri(this.containerId, this.path);
    item.contextValue = ContextValues.containerFile(state);
    item.tooltip = this.path;
    if (state === 'linkToFile' || state === 'linkToFolder') {
      item.iconPath = themeIcon(folder ? 'file-symlink-directory' : 'file-symlink-file');
      item.description = vscode.l10n.t('symbolic link');
    } else if (state === 'other') {
      item.iconPath = themeIcon('circle-slash');
      item.description = vscode.l10n.t('device, pipe or socket');
    } else {
      item.iconPath = folder ? vscode.ThemeIcon.Folder : vscode.ThemeIcon.File;
    }
    if (state === 'file' || state === 'linkToFile') {
      item.command = { command: 'dockerExplorer.files.open', title: vscode.l10n.t('Open File'), arguments: [this] };
    }
    return item;
  }
}
