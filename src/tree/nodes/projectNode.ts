import * as vscode from 'vscode';
import type { ProjectState } from '../../docker/composeProject';
import { ContextValues } from '../contextValues';
import { GroupNode } from './groupNode';

/**
 * A compose project's group row: a heading like the others (kind 'group'), whose contextValue
 * carries the project's state so the table's project actions show on it.
 */
export class ProjectNode extends GroupNode {
  /** What its containers are together; set by the provider with the description. */
  state: ProjectState = 'stopped';

  constructor(
    readonly project: string,
    key: string,
    description: string,
  ) {
    super('containers', key, project, description, 'layers');
  }

  override getTreeItem(): vscode.TreeItem {
    const item = super.getTreeItem();
    item.contextValue = ContextValues.project(this.state);
    return item;
  }
}
