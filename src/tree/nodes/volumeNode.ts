import * as vscode from 'vscode';
import type Docker from 'dockerode';
import { ContextValues } from '../contextValues';

/** One row per volume, named or anonymous. */
export class VolumeNode {
  constructor(readonly info: Docker.VolumeInspectInfo) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.info.Name, vscode.TreeItemCollapsibleState.None);
    item.id = `volume:${this.info.Name}`;
    item.description = this.info.Driver;
    item.contextValue = ContextValues.volume(false);
    item.iconPath = new vscode.ThemeIcon('database');
    return item;
  }
}
