import * as assert from 'node:assert/strict';
import type { ContainerModel } from '../../src/docker/models';
import type { EngineStore } from '../../src/docker/store';
import type { ContainersTreeNode } from '../../src/tree/containersProvider';
import { requireWithFakeVscode } from './support/fakeVscode';
import { handDrivenStore } from './support/storeChanges';
import { container } from './support/models';

const { ContainersProvider } = requireWithFakeVscode<typeof import('../../src/tree/containersProvider')>('../../src/tree/containersProvider');

/** A provider laid out once (as VS Code does when the view opens), recording what it fires from then on. */
async function shownProvider(models: ContainerModel[], groupBy: 'composeProject' | 'state' | 'none' = 'composeProject') {
  const store = handDrivenStore(models);
  const provider = new ContainersProvider(store as unknown as EngineStore, () => ({ groupBy, sortBy: 'created' }));
  store.full();
  const roots = await provider.getChildren();
  const fired: (ContainersTreeNode | ContainersTreeNode[] | undefined)[] = [];
  provider.onDidChangeTreeData((node) => fired.push(node));
  return { store, provider, roots, fired };
}

describe('containers view: what a change fires', () => {
  const providers: { dispose(): void }[] = [];
  afterEach(() => providers.splice(0).forEach((p) => p.dispose()));

  it('fires nothing for an update that changes nothing the row shows (the kill before a stop)', async () => {
    const { store, provider, roots, fired } = await shownProvider([container('a')]);
    providers.push(provider);
    const node = roots[0];
    const afterKill = container('a');
    store.update(afterKill);
    assert.deepEqual(fired, []);
    // The node holds the new model anyway, so a hover after it builds its tooltip from it.
    assert.equal(node.kind === 'container' && node.model, afterKill);
  });

  it('fires the row once for a stop (kill, then die and stop), when the state changes', async () => {
    const { store, provider, roots, fired } = await shownProvider([container('a')]);
    providers.push(provider);
    store.update(container('a')); // kill: still running
    store.update(container('a', { state: 'exited', engineState: 'exited', status: 'Exited (143) Less than a second ago' })); // die
    store.update(container('a', { state: 'exited', engineState: 'exited', status: 'Exited (143) Less than a second ago' })); // stop
    assert.deepEqual(fired, [roots[0]]);
    assert.match(String(roots[0].getTreeItem().description), /^Exited \(143\) /);
  });

  it('fires the row for each thing it shows: name, image, state, health, a restart', async () => {
    const { store, provider, roots, fired } = await shownProvider([container('a')]);
    providers.push(provider);
    const renamed = { name: 'renamed' };
    store.update(container('a', renamed));
    store.update(container('a', { ...renamed, image: 'busybox:1.36' }));
    store.update(container('a', { ...renamed, image: 'busybox:1.36', status: 'Up 5 minutes (healthy)' }));
    store.update(container('a', { ...renamed, image: 'busybox:1.36', status: 'Up 5 minutes (unhealthy)', state: 'unhealthy' }));
    store.update(container('a', { ...renamed, image: 'busybox:1.36', status: 'Up Less than a second (unhealthy)', state: 'unhealthy' }));
    assert.deepEqual(fired, [roots[0], roots[0], roots[0], roots[0], roots[0]]);
    assert.equal(roots[0].getTreeItem().accessibilityInformation?.label, 'renamed, unhealthy, Up Less than a second (unhealthy), busybox:1.36');
  });

  it('fires nothing when only the status aged (rows do not tick between events), and fires a restart', async () => {
    const { store, provider, roots, fired } = await shownProvider([container('a', { status: 'Up Less than a second' })]);
    providers.push(provider);
    for (const status of ['Up 1 second', 'Up 59 seconds', 'Up About a minute', 'Up 2 minutes', 'Up About an hour', 'Up 3 days']) {
      store.update(container('a', { status }));
    }
    assert.deepEqual(fired, []);
    store.update(container('a', { status: 'Up 2 seconds' })); // restarted
    assert.deepEqual(fired, [roots[0]]);
    const exited = { state: 'exited' as const, engineState: 'exited' };
    store.update(container('a', { ...exited, status: 'Exited (0) Less than a second ago' }));
    store.update(container('a', { ...exited, status: 'Exited (0) 3 seconds ago' }));
    assert.deepEqual(fired, [roots[0], roots[0]]);
    store.update(container('a', { ...exited, status: 'Exited (1) 3 seconds ago' }));
    assert.deepEqual(fired, [roots[0], roots[0], roots[0]]);
  });

  it('a hover after a silent update shows the new model, not details fetched for the old one', async () => {
    const { store, provider, roots } = await shownProvider([container('a', { command: 'old' })]);
    providers.push(provider);
    const node = roots[0];
    assert.ok(node.kind === 'container');
    node.details = { links: [], volumesFrom: [] } as unknown as typeof node.details;
    store.update(container('a', { command: 'new command' }));
    assert.equal(node.details, undefined);
    const item = await provider.resolveTreeItem(node.getTreeItem(), node);
    assert.match((item.tooltip as { value: string }).value, /new command/);
  });

  it("fires a row once for a guess from the event and the list's later answer that confirms it", async () => {
    const { store, provider, roots, fired } = await shownProvider([container('a')]);
    providers.push(provider);
    const pairs: [Partial<ContainerModel>, Partial<ContainerModel>][] = [
      [
        { state: 'paused', engineState: 'paused', status: 'Up 5 minutes (Paused)' },
        { state: 'paused', engineState: 'paused', status: 'Up 6 minutes (Paused)' },
      ],
      [{ status: 'Up 6 minutes' }, { status: 'Up 6 minutes' }],
      [
        { state: 'exited', engineState: 'exited', status: 'Exited (137) Less than a second ago' },
        { state: 'exited', engineState: 'exited', status: 'Exited (137) 1 second ago' },
      ],
      [{ status: 'Up Less than a second' }, { status: 'Up 1 second' }],
    ];
    for (const [guess, listed] of pairs) {
      fired.length = 0;
      store.update(container('a', guess));
      store.update(container('a', listed));
      assert.deepEqual(fired, [roots[0]], `${guess.status} then ${listed.status}`);
    }
  });

  it('updates and fires a compose project row when a member stops or starts', async () => {
    const shop = { composeProject: 'shop' };
    const { store, provider, roots, fired } = await shownProvider([container('a', shop), container('b', shop)]);
    providers.push(provider);
    const [group] = roots;
    assert.equal(group.kind, 'group');
    assert.equal(group.getTreeItem().description, '2 running of 2');
    const [a] = await provider.getChildren(group);

    store.update(container('a', { ...shop, state: 'exited', engineState: 'exited', status: 'Exited (0) 1 second ago' }));
    assert.equal(group.getTreeItem().description, '1 running of 2');
    // Only the group: VS Code fetches its rows again with it, and a second fire would wait 200 ms.
    assert.deepEqual(fired, [group]);
    assert.match(String(a.getTreeItem().description), /^Exited /);

    fired.length = 0;
    store.update(container('a', { ...shop, status: 'Up Less than a second' }));
    assert.equal(group.getTreeItem().description, '2 running of 2');
    assert.deepEqual(fired, [group]);
  });

  it('leaves the group row alone when a member changes without starting or stopping', async () => {
    const shop = { composeProject: 'shop' };
    const { store, provider, roots, fired } = await shownProvider([container('a', shop), container('b', shop)]);
    providers.push(provider);
    const [a] = await provider.getChildren(roots[0]);
    store.update(container('a', { ...shop, status: 'Up 2 seconds' })); // restarted: the row changes
    assert.deepEqual(fired, [a]);
  });
});

describe('containers view: the whole list after the first page', () => {
  it("keeps the rows it gave VS Code (with the list's models), forgets the containers the list no longer has, and lays out the rest", async () => {
    const { store, provider, roots } = await shownProvider([container('a', { created: 3 }), container('b', { created: 2 })], 'none');
    const [a] = roots;
    store.containers.delete('b');
    store.containers.set('a', container('a', { created: 3, name: 'a-renamed' }));
    for (const id of ['c', 'd']) store.containers.set(id, container(id, { created: 1 }));
    store.full();
    assert.equal(provider.containerRow('b'), undefined, 'a container the whole list lacks has no row');
    const after = await provider.getChildren();
    assert.equal(after[0], a, 'the row VS Code has keeps its object (and id): expanded state and selection stay');
    assert.deepEqual(
      after.map((r) => (r as { model: ContainerModel }).model.name),
      ['a-renamed', 'c-c', 'c-d'],
    );
    assert.equal(provider.containerRow('c'), after[1]);
  });
});

describe('containers view: a level longer than a page', () => {
  const providers: { dispose(): void }[] = [];
  afterEach(() => providers.splice(0).forEach((p) => p.dispose()));
  const many = (n: number, changes: Partial<ContainerModel> = {}) =>
    Array.from({ length: n }, (_, i) => container(`c${String(i).padStart(2, '0')}`, { created: 1_700_000_000 - i, ...changes }));
  /** Past WholeViewRefresh's interval: a whole-view change that follows the first layout fires then. */
  const settled = () => new Promise((r) => setTimeout(r, 200));

  async function pagedProvider(models: ContainerModel[], groupBy: 'composeProject' | 'none', pageSize: number, sortBy: 'created' | 'name' = 'created') {
    const store = handDrivenStore(models);
    const provider = new ContainersProvider(store as unknown as EngineStore, () => ({ groupBy, sortBy }), { pageSize });
    providers.push(provider);
    store.full();
    const fired: (ContainersTreeNode | ContainersTreeNode[] | undefined)[] = [];
    provider.onDidChangeTreeData((node) => fired.push(node));
    return { store, provider, fired };
  }
  const names = (nodes: readonly (ContainersTreeNode | ContainersTreeNode[] | undefined)[]) =>
    nodes.map((n) =>
      n === undefined ? 'view' : Array.isArray(n) ? 'many' : n.kind === 'container' ? n.model.name : n.kind === 'page' ? `page ${n.getTreeItem().label}` : n.kind,
    );
  type Page = Extract<ContainersTreeNode, { kind: 'page' }>;
  const pagesOf = (rows: ContainersTreeNode[]) => rows.filter((r): r is Page => r.kind === 'page');

  it('shows the first rows of the top level, then a collapsed row per page that lists only its own rows', async () => {
    const { provider } = await pagedProvider(many(8), 'none', 3);
    const roots = await provider.getChildren();
    assert.deepEqual(names(roots), ['c-c00', 'c-c01', 'c-c02', 'page Containers 4–6', 'page Containers 7–8']);
    const [second, third] = pagesOf(roots);
    const item = second.getTreeItem();
    assert.equal(item.collapsibleState, 1, 'collapsed: its rows are asked for when it is expanded');
    assert.equal(item.accessibilityInformation?.label, 'Containers 4 to 6');
    assert.equal(item.id, 'page:containers::1');
    assert.deepEqual(names(await provider.getChildren(second)), ['c-c03', 'c-c04', 'c-c05']);
    assert.deepEqual(names(await provider.getChildren(third)), ['c-c06', 'c-c07']);
    const [c04] = (await provider.getChildren(second)).filter((r) => r.kind === 'container' && r.model.id === 'c04');
    assert.equal(provider.getParent(c04), second, 'a row in a page reveals through its page');
    assert.equal(provider.getParent(second), undefined);
    assert.equal(provider.containerRow('c07'), (await provider.getChildren(third))[1], 'a row in a later page is found for reveal');
  });

  it('by default a level shows its first 100 rows, then pages of 500 (a change to the level sends 102 rows, not 501)', async () => {
    const store = handDrivenStore(many(1000).map((m, i) => ({ ...m, id: `d${i}`, created: 1_700_000_000 - i })));
    const provider = new ContainersProvider(store as unknown as EngineStore, () => ({ groupBy: 'none', sortBy: 'created' }));
    providers.push(provider);
    store.full();
    const roots = await provider.getChildren();
    assert.equal(roots.length, 102);
    assert.deepEqual(names(roots.slice(100)), ['page Containers 101–600', 'page Containers 601–1,000']);
    assert.equal((await provider.getChildren(roots[100])).length, 500);
  });

  it('cuts a compose project the same way: its page rows belong to it', async () => {
    const { provider } = await pagedProvider(many(5, { composeProject: 'shop' }), 'composeProject', 2);
    const [group] = await provider.getChildren();
    assert.equal(group.kind, 'group');
    const rows = await provider.getChildren(group);
    assert.deepEqual(names(rows), ['c-c00', 'c-c01', 'page Containers 3–4', 'page Containers 5–5']);
    assert.equal(provider.getParent(rows[2]), group);
    assert.equal(provider.getParent((await provider.getChildren(rows[3]))[0]), rows[3]);
  });

  it('a container created inside a page fires that page only, and the page lists it', async () => {
    const { store, provider, fired } = await pagedProvider(many(9), 'none', 3);
    const [second] = pagesOf(await provider.getChildren());
    await provider.getChildren(second);
    await settled();
    store.update(container('new', { created: 1_700_000_000 - 4.5 })); // between c04 and c05
    assert.deepEqual(fired, [second]);
    assert.deepEqual(names(await provider.getChildren(second)), ['c-c03', 'c-c04', 'c-new', 'c-c05']);
    assert.deepEqual(names(await provider.getChildren()).slice(0, 3), ['c-c00', 'c-c01', 'c-c02'], 'the level keeps its own rows');
  });

  it('a container removed from a page fires that page only; the pages after it keep their rows', async () => {
    const { store, provider, fired } = await pagedProvider(many(9), 'none', 3);
    const [second, third] = pagesOf(await provider.getChildren());
    await provider.getChildren(second);
    await provider.getChildren(third);
    await settled();
    store.remove('c04');
    assert.deepEqual(fired, [second]);
    assert.deepEqual(names(await provider.getChildren(second)), ['c-c03', 'c-c05']);
    assert.deepEqual(names(await provider.getChildren(third)), ['c-c06', 'c-c07', 'c-c08']);
  });

  it("a change to the level's own rows fetches the level, cut again at the page size", async () => {
    const { store, provider, fired } = await pagedProvider(many(7), 'none', 3);
    await provider.getChildren();
    await settled();
    store.update(container('new', { created: 1_700_000_100 }));
    await settled();
    assert.deepEqual(fired, [undefined]);
    const roots = await provider.getChildren();
    assert.deepEqual(names(roots), ['c-new', 'c-c00', 'c-c01', 'page Containers 4–6', 'page Containers 7–8']);
    assert.deepEqual(names(await provider.getChildren(pagesOf(roots)[0])), ['c-c02', 'c-c03', 'c-c04']);
  });

  it('a row change fires that row once its page was expanded, and nothing before (VS Code has no such row)', async () => {
    const { store, provider, fired } = await pagedProvider(many(7), 'none', 3);
    const [second] = pagesOf(await provider.getChildren());
    const exited = { state: 'exited' as const, engineState: 'exited', status: 'Exited (0) 1 second ago' };
    store.update(container('c04', { created: 1_700_000_000 - 4, ...exited }));
    assert.deepEqual(fired, []);
    const rows = await provider.getChildren(second);
    store.update(container('c05', { created: 1_700_000_000 - 5, ...exited }));
    assert.deepEqual(fired, [rows[2]]);
  });

  it('a rename that moves a row within its page (sorted by name) fires that page only', async () => {
    const { store, provider, fired } = await pagedProvider(many(9), 'none', 3, 'name');
    const [second] = pagesOf(await provider.getChildren());
    await provider.getChildren(second);
    await settled();
    store.update(container('c04', { created: 1_700_000_000 - 4, name: 'c-c05z' }));
    assert.deepEqual(fired, [second]);
    assert.deepEqual(names(await provider.getChildren(second)), ['c-c03', 'c-c05', 'c-c05z']);
  });

  it("a container created inside a project's page fires the project: its heading counts the members", async () => {
    const { store, provider, fired } = await pagedProvider(many(6, { composeProject: 'shop' }), 'composeProject', 2);
    const [group] = await provider.getChildren();
    await provider.getChildren(group);
    await settled();
    store.update(container('new', { composeProject: 'shop', created: 1_700_000_000 - 2.5 }));
    assert.deepEqual(fired, [group]);
    assert.equal(group.getTreeItem().description, '7 running of 7');
  });
});

describe('containers view: a row added or removed fires the level it is in', () => {
  const providers: { dispose(): void }[] = [];
  afterEach(() => providers.splice(0).forEach((p) => p.dispose()));
  const shop = { composeProject: 'shop' };
  const blog = { composeProject: 'blog' };
  const names = (nodes: ContainersTreeNode[]) => nodes.map((n) => (n.kind === 'container' ? n.model.name : n.kind));
  /** Past WholeViewRefresh's interval: a whole-view change that follows the first layout fires then. */
  const settled = () => new Promise((r) => setTimeout(r, 200));

  /** Two projects and a container outside any, every level fetched as VS Code does once they are expanded. */
  async function twoProjects() {
    const shown = await shownProvider([container('a', shop), container('b', shop), container('c', blog), container('d')]);
    providers.push(shown.provider);
    const [blogRow, shopRow] = shown.roots;
    assert.deepEqual(
      [blogRow, shopRow].map((g) => g.kind === 'group' && g.getTreeItem().label),
      ['blog', 'shop'],
    );
    await shown.provider.getChildren(blogRow);
    await shown.provider.getChildren(shopRow);
    return { ...shown, blogRow, shopRow };
  }

  it("a container created in a compose project fires that project, not the whole view (VS Code would fetch every level's rows)", async () => {
    const { store, provider, fired, shopRow } = await twoProjects();
    store.update(container('n', { ...shop, created: 1_700_000_100 }));
    await settled();
    assert.deepEqual(fired, [shopRow]);
    assert.deepEqual(names(await provider.getChildren(shopRow)), ['c-n', 'c-a', 'c-b']);
    assert.equal(shopRow.getTreeItem().description, '3 running of 3');
  });

  it('a container removed from a project fires that project only', async () => {
    const { store, provider, fired, shopRow } = await twoProjects();
    store.remove('b');
    await settled();
    assert.deepEqual(fired, [shopRow]);
    assert.deepEqual(names(await provider.getChildren(shopRow)), ['c-a']);
    assert.equal(shopRow.getTreeItem().description, '1 running of 1');
  });

  it('forgets every row one change removes, not only the first', async () => {
    const { store, provider } = await twoProjects();
    store.remove('a', 'b', 'd');
    await settled();
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].map((id) => provider.containerRow(id)?.model.id),
      [undefined, undefined, 'c', undefined],
    );
  });

  it("after a project alone was fetched again, another project's rows still fire their own changes", async () => {
    const { store, provider, fired } = await twoProjects();
    store.remove('b');
    fired.length = 0;
    store.update(container('c', { ...blog, name: 'renamed' }));
    const [c] = await provider.getChildren((await provider.getChildren())[0]);
    assert.deepEqual(fired, [c]);
  });

  it("the whole view when the top level's rows change: a project's last member, a container outside any project", async () => {
    const { store, fired } = await twoProjects();
    store.remove('c');
    await settled();
    assert.deepEqual(fired, [undefined]);
    const again = await twoProjects();
    again.store.update(container('e', { created: 1_700_000_100 }));
    await settled();
    assert.deepEqual(again.fired, [undefined]);
  });

  it('a container that moves from one group to another fires both groups', async () => {
    const shown = await shownProvider(
      [container('a'), container('b'), container('x', { state: 'exited', engineState: 'exited', status: 'Exited (0) 1 hour ago' })],
      'state',
    );
    providers.push(shown.provider);
    const byLabel = (label: string) => shown.roots.find((g) => g.kind === 'group' && String(g.getTreeItem().label).toLowerCase() === label)!;
    const [exitedRow, runningRow] = [byLabel('exited'), byLabel('running')];
    await shown.provider.getChildren(exitedRow);
    await shown.provider.getChildren(runningRow);
    shown.store.update(container('a', { state: 'exited', engineState: 'exited', status: 'Exited (0) Less than a second ago' }));
    await settled();
    assert.deepEqual(new Set(shown.fired.flat()), new Set([exitedRow, runningRow]));
    assert.deepEqual(names(await shown.provider.getChildren(exitedRow)).sort(), ['c-a', 'c-x']);
  });
});

describe('containers view: a row removed under a service row', () => {
  it("fires the project too: its heading counts the service's members", async () => {
    const web = { composeProject: 'shop', composeService: 'web' };
    const store = handDrivenStore([
      container('a', web),
      container('b', web),
      container('c', { ...web, state: 'exited', engineState: 'exited', status: 'Exited (0) 1 hour ago' }),
    ]);
    const provider = new ContainersProvider(store as unknown as EngineStore, () => ({ groupBy: 'composeProject', sortBy: 'created', composeServices: true }));
    store.full();
    const [project] = await provider.getChildren();
    assert.equal(project.getTreeItem().description, '2 running of 3');
    const fired: (ContainersTreeNode | ContainersTreeNode[] | undefined)[] = [];
    provider.onDidChangeTreeData((node) => fired.push(node));
    await new Promise((r) => setTimeout(r, 200));
    store.remove('b');
    assert.deepEqual(fired, [project], 'the project, whose rows (its service) come with it');
    assert.equal(project.getTreeItem().description, '1 running of 2');
    provider.dispose();
  });
});
