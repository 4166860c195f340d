// The compose part of the containers view: a project's row, its service rows and what they say.
// The provider keeps the nodes and the refresh policy; this decides the shape under a project.
import * as vscode from 'vscode';
import { projectState, publishedPorts, servicesOf } from '../docker/composeProject';
import { ContainerModel, isRunning } from '../docker/models';
import { displayFormat } from './format';
import type { ContainerNode } from './nodes/containerNode';
import { GroupNode } from './nodes/groupNode';
import { ProjectNode } from './nodes/projectNode';
import { ServiceNode } from './nodes/serviceNode';

/** A heading and the rows right under it, as the provider's children map keeps them. */
export interface Heading {
  node: GroupNode;
  children: (GroupNode | ContainerNode)[];
}

/**
 * The project's row and, with `services`, a row per service (containers without the service
 * label stay right under the project); reuses the nodes already shown so rows keep their state.
 */
export function layoutProject(
  project: string,
  key: string,
  containers: ContainerModel[],
  services: boolean,
  previous: ReadonlyMap<string, GroupNode>,
  place: (model: ContainerModel, parent: GroupNode) => ContainerNode,
): Heading[] {
  const known = previous.get(`group:containers:${key}`);
  const node = known instanceof ProjectNode ? known : new ProjectNode(project, key, '');
  describeHeading(node, containers);
  if (!services) {
    return [{ node, children: containers.map((c) => place(c, node)) }];
  }
  const { services: groups, unlabelled } = servicesOf(containers);
  const headings: Heading[] = [];
  const rows: (GroupNode | ContainerNode)[] = [];
  for (const group of groups) {
    const id = `group:containers:service:${project}:${group.service}`;
    const seen = previous.get(id);
    const serviceNode = seen instanceof ServiceNode ? seen : new ServiceNode(project, group.service, node, '');
    describeHeading(serviceNode, group.containers);
    headings.push({ node: serviceNode, children: group.containers.map((c) => place(c, serviceNode)) });
    rows.push(serviceNode);
  }
  rows.push(...unlabelled.map((c) => place(c, node)));
  return [{ node, children: rows }, ...headings];
}

/**
 * Sets what a heading shows for its members ("1 running of 2", a service's published ports, a
 * project's state); true when that changed, so the row must be fired.
 */
export function describeHeading(node: GroupNode, members: readonly ContainerModel[]): boolean {
  const format = displayFormat(vscode.env.language);
  const counts = vscode.l10n.t('{0} running of {1}', format.count(members.filter(isRunning).length), format.count(members.length));
  const ports = node instanceof ServiceNode ? publishedPorts(members) : [];
  const description = ports.length > 0 ? `${counts} · ${ports.join(', ')}` : counts;
  const state = node instanceof ProjectNode ? projectState(members) : undefined;
  const changed = node.description !== description || (node instanceof ProjectNode && node.state !== state);
  node.description = description;
  if (node instanceof ProjectNode && state) {
    node.state = state;
  }
  return changed;
}
