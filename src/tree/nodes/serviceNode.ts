import * as vscode from 'vscode';
import { GroupNode } from './groupNode';

/** A service of a compose project (com.docker.compose.service): expands to its containers, one per replica. */
export class ServiceNode extends GroupNode {
  constructor(
    readonly project: string,
    readonly service: string,
    /** The project's row: the service's parent in the tree. */
    readonly parent: { id: string },
    description: string,
  ) {
    super('containers', `service:${project}:${service}`, service, description, 'symbol-class');
  }

  override getTreeItem(): vscode.TreeItem {
    const item = super.getTreeItem();
    item.contextValue = 'service';
    return item;
  }
}
