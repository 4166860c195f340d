import * as assert from 'node:assert/strict';
import type { ContainerChange } from '../../src/docker/containerChanges';
import type { InsideNode, InsideSource } from '../../src/tree/containerInside';
import { requireWithFakeVscode } from './support/fakeVscode';

const { ContainerInside } = requireWithFakeVscode<typeof import('../../src/tree/containerInside')>('../../src/tree/containerInside');

/** A container whose `docker diff` answers are counted; `changes` is what the engine has now. */
function counted() {
  const engine = { asked: 0, changes: [{ path: '/root/new', kind: 'added' }] as ContainerChange[] };
  const source: InsideSource = {
    containerChanges: async () => (engine.asked++, [...engine.changes]),
    list: async () => ({ entries: [] }),
    container: () => undefined,
    engineDescription: () => 'the test engine',
  };
  const fired: InsideNode[] = [];
  const inside = new ContainerInside(source, (node) => fired.push(node));
  const row = { model: { id: 'c1', name: 'web', image: 'busybox' } };
  /** The top rows under Changes (folders holding the paths). */
  const paths = async (node: InsideNode) => (await inside.children(node)).map((r) => ('path' in r ? r.path : r.kind));
  return { engine, inside, row, fired, paths };
}

describe('the rows under a container ask docker diff once per expansion', () => {
  it('expanding the container row and then Changes asks once', async () => {
    const { engine, inside, row, paths } = counted();
    const [changes] = await inside.childrenOf(row);
    assert.equal(engine.asked, 1, 'the container row: one docker diff, for the count');
    assert.deepEqual(await paths(changes), ['/root']);
    assert.equal(engine.asked, 1, 'Changes shows the answer the count came from');
  });

  it('Show Changes on a row never expanded asks once: VS Code lists the row as it expands it', async () => {
    const { engine, inside, row, fired, paths } = counted();
    const changes = await inside.showChanges(row, async () => void (await inside.childrenOf(row)));
    assert.equal(engine.asked, 1);
    assert.deepEqual(changes.changes, engine.changes);
    assert.deepEqual(await paths(changes), ['/root'], 'revealing Changes shows that answer');
    assert.equal(engine.asked, 1);
    assert.deepEqual(fired, [], 'nothing to redraw');
  });

  it('Show Changes on a row VS Code already listed asks once more and redraws Changes with the new answer', async () => {
    const { engine, inside, row, fired, paths } = counted();
    const [listed] = await inside.childrenOf(row);
    await paths(listed);
    engine.changes.push({ path: '/tmp/later', kind: 'added' });
    const changes = await inside.showChanges(row, async () => undefined);
    assert.equal(engine.asked, 2);
    assert.equal(changes, listed, 'the same row');
    assert.deepEqual(fired, [listed], 'Changes is redrawn');
    assert.deepEqual(await paths(changes), ['/root', '/tmp'], 'with the new answer');
    assert.equal(engine.asked, 2);
  });
});

describe('a folder changed by our own hand shows the change in its open row', () => {
  function withFolders() {
    const entries: Record<string, { name: string; kind: 'directory' | 'file' }[]> = { '/': [{ name: 'tmp', kind: 'directory' }], '/tmp': [] };
    const source: InsideSource = {
      containerChanges: async () => [],
      list: async (_container, folder) => ({ entries: (entries[folder] ?? []) as never }),
      container: () => undefined,
      engineDescription: () => 'the test engine',
    };
    const fired: InsideNode[] = [];
    const inside = new ContainerInside(source, (node) => fired.push(node));
    const row = { model: { id: 'c1', name: 'web', image: 'busybox' } };
    return { inside, row, fired };
  }

  it('redraws the listed row of that folder, and nothing for a folder never listed or another container', async () => {
    const { inside, row, fired } = withFolders();
    const [, files] = await inside.childrenOf(row);
    const [tmp] = await inside.children(files);
    await inside.children(tmp);
    inside.changedIn('c1', '/etc');
    inside.changedIn('c2', '/tmp');
    assert.deepEqual(fired, [], 'no row lists /etc of c1 or anything of c2');
    inside.changedIn('c1', '/tmp');
    inside.changedIn('c1', '/');
    assert.deepEqual(fired, [tmp, files]);
  });

  it('forgets a removed container`s folders', async () => {
    const { inside, row, fired } = withFolders();
    const [, files] = await inside.childrenOf(row);
    await inside.children(files);
    inside.forget('c1');
    inside.changedIn('c1', '/');
    assert.deepEqual(fired, []);
  });

  it('a store change forgets the rows of the containers it removed, and a whole new list those it lacks', async () => {
    const { inside, fired } = withFolders();
    const files: Record<string, unknown> = {};
    for (const id of ['c1', 'c2', 'c3']) {
      [, files[id]] = await inside.childrenOf({ model: { id, name: id, image: 'busybox' } });
      await inside.children(files[id] as InsideNode);
    }
    inside.forgetGone({ full: false, removed: ['c1'] }, () => true);
    inside.forgetGone({ full: true, removed: [] }, (id) => id !== 'c3');
    ['c1', 'c2', 'c3'].forEach((id) => inside.changedIn(id, '/'));
    assert.deepEqual(fired, [files.c2]);
  });

  it('a removed container costs its own folder rows only, not a walk of every listed row', async () => {
    const { inside, fired } = withFolders();
    const asked = new Map<string, number>();
    const rows: { containerId: string }[] = [];
    for (const id of ['c1', 'c2', 'c3']) {
      const [, files] = await inside.childrenOf({ model: { id, name: id, image: 'busybox' } });
      const [tmp] = await inside.children(files);
      await inside.children(tmp);
      rows.push(files as never, tmp as never);
    }
    // Count every look at a listed row's container: forget must not look at another container's rows.
    const ids = rows.map((row) => row.containerId);
    for (const [i, row] of rows.entries()) {
      const id = ids[i];
      Object.defineProperty(row, 'containerId', { get: () => (asked.set(id, (asked.get(id) ?? 0) + 1), id) });
    }
    inside.forget('c2');
    assert.deepEqual(
      [...asked.keys()].filter((id) => id !== 'c2'),
      [],
      `rows of other containers were read: ${JSON.stringify([...asked])}`,
    );
    inside.changedIn('c2', '/tmp');
    inside.changedIn('c2', '/');
    assert.deepEqual(fired, [], 'c2 is forgotten');
    inside.changedIn('c1', '/tmp');
    inside.changedIn('c3', '/');
    assert.deepEqual(fired, [rows[1], rows[4]], 'c1 and c3 keep theirs');
  });
});
