import * as vscode from 'vscode';
import type { ContainerDetails, ContainerModel } from '../../docker/models';
import { containerStatusText } from '../containerStatus';
import { ContextValues } from '../contextValues';
import { parseContainerStatus, type ContainerStatus } from '../format';
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
    // Collapsed: Changes and Files under it are asked for only when it is expanded.
    const item = new vscode.TreeItem(m.name, vscode.TreeItemCollapsibleState.Collapsed);
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
   * Whether a row showing `a` may stay as it is for `b`: everything getTreeItem reads is the same
   * (the id never changes), or the status only aged ("Up 5 seconds" then "Up 9 seconds": rows do not
   * tick between events, and an event that changed nothing else, a stop's kill, must not fire).
   * The tooltip is not part of it: it is built from the current model on hover.
   */
  static rendersSame(a: ContainerModel, b: ContainerModel): boolean {
    return a.name === b.name && a.state === b.state && a.image === b.image && (a.status === b.status || onlyAged(a.status, b.status));
  }

  /** `engineHost`: a tcp:// or ssh:// engine's host, where the ports it links are. */
  tooltip(engineHost?: string): vscode.MarkdownString {
    return containerTooltip(this.model, this.details, engineHost);
  }
}

/** The same status, later: same phase, exit code, pause and health, and a time no shorter (a restart starts it again). */
function onlyAged(before: string, after: string): boolean {
  const a = parseContainerStatus(before);
  const b = parseContainerStatus(after);
  return !!a && !!b && a.phase === b.phase && a.exitCode === b.exitCode && a.paused === b.paused && a.health === b.health && seconds(b.time) >= seconds(a.time);
}

const unitSeconds = { second: 1, minute: 60, hour: 3_600, day: 86_400, week: 604_800, month: 2_592_000, year: 31_536_000 };

/** A status time in seconds, as its lower bound: enough to order Docker's wordings. */
function seconds(time: ContainerStatus['time']): number {
  switch (time) {
    case undefined:
    case 'lessThanASecond':
      return 0;
    case 'aboutAMinute':
      return 60;
    case 'aboutAnHour':
      return 3_600;
    default:
      return time.value * unitSeconds[time.unit];
  }
}
