import * as vscode from 'vscode';
import type Docker from 'dockerode';
import { ContextValues } from '../contextValues';

/** One row per container, as `docker ps -a` lists it. */
export class ContainerNode {
  constructor(readonly info: Docker.ContainerInfo) {}

  get name(): string {
    return (this.info.Names[0] ?? this.info.Id.slice(0, 12)).replace(/^\//, '');
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.name, vscode.TreeItemCollapsibleState.None);
    item.id = `container:${this.info.Id}`;
    item.description = `${this.info.Image} · ${this.info.Status}`;
    item.contextValue = ContextValues.container(this.info.State);
    item.iconPath = new vscode.ThemeIcon(this.info.State === 'running' ? 'vm-running' : 'vm-outline');
    return item;
  }
}
