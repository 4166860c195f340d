import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildArgProblem, labelProblem, repositoryFromFolder, targetProblem } from '../../src/docker/buildOptions';
import { parseImageRef } from '../../src/docker/imageRef';

const password = 's3cret-pw';
const long = (n: number, c = 'a') => c.repeat(n);

/** [check, what is wrong, value, what the message must say]. */
const table: [string, (v: string) => string | undefined, string, string, RegExp][] = [
  ['--build-arg', buildArgProblem, 'empty', '', /build argument is empty/],
  ['--build-arg', buildArgProblem, 'whitespace', '   ', /build argument is empty/],
  ['--build-arg', buildArgProblem, 'no =', 'VERSION', /has no "=": give NAME=value/],
  ['--build-arg', buildArgProblem, 'no name', '=1.2', /has no name before "="/],
  ['--build-arg', buildArgProblem, 'name starts with a digit', '1VERSION=1', /"1VERSION" is not a build argument name/],
  ['--build-arg', buildArgProblem, 'name with a dash', 'MY-ARG=1', /"MY-ARG" is not a build argument name/],
  ['--build-arg', buildArgProblem, 'name with a space', 'MY ARG=1', /"MY ARG" is not a build argument name/],
  ['--build-arg', buildArgProblem, 'name with a dollar', '$HOME=1', /is not a build argument name/],
  ['--build-arg', buildArgProblem, 'line break in the value', 'A=1\nRUN rm -rf /', /"A=1\\x0aRUN rm -rf \/" contains a line break or a control character/],
  ['--build-arg', buildArgProblem, 'control character', 'A=\x1b[31m', /contains a line break or a control character/],
  ['--build-arg', buildArgProblem, 'too long', `A=${long(70_000)}`, /longer than 65536 characters/],
  ['--build-arg', buildArgProblem, 'a URL with a password, newline', `URL=https://u:${password}@h\n`, /contains a line break/],
  ['--label', labelProblem, 'empty', '', /label is empty/],
  ['--label', labelProblem, 'no =', 'team', /has no "=": give KEY=value/],
  ['--label', labelProblem, 'no key', '=x', /has no name before "="/],
  ['--label', labelProblem, 'space in the key', 'my team=x', /"my team" is not a label key/],
  ['--label', labelProblem, 'control character', 'a=b\x00', /control character/],
  ['--target', (v) => targetProblem(v), 'empty', '', /target stage is empty/],
  ['--target', (v) => targetProblem(v), 'whitespace', '  ', /target stage is empty/],
  ['--target', (v) => targetProblem(v), 'starts with a digit', '1build', /"1build" is not a stage name/],
  ['--target', (v) => targetProblem(v), 'wrong characters', 'build/x', /"build\/x" is not a stage name/],
  ['--target', (v) => targetProblem(v), 'control character', 'bu\x07ild', /"bu\\x07ild" is not a stage name/],
  ['--target', (v) => targetProblem(v, ['build', 'runtime']), 'a stage the Dockerfile lacks', 'test', /no stage "test"; its stages are build, runtime/],
  ['--target', (v) => targetProblem(v, []), 'no named stages', 'build', /names no stages/],
];

describe('build input: tags, build arguments, labels and targets are refused with a message', () => {
  for (const [name, check, problem, value, message] of table) {
    it(`${name}: ${problem}`, () => {
      const said = check(value);
      assert.ok(said, `${name} accepted ${JSON.stringify(value.slice(0, 40))}`);
      assert.match(said, message);
      assert.ok(!said.includes(password), 'the password is not repeated');
      // eslint-disable-next-line no-control-regex -- the message shows typed control characters escaped
      assert.ok(!/[\x00-\x08\x0a-\x1f]/.test(said), 'no raw control characters in the message');
    });
  }

  it('accepts what docker build accepts', () => {
    for (const ok of ['VERSION=1.2', 'A=', 'a_b=two words', '_X=x=y', 'URL=https://example.com/a?b=c']) {
      assert.equal(buildArgProblem(ok), undefined, ok);
    }
    for (const ok of ['team=web', 'org.opencontainers.image.version=1.0', 'empty=']) {
      assert.equal(labelProblem(ok), undefined, ok);
    }
    assert.equal(targetProblem('build'), undefined);
    assert.equal(targetProblem('Build', ['build']), undefined, 'stage names are compared lowercased, as the builder does');
    assert.equal(targetProblem('my-stage_2.x'), undefined);
  });

  it('the checks never throw, on any input (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (value) => {
        buildArgProblem(value);
        labelProblem(value);
        targetProblem(value);
        targetProblem(value, ['a']);
      }),
    );
  });

  it('makes a default tag the image-reference parser accepts from any folder name (fast-check)', () => {
    assert.equal(repositoryFromFolder('My App'), 'my-app');
    assert.equal(repositoryFromFolder('---'), 'image');
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (folder) => {
        parseImageRef(`${repositoryFromFolder(folder)}:latest`);
      }),
    );
  });
});
