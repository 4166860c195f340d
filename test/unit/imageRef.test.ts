import * as assert from 'node:assert/strict';
import { familiarImageName, formatImageRef, normalizeImageName, parseImageRef, ImageRefError } from '../../src/docker/imageRef';

describe('image references', () => {
  const normalised: [string, string][] = [
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['user/app', 'docker.io/user/app:latest'],
    ['docker.io/nginx', 'docker.io/library/nginx:latest'],
    ['index.docker.io/library/nginx:1', 'docker.io/library/nginx:1'],
    ['localhost/app:dev', 'localhost/app:dev'],
    ['127.0.0.1:5000/dx-test/busybox:1.0', '127.0.0.1:5000/dx-test/busybox:1.0'],
    ['ghcr.io/org/team/app:v2', 'ghcr.io/org/team/app:v2'],
    ['registry:5000/app', 'registry:5000/app:latest'],
    [`busybox@sha256:${'a'.repeat(64)}`, `docker.io/library/busybox@sha256:${'a'.repeat(64)}`],
    [`busybox:1@sha256:${'b'.repeat(64)}`, `docker.io/library/busybox:1@sha256:${'b'.repeat(64)}`],
  ];
  for (const [input, expected] of normalised) {
    it(`normalises ${input} to ${expected}`, () => {
      assert.equal(formatImageRef(parseImageRef(input)), expected);
    });
  }

  const familiar: [string, string][] = [
    ['docker.io/library/nginx:latest', 'nginx:latest'],
    ['docker.io/user/app:1', 'user/app:1'],
    ['127.0.0.1:5000/app:1', '127.0.0.1:5000/app:1'],
  ];
  for (const [input, expected] of familiar) {
    it(`prints ${input} the short way Docker does: ${expected}`, () => {
      assert.equal(familiarImageName(parseImageRef(input)), expected);
    });
  }

  const bad: [string, RegExp][] = [
    ['', /empty/],
    ['   ', /empty/],
    ['ng inx', /spaces or control/],
    ['nginx\u0007', /control/],
    ['Nginx', /lowercase/],
    ['nginx:', /not a valid tag/],
    ['nginx:-bad', /not a valid tag/],
    [`nginx:${'t'.repeat(129)}`, /not a valid tag/],
    ['nginx@sha256:xyz', /not a valid digest/],
    [':tag', /no repository/],
    ['user//app', /not a valid repository name part/],
    ['user/app_-x', /not a valid repository name part/],
    ['-host.com/app', /not a valid registry host/],
    [`docker.io/${'a'.repeat(260)}`, /longer than 255/],
  ];
  for (const [input, message] of bad) {
    it(`refuses ${JSON.stringify(input)} with a message that names the problem`, () => {
      assert.throws(
        () => parseImageRef(input),
        (err: unknown) => err instanceof ImageRefError && message.test(err.message),
      );
    });
  }

  it('leaves a name it cannot parse unchanged when only displaying it', () => {
    assert.equal(normalizeImageName('<none>'), '<none>');
  });
});
