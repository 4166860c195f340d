import * as vscode from 'vscode';
import type Docker from 'dockerode';
import { ContextValues } from '../contextValues';

/** One row per image tag (an untagged image gets one row of its own). */
export class ImageNode {
  constructor(readonly info: Docker.ImageInfo, readonly tag: string | undefined) {}

  getTreeItem(): vscode.TreeItem {
    const label = this.tag ?? '<none>:<none>';
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `image:${this.info.Id}:${label}`;
    item.description = this.info.Id.replace(/^sha256:/, '').slice(0, 12);
    item.contextValue = ContextValues.image(this.tag === undefined);
    item.iconPath = new vscode.ThemeIcon('file-zip');
    return item;
  }
}
