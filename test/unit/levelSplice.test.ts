import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ContainerModel } from '../../src/docker/models';
import type { EngineStore } from '../../src/docker/store';
import type { ContainersTreeNode, ContainersViewSettings } from '../../src/tree/containersProvider';
import { container } from './support/models';
import { requireWithFakeVscode } from './support/fakeVscode';
import { handDrivenStore } from './support/storeChanges';

const { ContainersProvider } = requireWithFakeVscode<typeof import('../../src/tree/containersProvider')>('../../src/tree/containersProvider');
type Provider = InstanceType<typeof ContainersProvider>;

/** Counts the provider's whole layouts; `wholeOnly` makes it lay everything out on every change, as it did before the splice. */
function instrument(provider: Provider, wholeOnly = false): { layouts: number } {
  const inner = provider as unknown as { roots: unknown; layout(): unknown; spliceTopLevel(...args: unknown[]): unknown };
  const counter = { layouts: 0 };
  const layout = inner.layout.bind(provider);
  // layout() hands back the rows it has; it lays them out only when it has none.
  inner.layout = () => (inner.roots === undefined && counter.layouts++, layout());
  if (wholeOnly) {
    inner.spliceTopLevel = () => undefined;
  }
  return counter;
}

/** What VS Code sees of the view, level by level and page by page: each row's id, label and description. */
async function tree(provider: Provider, node?: ContainersTreeNode): Promise<unknown[]> {
  const rows = await provider.getChildren(node);
  return Promise.all(
    rows.map(async (row) => {
      const item = provider.getTreeItem(row);
      const label = typeof item.label === 'string' ? item.label : item.label?.label;
      return row.kind === 'container' ? [item.id, label, item.description] : [item.id, label, item.description, await tree(provider, row)];
    }),
  );
}

/** What the provider sends VS Code: each row it fires, and each whole-view refresh it asks for (those fire on a clock). */
const fired = (provider: Provider) => {
  const seen: string[] = [];
  provider.onDidChangeTreeData((change) => change && seen.push(provider.getTreeItem(change).id ?? '?'));
  const refresh = (provider as unknown as { refresh: { request(): void } }).refresh;
  const request = refresh.request.bind(refresh);
  refresh.request = () => (seen.push('whole view'), request());
  return seen;
};

const states = ['running', 'exited', 'created', 'paused'] as const;
const model = (id: number, project: number, state: (typeof states)[number], created: number): ContainerModel =>
  container(`c${id}`, { name: `n${id}`, state, engineState: state, created, composeProject: project ? `p${project}` : undefined });

/** One flush: containers created (some outside any project), removed, changed in place, or renamed. */
const op = fc.record({
  create: fc.array(fc.record({ project: fc.constantFrom(0, 0, 0, 1, 2), state: fc.constantFrom(...states), created: fc.integer({ min: 1, max: 6 }) }), { maxLength: 2 }),
  remove: fc.array(fc.nat(), { maxLength: 2 }),
  update: fc.array(fc.record({ pick: fc.nat(), state: fc.constantFrom(...states), rename: fc.boolean() }), { maxLength: 2 }),
  look: fc.boolean(),
});

describe('containers view: one row in or out of the top level, spliced, not laid out again', () => {
  it('after any run of creates, removes, starts and renames, the view and its fires are those of the whole layout', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<ContainersViewSettings['groupBy']>('none', 'composeProject', 'state'),
        fc.constantFrom<ContainersViewSettings['sortBy']>('created', 'name', 'state'),
        fc.integer({ min: 0, max: 12 }),
        fc.array(op, { minLength: 1, maxLength: 25 }),
        async (groupBy, sortBy, start, ops) => {
          let next = 0;
          const store = handDrivenStore(Array.from({ length: start }, () => model(next++, next % 3, states[next % 4], next % 5)));
          const settings = () => ({ groupBy, sortBy });
          // Small pages, so rows come and go inside pages, at their first rows and in the level's own rows.
          const options = { pageSize: 3, firstPageRows: 4 };
          const spliced = new ContainersProvider(store as unknown as EngineStore, settings, options);
          const whole = new ContainersProvider(store as unknown as EngineStore, settings, options);
          instrument(whole, true);
          try {
            store.full();
            assert.deepEqual(await tree(spliced), await tree(whole));
            const firedSpliced = fired(spliced);
            const firedWhole = fired(whole);
            for (const o of ops) {
              const ids = [...store.containers.keys()];
              const removed = [...new Set(o.remove.filter(() => ids.length > 0).map((n) => ids[n % ids.length]))];
              // Each picked container once: a new state, and maybe a new name (a move when sorted by name or state).
              const picked = new Map(o.update.filter(() => ids.length > 0).map((x) => [ids[x.pick % ids.length], x]));
              const updated = [...picked]
                .filter(([id]) => !removed.includes(id))
                .map(([id, x]) => {
                  const was = store.containers.get(id)!;
                  return { ...was, state: x.state, engineState: x.state, name: x.rename ? `${was.name}r` : was.name };
                });
              const created = o.create.map((c) => model(next++, c.project, c.state, c.created));
              store.change([...updated, ...created], removed);
              assert.deepEqual(firedSpliced, firedWhole);
              if (o.look) {
                assert.deepEqual(await tree(spliced), await tree(whole));
              }
            }
            assert.deepEqual(await tree(spliced), await tree(whole));
            assert.deepEqual(firedSpliced, firedWhole);
          } finally {
            spliced.dispose();
            whole.dispose();
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a create or a remove at the top level of 10,000 rows lays none of them out again; a create in a project does', async () => {
    const store = handDrivenStore(Array.from({ length: 10_000 }, (_, i) => model(i, 0, 'running', i)));
    const provider = new ContainersProvider(store as unknown as EngineStore, () => ({ groupBy: 'composeProject', sortBy: 'created' }));
    const counter = instrument(provider);
    try {
      store.full();
      const before = await provider.getChildren();
      assert.equal(counter.layouts, 1);
      const seen = fired(provider);
      store.change([model(10_000, 0, 'created', 20_000)], []);
      store.change([], ['c5']);
      assert.equal(counter.layouts, 1);
      // The create changes the level's own rows; the remove, the last page's (as before).
      assert.deepEqual(seen, ['whole view', `page:containers::${Math.ceil((10_001 - 100) / 500)}`]);
      const after = await provider.getChildren();
      assert.equal(provider.getTreeItem(after[0]).id, 'container:c10000');
      assert.equal(after.length, before.length);
      store.change([model(10_001, 1, 'created', 30_000)], []);
      assert.equal(counter.layouts, 2);
    } finally {
      provider.dispose();
    }
  });
});

describe('containers view: a rename sorted by creation time', () => {
  // Containers created in the same second (a compose up) sort by name: a rename can pass a neighbour.
  it('moves the row when it passes a neighbour created the same second, alone or with a remove in the same flush', async () => {
    for (const withRemove of [false, true]) {
      const store = handDrivenStore([model(1, 0, 'running', 5), model(2, 0, 'running', 5), model(3, 0, 'running', 5), model(4, 0, 'running', 1)]);
      const provider = new ContainersProvider(store as unknown as EngineStore, () => ({ groupBy: 'none', sortBy: 'created' }));
      try {
        store.full();
        const names = async () => (await provider.getChildren()).map((row) => provider.getTreeItem(row).label);
        assert.deepEqual(await names(), ['n1', 'n2', 'n3', 'n4']);
        const seen = fired(provider);
        store.change([{ ...store.containers.get('c1')!, name: 'n9' }], withRemove ? ['c4'] : []);
        assert.deepEqual(await names(), withRemove ? ['n2', 'n3', 'n9'] : ['n2', 'n3', 'n9', 'n4']);
        assert.deepEqual(seen, ['whole view'], 'the level is fetched again: its order changed');
        // A rename that keeps its place stays a row change.
        seen.length = 0;
        store.change([{ ...store.containers.get('c2')!, name: 'n2b' }], []);
        assert.deepEqual(await names(), withRemove ? ['n2b', 'n3', 'n9'] : ['n2b', 'n3', 'n9', 'n4']);
        assert.deepEqual(seen, ['container:c2']);
      } finally {
        provider.dispose();
      }
    }
  });
});
