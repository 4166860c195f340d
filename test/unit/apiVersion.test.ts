import * as assert from 'node:assert/strict';
import { apiAtLeast } from '../../src/docker/service';

describe('comparing Engine API versions', () => {
  const cases: [string, string, boolean][] = [
    ['1.43', '1.42', true],
    ['1.42', '1.42', true],
    ['1.41', '1.42', false],
    ['1.9', '1.10', false], // part by part, not as text or as a decimal number
    ['1.100', '1.42', true],
    ['2.0', '1.42', true],
    ['1.42.1', '1.42', true],
    ['1', '1.42', false],
  ];
  for (const [version, wanted, expected] of cases) {
    it(`${version} ${expected ? 'is' : 'is not'} at least ${wanted}`, () => {
      assert.equal(apiAtLeast(version, wanted), expected);
    });
  }
});
