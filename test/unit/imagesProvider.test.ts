import * as assert from 'node:assert/strict';
import type { ImageModel } from '../../src/docker/models';
import type { ImagesTreeNode } from '../../src/tree/imagesProvider';
import type { ImageNode } from '../../src/tree/nodes/imageNode';
import { requireWithFakeVscode } from './support/fakeVscode';
import { container, stopped } from './support/models';
import { storeHolding } from './support/storeChanges';

const { ImagesProvider } = requireWithFakeVscode<typeof import('../../src/tree/imagesProvider')>('../../src/tree/imagesProvider');

const image = (id: string, ...tags: string[]): ImageModel => ({ id, tags, digests: [], created: 1_700_000_000, size: 1e6, containers: 0 });

/** Images a (1000 stopped containers, two running), b (one running), c and d (none; d has two tags); every row laid out as VS Code asks. */
async function shown() {
  const models = [
    ...Array.from({ length: 1000 }, (_, i) => container(`a${i}`, { ...stopped, imageId: 'sha256:a' })),
    container('a-run1', { imageId: 'sha256:a' }),
    container('a-run2', { imageId: 'sha256:a' }),
    container('b-run', { imageId: 'sha256:b' }),
  ];
  const images = [
    image('sha256:a', 'docker.io/library/a:latest'),
    image('sha256:b', 'docker.io/library/b:latest'),
    image('sha256:c', 'docker.io/library/c:latest'),
    image('sha256:d', 'docker.io/library/d:latest', 'docker.io/library/d:v1'),
  ];
  const fixture = storeHolding(models, images);
  const provider = new ImagesProvider(fixture.store, { imageHistory: async () => [] });
  const rows: ImageNode[] = [];
  for (const group of await provider.getChildren()) {
    rows.push(...((await provider.getChildren(group)) as ImageNode[]));
  }
  const fired: (ImagesTreeNode | undefined)[] = [];
  provider.onDidChangeTreeData((node) => fired.push(node));
  const icon = (imageId: string) => rows.filter((r) => r.model.id === imageId).map((r) => (provider.getTreeItem(r).iconPath as { id: string }).id);
  const firedRows = () => fired.map((n) => (n === undefined ? 'the whole view' : n.id));
  return { ...fixture, provider, rows, fired, icon, firedRows };
}

describe('images view: what a container change costs', () => {
  it('a container started from an unused image puts that image in use and fires its row only', async () => {
    const { update, provider, icon, firedRows } = await shown();
    assert.deepEqual(icon('sha256:c'), ['layers']);
    update(container('c-new', { imageId: 'sha256:c' }));
    assert.deepEqual(firedRows(), ['image:sha256:c:docker.io/library/c:latest']);
    assert.deepEqual(icon('sha256:c'), ['layers-active']);
    provider.dispose();
  });

  it('the last running container of an image stopping or removed takes it out of use; each of its tags is fired', async () => {
    const { update, remove, provider, icon, firedRows, fired } = await shown();
    update(container('d1', { imageId: 'sha256:d' }));
    assert.deepEqual(icon('sha256:d'), ['layers-active', 'layers-active']);
    fired.length = 0;
    update(container('d1', { ...stopped, imageId: 'sha256:d' }));
    assert.deepEqual(firedRows().sort(), ['image:sha256:d:docker.io/library/d:latest', 'image:sha256:d:docker.io/library/d:v1']);
    assert.deepEqual(icon('sha256:d'), ['layers', 'layers']);
    fired.length = 0;
    remove('b-run');
    assert.deepEqual(firedRows(), ['image:sha256:b:docker.io/library/b:latest']);
    assert.deepEqual(icon('sha256:b'), ['layers']);
    provider.dispose();
  });

  it('a change that leaves every image as it was fires nothing and reads only the containers it names', async () => {
    const { update, remove, provider, firedRows, counter, icon } = await shown();
    counter.reads = 0;
    update(container('a-run1', { ...stopped, imageId: 'sha256:a' })); // a-run2 still runs
    update(container('a5', { imageId: 'sha256:a' }));
    remove('a7');
    update(container('a-new', { ...stopped, imageId: 'sha256:a', name: 'renamed' }));
    assert.deepEqual(firedRows(), []);
    assert.ok(counter.reads <= 12, `four changes read ${counter.reads} container models`);
    assert.deepEqual(icon('sha256:a'), ['layers-active']);
    provider.dispose();
  });

  it('the tooltip lists the containers of that image by name, as they are after the change', async () => {
    const { update, remove, provider, rows } = await shown();
    const b = rows.find((r) => r.model.id === 'sha256:b')!;
    update(container('b-2', { imageId: 'sha256:b', name: 'alpha' }));
    remove('b-run');
    update(container('b-3', { ...stopped, imageId: 'sha256:b', name: 'zulu' }));
    const tooltip = (provider.resolveTreeItem(provider.getTreeItem(b), b).tooltip as { value: string }).value;
    assert.ok(tooltip.indexOf('alpha') >= 0 && tooltip.indexOf('alpha') < tooltip.indexOf('zulu'), tooltip);
    assert.ok(!tooltip.includes('c-b-run'), tooltip);
    provider.dispose();
  });
});
