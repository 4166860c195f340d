import * as assert from 'node:assert/strict';
import type { ContainerModel } from '../../src/docker/models';
import { groupContainers } from '../../src/tree/grouping';
import { formatAge, formatSize } from '../../src/tree/format';

function c(name: string, state: string, created: number, project?: string, image = 'busybox'): ContainerModel {
  return {
    id: name, name, image, imageId: image, command: '', created, state: state as ContainerModel['state'], engineState: state,
    status: state, ports: [], mounts: [], networks: [], composeProject: project,
  };
}

const sample = [c('web', 'running', 30, 'shop'), c('db', 'exited', 10, 'shop'), c('tool', 'paused', 20), c('adhoc', 'running', 40)];

describe('containers view grouping and sorting', () => {
  it('groups by compose project and leaves other containers at the top level, newest first', () => {
    const { groups, ungrouped } = groupContainers(sample, 'composeProject', 'created');
    assert.deepEqual(groups.map((g) => [g.key, g.containers.map((x) => x.name)]), [['shop', ['web', 'db']]]);
    assert.deepEqual(ungrouped.map((x) => x.name), ['adhoc', 'tool']);
  });

  it('groups by state with running first', () => {
    const { groups, ungrouped } = groupContainers(sample, 'state', 'name');
    assert.deepEqual(groups.map((g) => g.key), ['running', 'paused', 'exited']);
    assert.deepEqual(groups[0].containers.map((x) => x.name), ['adhoc', 'web']);
    assert.equal(ungrouped.length, 0);
  });

  it('groups by image', () => {
    const { groups } = groupContainers([...sample, c('n', 'running', 1, undefined, 'nginx')], 'image', 'created');
    assert.deepEqual(groups.map((g) => g.key), ['busybox', 'nginx']);
  });

  it('sorts a flat list by state, running before paused before exited', () => {
    const { groups, ungrouped } = groupContainers(sample, 'none', 'state');
    assert.equal(groups.length, 0);
    assert.deepEqual(ungrouped.map((x) => x.name), ['adhoc', 'web', 'tool', 'db']);
  });

  it('sorts by name', () => {
    assert.deepEqual(groupContainers(sample, 'none', 'name').ungrouped.map((x) => x.name), ['adhoc', 'db', 'tool', 'web']);
  });
});

describe('formatting', () => {
  it('prints sizes in powers of 1000 as docker images does', () => {
    assert.equal(formatSize(999), '999 B');
    assert.equal(formatSize(1_980_000), '1.98 MB');
    assert.equal(formatSize(72_800_000), '72.8 MB');
    assert.equal(formatSize(1_000_000_000), '1 GB');
  });

  it('prints ages in words', () => {
    const now = 1_000_000_000_000;
    assert.equal(formatAge(now / 1000 - 30, now), 'less than a minute ago');
    assert.equal(formatAge(now / 1000 - 60, now), '1 minute ago');
    assert.equal(formatAge(now / 1000 - 7200, now), '2 hours ago');
    assert.equal(formatAge(now / 1000 - 86400 * 3, now), '3 days ago');
  });
});
