import * as assert from 'node:assert/strict';
import { Emitter } from '../../src/docker/event';
import type { ContainerModel } from '../../src/docker/models';
import type { EngineStore, StoreChange } from '../../src/docker/store';
import type { ContainersTreeNode } from '../../src/tree/containersProvider';
import { requireWithFakeVscode } from './support/fakeVscode';
import { container as containerModel } from './support/models';

const { ContainersProvider } = requireWithFakeVscode<typeof import('../../src/tree/containersProvider')>('../../src/tree/containersProvider');

/** A member of the compose project shop. */
function container(id: string, changes: Partial<ContainerModel> = {}): ContainerModel {
  return containerModel(id, { name: `shop_${id}_1`, networks: ['bridge'], composeProject: 'shop', ...changes });
}

async function shown(models: ContainerModel[], composeServices: boolean) {
  const changes = new Emitter<StoreChange>();
  const containers = new Map(models.map((m) => [m.id, m]));
  const store = {
    containers,
    onChange: changes.event,
    whenSettled: async () => ({ state: 'ready' as const }),
    whenContainersShown: async () => ({ state: 'ready' as const }),
    containerDetails: async () => undefined,
  };
  const provider = new ContainersProvider(store as unknown as EngineStore, () => ({ groupBy: 'composeProject', sortBy: 'created', composeServices }));
  changes.fire({ kind: 'containers', full: true, updated: [], removed: [] });
  const roots = await provider.getChildren();
  const fired: (ContainersTreeNode | undefined)[] = [];
  provider.onDidChangeTreeData((node) => fired.push(node));
  const update = (m: ContainerModel) => {
    containers.set(m.id, m);
    changes.fire({ kind: 'containers', full: false, updated: [m.id], removed: [] });
  };
  return { provider, roots, fired, update };
}

const stopped = { state: 'exited' as const, engineState: 'exited', status: 'Exited (0) 1 second ago' };

describe('containers view: compose projects with service rows', () => {
  it('shows a project row with its state, a row per service with counts and ports, and the containers under them', async () => {
    const ports = [{ ip: '127.0.0.1', privatePort: 80, publicPort: 8080, type: 'tcp' }];
    const { provider, roots } = await shown(
      [container('web1', { composeService: 'web', ports }), container('web2', { composeService: 'web', ...stopped }), container('db', { composeService: 'db' })],
      true,
    );
    const [project] = roots;
    const item = project.getTreeItem();
    assert.equal(item.label, 'shop');
    assert.equal(item.contextValue, 'project.partial');
    assert.equal(item.description, '2 running of 3');
    const services = await provider.getChildren(project);
    assert.deepEqual(
      services.map((s) => [s.getTreeItem().label, s.getTreeItem().description]),
      [
        ['db', '1 running of 1'],
        ['web', '1 running of 2 · 127.0.0.1:8080->80/tcp'],
      ],
    );
    const replicas = await provider.getChildren(services[1]);
    assert.equal(replicas.length, 2);
    assert.equal(provider.getParent(replicas[0]), services[1]);
    assert.equal(provider.getParent(services[1]), project);
    assert.equal(provider.projectNode('shop'), project);
  });

  it('fires the project row once when a member stops (its service rows come again with it), with the new state', async () => {
    const { roots, fired, update } = await shown([container('a', { composeService: 'web' }), container('b', { composeService: 'db' })], true);
    const [project] = roots;
    update(container('a', { composeService: 'web', ...stopped }));
    assert.deepEqual(fired, [project]);
    assert.equal(project.getTreeItem().contextValue, 'project.partial');
    assert.equal(project.getTreeItem().description, '1 running of 2');
    fired.length = 0;
    update(container('b', { composeService: 'db', state: 'paused', engineState: 'paused', status: 'Up 1 minute (Paused)' }));
    assert.deepEqual(fired, [project]);
    assert.equal(project.getTreeItem().contextValue, 'project.paused');
  });

  it('keeps the flat list under the project when the setting is off', async () => {
    const { provider, roots } = await shown([container('a', { composeService: 'web' }), container('b', { composeService: 'db' })], false);
    const children = await provider.getChildren(roots[0]);
    assert.deepEqual(
      children.map((c) => c.kind),
      ['container', 'container'],
    );
    assert.equal(roots[0].getTreeItem().contextValue, 'project.running');
  });
});
