import * as assert from 'node:assert/strict';
import type { ContainerModel } from '../../src/docker/models';
import { fakeVscode, requireWithFakeVscode } from './support/fakeVscode';

const { containerKind } = requireWithFakeVscode<typeof import('../../src/commands/targetKinds')>('../../src/commands/targetKinds');

describe('quick picks in the display language', () => {
  afterEach(() => {
    fakeVscode.env.language = 'en';
  });

  it("say a container's status as its row does, in the display language", () => {
    fakeVscode.env.language = 'ko';
    const container = { id: 'a'.repeat(64), name: 'web', image: 'nginx:1.27', status: 'Exited (0) 5 minutes ago', state: 'exited' } as ContainerModel;
    assert.equal(containerKind('dockerExplorer.containers.start').item(container).description, 'nginx:1.27 · Exited (0) 5분 전');
  });
});
