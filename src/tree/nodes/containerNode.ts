import * as vscode from 'vscode';
import type { ContainerDetails, ContainerModel } from '../../docker/models';
import { containerStatusText } from '../containerStatus';
import { ContextValues } from '../contextValues';
import { themeIcon } from '../icons';
import { containerTooltip } from '../tooltips';

const stateIcons: Record<string, [string, string]> = {
  running: ['vm-running', 'charts.green'],
  paused: ['debug-pause', 'charts.yellow'],
  restarting: ['sync', 'charts.yellow'],
  exited: ['vm-outline', 'disabledForeground'],
  created: ['circle-large-outline', 'charts.blue'],
  dead: ['error', 'charts.red'],
  removing: ['trash', 'charts.red'],
  unhealthy: ['warning', 'charts.orange'],
};

/** One row per container, as `docker ps -a` lists it. The node lives as long as the container. */
export class ContainerNode {
  readonly kind = 'container';
  details: ContainerDetails | undefined;

  constructor(
    public model: ContainerModel,
    public parent: { id: string } | undefined,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const m = this.model;
    const item = new vscode.TreeItem(m.name, vscode.TreeItemCollapsibleState.None);
    item.id = `container:${m.id}`;
    // What changes first: a sidebar of the default width cuts the end of a long description off.
    const status = containerStatusText(m.status);
    item.description = `${status} · ${m.image}`;
    item.contextValue = ContextValues.container(m.state);
    const [icon, color] = stateIcons[m.state] ?? ['question', 'disabledForeground'];
    item.iconPath = themeIcon(icon, color);
    item.accessibilityInformation = { label: `${m.name}, ${m.state}, ${status}, ${m.image}` };
    // No tooltip here: building one per row was most of a 1000-row render; the provider's
    // resolveTreeItem adds it on hover (VS Code resolves items whose tooltip is undefined).
    return item;
  }

  /**
   * Whether two models give the same row: everything getTreeItem reads (the id never changes).
   * The tooltip is not part of it: it is built from the current model on hover.
   */
  static rendersSame(a: ContainerModel, b: ContainerModel): boolean {
    return a.name === b.name && a.state === b.state && a.status === b.status && a.image === b.image;
  }

  tooltip(): vscode.MarkdownString {
    return containerTooltip(this.model, this.details);
  }
}
