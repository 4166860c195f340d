import * as vscode from 'vscode';
import { isActive, type ContainerModel } from '../../docker/models';
import type { NetworkModel } from '../../docker/networks';
import { actions, type ActionId, type NetworkRowState } from '../../tree/contextValues';
import { shortId } from '../../tree/format';
import type { CommandContext } from '../context';
import { engineReady } from '../engineReady';
import { resolveTargets, type TargetOptions } from '../targets';
import type { Look, TargetKind } from '../targetKinds';

/** The containers (any state) on a network: configured on it by name, or with a live endpoint there. */
export function containersOn(network: NetworkModel, containers: Iterable<ContainerModel>): ContainerModel[] {
  const live = new Set(network.endpoints.map((e) => e.containerId));
  return [...containers].filter((c) => c.networks.includes(network.name) || live.has(c.id)).sort((a, b) => a.name.localeCompare(b.name));
}

export function networkState(network: NetworkModel, containers: Iterable<ContainerModel>): NetworkRowState {
  return network.builtIn ? 'builtIn' : containersOn(network, containers).length > 0 || network.endpoints.length > 0 ? 'inUse' : 'unused';
}

/** "web (running), db (stopped)". */
export function describeUsers(users: ContainerModel[]): string {
  return users.map((c) => `${c.name} (${isActive(c) ? vscode.l10n.t('running') : vscode.l10n.t('stopped')})`).join(', ');
}

function networkLook(containers: ContainerModel[]): Look<NetworkModel> {
  return {
    stateOf: (n) => networkState(n, containers),
    describe: (n) => {
      if (n.builtIn) return vscode.l10n.t('{0} (built-in)', n.name);
      const users = containersOn(n, containers);
      return users.length > 0 ? vscode.l10n.t('{0} is used by {1}', n.name, describeUsers(users)) : n.name;
    },
  };
}

/** Docker's order: the full id, the exact name, then an id prefix. */
export function networkByName(all: NetworkModel[], name: string): NetworkModel | undefined {
  return all.find((n) => n.id === name) ?? all.find((n) => n.name === name) ?? (name.length >= 4 ? all.find((n) => n.id.startsWith(name)) : undefined);
}

export function networkKind(action: ActionId): TargetKind<NetworkModel> {
  const states = actions[action].states.join(', ');
  return {
    rowKind: 'network',
    fromRow: (row) => row.model as NetworkModel,
    key: (n) => n.id,
    all: (ctx) => [...ctx.networks.networks.values()],
    byName: networkByName,
    lookUp: (ctx, name) => ctx.service.findNetwork(name),
    look: (ctx) => networkLook([...ctx.store.containers.values()]),
    current: async (ctx, targets) => {
      const [containers, now] = await Promise.all([ctx.service.listContainers(), Promise.all(targets.map((t) => ctx.service.findNetwork(t.id)))]);
      return { targets: targets.map((t, i) => now[i] ?? t), look: networkLook(containers) };
    },
    item: (n) => ({ label: n.name, description: `${n.driver} · ${n.pools.find((p) => p.subnet)?.subnet ?? n.scope}`, detail: shortId(n.id) }),
    sortKey: (n) => n.name,
    notFound: (name) => vscode.l10n.t('No network is named or has the id "{0}". Check the name in the Networks view.', name),
    leftAlone: (list, count) =>
      count === 1
        ? vscode.l10n.t('Left alone: {0}. This command acts on networks that are {1}.', list, states)
        : vscode.l10n.t('{0} of the selected networks were left alone: {1}. This command acts on networks that are {2}.', count, list, states),
  };
}

/** Networks named by a row, an id or name, an array, `{ network }`, or picked; filtered by the table. */
export async function networkTargets(ctx: CommandContext, args: unknown[], options: TargetOptions): Promise<NetworkModel[] | undefined> {
  // The network store lists after the containers store: wait for it, so names and pickers see it.
  const first = args[0] as { kind?: string } | undefined;
  if (!(first && typeof first === 'object' && first.kind === 'network')) {
    if (!(await engineReady(ctx))) {
      return undefined;
    }
    await ctx.networks.whenListed();
  }
  return resolveTargets(ctx, args, networkKind(options.action), options);
}
