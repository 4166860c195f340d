import * as assert from 'node:assert/strict';
import { BuildProgress } from '../../src/docker/buildProgress';
import { buildCommandWords, dockerfileInContext, isInside, pairsToObject } from '../../src/docker/buildOptions';

describe('build progress: what the legacy builder streams', () => {
  it('follows the steps, the step container, and reads the image id and tags at the end', () => {
    const progress = new BuildProgress();
    const shown = [
      { stream: 'Step 1/3 : FROM busybox' },
      { stream: '\n' },
      { stream: ' ---> 1a2b3c\n' },
      { stream: 'Step 2/3 : RUN echo hi' },
      { stream: '\n' },
      { stream: ' ---> Running in 0123456789ab\n' },
      { stream: 'hi\n' },
      { aux: { ID: 'sha256:' + 'f'.repeat(64) } },
      { stream: 'Successfully built ffffffffffff\n' },
      { stream: 'Successfully tagged app:latest\n' },
    ].flatMap((e) => progress.add(e));
    assert.deepEqual(progress.step, { number: 2, of: 3, instruction: 'RUN echo hi' });
    assert.equal(progress.runningIn, '0123456789ab');
    assert.equal(progress.imageId, 'sha256:' + 'f'.repeat(64), 'the aux id wins over the short one');
    assert.deepEqual(progress.tags, ['app:latest']);
    assert.equal(progress.error, undefined);
    assert.ok(shown.every((o) => o.kind === 'text'));
    assert.equal(
      shown.map((o) => o.text).join(''),
      'Step 1/3 : FROM busybox\n ---> 1a2b3c\nStep 2/3 : RUN echo hi\n ---> Running in 0123456789ab\nhi\nSuccessfully built ffffffffffff\nSuccessfully tagged app:latest\n',
    );
  });

  it('keeps the error and the step it happened in; a --pull status line is shown too', () => {
    const progress = new BuildProgress();
    progress.add({ stream: 'Step 3/4 : RUN false\n' });
    assert.deepEqual(progress.add({ status: 'Pulling from library/busybox', id: 'latest' }), [{ kind: 'text', text: 'latest: Pulling from library/busybox\n' }]);
    const out = progress.add({ errorDetail: { code: 1, message: "The command '/bin/sh -c false' returned a non-zero code: 1" }, error: 'x' });
    assert.deepEqual(out, [{ kind: 'error', text: "The command '/bin/sh -c false' returned a non-zero code: 1\n" }]);
    assert.equal(progress.step?.number, 3);
    assert.match(progress.error ?? '', /non-zero code: 1/);
    assert.equal(progress.imageId, undefined);
  });

  it('takes the short id from "Successfully built" when no aux line came', () => {
    const progress = new BuildProgress();
    progress.add({ stream: 'Successfully bu' });
    progress.add({ stream: 'ilt abc123def456\n' });
    assert.equal(progress.imageId, 'abc123def456');
  });
});

describe('build options: the docker command and the engine parameters', () => {
  const spec = {
    dockerfile: '/w/app/docker/Dockerfile.prod',
    context: '/w/app',
    tag: 'app:1',
    buildArgs: ['V=two words', 'X=a=b'],
    target: 'runtime',
    noCache: true,
    pull: true,
    labels: ['team=web'],
  };

  it('writes the docker build line the build stands for', () => {
    assert.deepEqual(buildCommandWords(spec), [
      'docker',
      'build',
      '-t',
      'app:1',
      '-f',
      '/w/app/docker/Dockerfile.prod',
      '--build-arg',
      'V=two words',
      '--build-arg',
      'X=a=b',
      '--target',
      'runtime',
      '--no-cache',
      '--pull',
      '--label',
      'team=web',
      '/w/app',
    ]);
  });

  it('gives the engine the Dockerfile relative to the context and the pairs as objects', () => {
    assert.equal(dockerfileInContext(spec), 'docker/Dockerfile.prod');
    assert.deepEqual(pairsToObject(spec.buildArgs), { V: 'two words', X: 'a=b' });
    assert.ok(isInside('/w/app', '/w/app/Dockerfile'));
    assert.ok(!isInside('/w/app', '/w/other/Dockerfile'));
    assert.ok(!isInside('/w/app', '/w/app'));
    assert.ok(!isInside('/w/app', '/w/application/Dockerfile'));
  });
});
