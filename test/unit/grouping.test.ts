import * as assert from 'node:assert/strict';
import type { ContainerModel, ImageModel } from '../../src/docker/models';
import { groupContainers, groupImages } from '../../src/tree/grouping';
import { formatAge, formatSize } from '../../src/tree/format';
import { container } from './support/models';

function c(name: string, state: string, created: number, project?: string, image = 'busybox'): ContainerModel {
  return container(name, { name, image, imageId: image, created, state: state as ContainerModel['state'], engineState: state, status: state, composeProject: project });
}

const sample = [c('web', 'running', 30, 'shop'), c('db', 'exited', 10, 'shop'), c('tool', 'paused', 20), c('adhoc', 'running', 40)];

describe('containers view grouping and sorting', () => {
  it('groups by compose project and leaves other containers at the top level, newest first', () => {
    const { groups, ungrouped } = groupContainers(sample, 'composeProject', 'created');
    assert.deepEqual(
      groups.map((g) => [g.key, g.containers.map((x) => x.name)]),
      [['shop', ['web', 'db']]],
    );
    assert.deepEqual(
      ungrouped.map((x) => x.name),
      ['adhoc', 'tool'],
    );
  });

  it('groups by state with running first', () => {
    const { groups, ungrouped } = groupContainers(sample, 'state', 'name');
    assert.deepEqual(
      groups.map((g) => g.key),
      ['running', 'paused', 'exited'],
    );
    assert.deepEqual(
      groups[0].containers.map((x) => x.name),
      ['adhoc', 'web'],
    );
    assert.equal(ungrouped.length, 0);
  });

  it('groups by image', () => {
    const { groups } = groupContainers([...sample, c('n', 'running', 1, undefined, 'nginx')], 'image', 'created');
    assert.deepEqual(
      groups.map((g) => g.key),
      ['busybox', 'nginx'],
    );
  });

  it('sorts a flat list by state, running before paused before exited', () => {
    const { groups, ungrouped } = groupContainers(sample, 'none', 'state');
    assert.equal(groups.length, 0);
    assert.deepEqual(
      ungrouped.map((x) => x.name),
      ['adhoc', 'web', 'tool', 'db'],
    );
  });

  it('sorts by name', () => {
    assert.deepEqual(
      groupContainers(sample, 'none', 'name').ungrouped.map((x) => x.name),
      ['adhoc', 'db', 'tool', 'web'],
    );
  });
});

describe('images view grouping', () => {
  const image = (id: string, created: number, ...tags: string[]): ImageModel => ({ id, tags, digests: [], created, size: 1, containers: 0 });

  it('groups tags by repository as Docker normalises it, newest first, with the dangling images last', () => {
    const groups = groupImages([
      image('a', 1, 'docker.io/library/nginx:1.27'),
      image('b', 3, 'docker.io/library/nginx:latest', 'localhost:5000/web:1'),
      image('c', 2),
      image('d', 4, 'docker.io/library/busybox:latest'),
    ]);
    assert.deepEqual(
      groups.map((g) => [g.key, g.rows.map((r) => r.reference ?? r.image.id)]),
      [
        ['docker.io/library/busybox', ['docker.io/library/busybox:latest']],
        ['docker.io/library/nginx', ['docker.io/library/nginx:latest', 'docker.io/library/nginx:1.27']],
        ['localhost:5000/web', ['localhost:5000/web:1']],
        ['<none>', ['c']],
      ],
    );
  });
});

/** How many elements `run` reads through array iterators (spreads, for-of): copying an array reads all of it. */
function arrayElementsIterated(run: () => void): number {
  const proto = Array.prototype as unknown as { [Symbol.iterator]: (this: unknown[]) => Iterator<unknown> };
  const original = proto[Symbol.iterator];
  let steps = 0;
  proto[Symbol.iterator] = function (this: unknown[]) {
    const inner = original.call(this);
    return {
      next: () => {
        steps++;
        return inner.next();
      },
      [Symbol.iterator]() {
        return this;
      },
    } as Iterator<unknown>;
  };
  try {
    run();
  } finally {
    proto[Symbol.iterator] = original;
  }
  return steps;
}

describe('layout work grows with the number of rows, not its square', () => {
  const n = 3000;

  it('the instrument sees a spread copy', () => {
    const list = Array.from({ length: 100 }, (_, i) => i);
    assert.ok(arrayElementsIterated(() => [...list]) >= 100);
  });

  it(`puts ${n} containers of one compose project in one group reading each element a bounded number of times`, () => {
    const containers = Array.from({ length: n }, (_, i) => c(`svc-${i}`, 'running', i, 'big'));
    let groups: ReturnType<typeof groupContainers>['groups'] = [];
    const steps = arrayElementsIterated(() => ({ groups } = groupContainers(containers, 'composeProject', 'name')));
    assert.equal(groups[0].containers.length, n);
    assert.ok(steps <= 10 * n, `${steps} array elements read for ${n} containers (a copy per append reads about ${(n * n) / 2})`);
  });

  it(`puts ${n} tags of one repository in one group reading each element a bounded number of times`, () => {
    const images: ImageModel[] = Array.from({ length: n }, (_, i) => ({
      id: `sha256:${i}`,
      tags: [`docker.io/library/big:${i}`],
      digests: [],
      created: i,
      size: 1,
      containers: 0,
    }));
    let groups: ReturnType<typeof groupImages> = [];
    const steps = arrayElementsIterated(() => (groups = groupImages(images)));
    assert.deepEqual(
      groups.map((g) => [g.key, g.rows.length]),
      [['docker.io/library/big', n]],
    );
    assert.ok(steps <= 10 * n, `${steps} array elements read for ${n} tags (a copy per append reads about ${(n * n) / 2})`);
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
    assert.equal(formatAge(now / 1000 - 30, 'en', now), '30 seconds ago');
    assert.equal(formatAge(now / 1000 - 60, 'en', now), '1 minute ago');
    assert.equal(formatAge(now / 1000 - 7200, 'en', now), '2 hours ago');
    assert.equal(formatAge(now / 1000 - 86400 * 3, 'en', now), '3 days ago');
  });
});
