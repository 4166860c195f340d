import * as assert from 'node:assert/strict';
import type { ImageModel } from '../../src/docker/models';
import { requireWithFakeVscode } from './support/fakeVscode';

const { revealImage } = requireWithFakeVscode<typeof import('../../src/tree/revealImage')>('../../src/tree/revealImage');
const { ImageNode } = requireWithFakeVscode<typeof import('../../src/tree/nodes/imageNode')>('../../src/tree/nodes/imageNode');

/** The Images view with one group holding the new image's row, and a VS Code whose reveal fails `failures` times first. */
function viewWith(failures: number) {
  const model = { id: 'sha256:new', tags: ['app:same'] } as unknown as ImageModel;
  const group = { id: 'group:app' };
  const row = new ImageNode(model, 'docker.io/library/app:same', group, () => []);
  const provider = { getChildren: async (node?: unknown) => (node ? [row] : [group]) };
  const revealed: unknown[] = [];
  let left = failures;
  const view = {
    reveal: async (node: unknown) => {
      if (left-- > 0) throw new Error(`Cannot resolve tree item for element 1/${row.id}`);
      revealed.push(node);
    },
  };
  return { provider, view, row, revealed };
}

describe('selecting a new image in the Images view after a commit or a build', () => {
  it('asks again when VS Code does not hold the row yet, and selects it then', async () => {
    const { provider, view, row, revealed } = viewWith(1);
    assert.equal(await revealImage(view as never, provider as never, 'sha256:new', 'app:same', 1), true);
    assert.deepEqual(revealed, [row]);
  });

  it('never fails the command: a row VS Code never resolves is simply not selected', async () => {
    const { provider, view, revealed } = viewWith(10);
    assert.equal(await revealImage(view as never, provider as never, 'sha256:new', 'app:same', 1), false);
    assert.deepEqual(revealed, []);
  });
});
