import * as assert from 'node:assert/strict';
import type { ContainerModel, MountInfo } from '../../src/docker/models';
import { imageInUse, usersByImage, usersByVolume } from '../../src/docker/usage';
import { container } from './support/models';

function c(name: string, imageId: string, mounts: MountInfo[] = [], state = 'exited'): ContainerModel {
  return container(name, { name, image: imageId, imageId, mounts, state: state as ContainerModel['state'], engineState: state, status: state });
}
const vol = (name: string, readOnly = false): MountInfo => ({ type: 'volume', name, source: `/var/lib/docker/volumes/${name}/_data`, destination: '/data', readOnly });
const bind: MountInfo = { type: 'bind', source: '/srv', destination: '/srv', readOnly: false };

describe('which containers use an image or a volume', () => {
  it('indexes containers by image id, sorted by name, any state', () => {
    const users = usersByImage([c('web', 'sha256:a', [], 'running'), c('db', 'sha256:b'), c('api', 'sha256:a')]);
    assert.deepEqual([...users.keys()].sort(), ['sha256:a', 'sha256:b']);
    assert.deepEqual(
      users.get('sha256:a')!.map((x) => x.name),
      ['api', 'web'],
    );
  });

  it('indexes volume mounts by volume name with read-only kept, ignoring bind mounts', () => {
    const users = usersByVolume([c('web', 'i', [vol('data', true), bind]), c('backup', 'i', [vol('data')]), c('cache', 'i', [vol('tmp')])]);
    assert.deepEqual([...users.keys()].sort(), ['data', 'tmp']);
    assert.deepEqual(
      users.get('data')!.map((u) => [u.container.name, u.readOnly]),
      [
        ['backup', false],
        ['web', true],
      ],
    );
    assert.equal(users.has('/srv'), false);
  });

  it('shows an image as in use while any container from it is running, paused or restarting, not when stopped', () => {
    for (const state of ['running', 'unhealthy', 'paused', 'restarting']) assert.equal(imageInUse([c('x', 'i', [], state)]), true, state);
    for (const state of ['exited', 'created', 'dead']) assert.equal(imageInUse([c('x', 'i', [], state)]), false, state);
  });
});
