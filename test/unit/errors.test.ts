import * as assert from 'node:assert/strict';
import { DockerError, toDockerError } from '../../src/docker/errors';

describe('toDockerError', () => {
  const cases: [string, unknown, string][] = [
    ['a missing socket means the engine is unreachable', Object.assign(new Error('connect ENOENT /x.sock'), { code: 'ENOENT' }), 'unreachable'],
    ['a refused connection means the engine is unreachable', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'unreachable'],
    ['EACCES on the socket means permission denied', Object.assign(new Error('connect EACCES /var/run/docker.sock'), { code: 'EACCES' }), 'permission'],
    ['a timed out socket is a timeout', Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }), 'timeout'],
    ['HTTP 404 means not found', { statusCode: 404, json: { message: 'No such container: web' } }, 'notFound'],
    ['HTTP 409 means conflict', { statusCode: 409, json: { message: 'name already in use' } }, 'conflict'],
    ['HTTP 400 means bad request', { statusCode: 400, json: { message: 'bad parameter' } }, 'badRequest'],
    ['HTTP 500 is an engine error', { statusCode: 500, json: { message: 'boom' } }, 'engine'],
  ];
  for (const [behaviour, input, code] of cases) {
    it(behaviour, () => {
      const err = toDockerError(input);
      assert.ok(err instanceof DockerError);
      assert.equal(err.code, code);
    });
  }

  it("keeps the engine message without docker-modem's HTTP prefix", () => {
    const err = toDockerError({ statusCode: 404, message: '(HTTP code 404) no such container - No such container: web ' });
    assert.equal(err.message, 'No such container: web');
  });

  it('returns a DockerError unchanged', () => {
    const original = new DockerError('conflict', 'x');
    assert.equal(toDockerError(original), original);
  });
});
