import * as assert from 'node:assert/strict';
import { containerNameProblem } from '../../src/docker/containerName';

describe('container names', () => {
  for (const name of ['web', 'web-1', 'a1', 'my_app.v2', '0abc', 'A-B_C.D']) {
    it(`accepts ${name}`, () => {
      assert.equal(containerNameProblem(name), undefined);
    });
  }
  const refused: [string, string][] = [
    ['', 'empty'],
    ['a', 'tooShort'],
    ['-web', 'badFirst'],
    ['.web', 'badFirst'],
    ['_web', 'badFirst'],
    ['web app', 'badCharacters'],
    ['web/app', 'badCharacters'],
    ['wéb', 'badCharacters'],
    ['web:1', 'badCharacters'],
  ];
  for (const [name, problem] of refused) {
    it(`refuses "${name}" (${problem})`, () => {
      assert.equal(containerNameProblem(name), problem);
    });
  }
});
