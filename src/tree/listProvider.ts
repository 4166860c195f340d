import * as vscode from 'vscode';
import { toDockerError } from '../docker/errors';
import type { EngineState } from './engineState';

export interface TreeNode {
  getTreeItem(): vscode.TreeItem;
  getChildren?(): TreeNode[];
}

/** A flat view of engine objects: loads them, reports failures to EngineState, never throws into the tree. */
export abstract class ListProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(protected readonly engine: EngineState) {}

  protected abstract load(): Promise<TreeNode[]>;

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) {
      return node.getChildren?.() ?? [];
    }
    try {
      const nodes = await this.load();
      this.engine.connected();
      return nodes;
    } catch (err) {
      this.engine.failed(toDockerError(err));
      return [];
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
