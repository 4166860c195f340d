import * as assert from 'node:assert/strict';
import type { MountInfo, VolumeModel } from '../../src/docker/models';
import type { VolumeNode } from '../../src/tree/nodes/volumeNode';
import { requireWithFakeVscode } from './support/fakeVscode';
import { container, stopped } from './support/models';
import { storeHolding } from './support/storeChanges';

const { VolumesProvider } = requireWithFakeVscode<typeof import('../../src/tree/volumesProvider')>('../../src/tree/volumesProvider');

const volume = (name: string): VolumeModel => ({ name, driver: 'local', mountpoint: `/var/lib/docker/volumes/${name}`, scope: 'local', labels: {}, anonymous: false });
const mount = (name: string, readOnly = false): MountInfo => ({ type: 'volume', name, source: '', destination: `/${name}`, readOnly });

/** Volumes data (two users), logs (one, read-only) and spare (none), beside 1000 containers that mount nothing. */
async function shown() {
  const models = [
    ...Array.from({ length: 1000 }, (_, i) => container(`x${i}`, stopped)),
    container('db', { name: 'db', mounts: [mount('data')] }),
    container('backup', { ...stopped, name: 'backup', mounts: [mount('data'), mount('logs', true)] }),
  ];
  const fixture = storeHolding(models, [], [volume('data'), volume('logs'), volume('spare')]);
  const provider = new VolumesProvider(fixture.store);
  const rows = (await provider.getChildren()) as VolumeNode[];
  const fired: (VolumeNode | undefined)[] = [];
  provider.onDidChangeTreeData((node) => fired.push(node));
  const description = (name: string) => provider.getTreeItem(rows.find((r) => r.model.name === name)!).description;
  const firedRows = () => fired.map((n) => (n === undefined ? 'the whole view' : n.model.name));
  return { ...fixture, provider, rows, fired, description, firedRows };
}

describe('volumes view: what a container change costs', () => {
  it('a container that mounts a volume renamed or removed fires that volume row only, which names its users as they are', async () => {
    const { update, remove, provider, description, firedRows, fired } = await shown();
    assert.equal(description('data'), 'local · used by backup, db');
    update(container('db', { name: 'aardvark', mounts: [mount('data')] }));
    assert.deepEqual(firedRows(), ['data']);
    assert.equal(description('data'), 'local · used by aardvark, backup');
    fired.length = 0;
    remove('backup');
    assert.deepEqual(firedRows().sort(), ['data', 'logs']);
    assert.equal(description('data'), 'local · used by aardvark');
    assert.equal(description('logs'), 'local');
    provider.dispose();
  });

  it('a new container that mounts an unused volume fires that row, read-only marked', async () => {
    const { update, provider, description, firedRows } = await shown();
    update(container('web', { name: 'web', mounts: [mount('spare', true)] }));
    assert.deepEqual(firedRows(), ['spare']);
    assert.equal(description('spare'), 'local · used by web (ro)');
    provider.dispose();
  });

  it('a change to containers that mount nothing, or that a row does not show, fires nothing and reads only what it names', async () => {
    const { update, remove, provider, firedRows, counter } = await shown();
    counter.reads = 0;
    update(container('x5'));
    remove('x6');
    update(container('new'));
    update(container('db', { ...stopped, name: 'db', mounts: [mount('data')] })); // the row shows names, not states
    assert.deepEqual(firedRows(), []);
    assert.ok(counter.reads <= 12, `four changes read ${counter.reads} container models`);
    provider.dispose();
  });
});
