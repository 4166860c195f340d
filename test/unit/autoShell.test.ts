import * as assert from 'node:assert/strict';
import { autoShell } from '../../src/docker/autoShell';
import { DockerError } from '../../src/docker/errors';
import { isExecutableFile, isSymlink, parsePathStat } from '../../src/docker/pathStat';

const header = (stat: object) => Buffer.from(JSON.stringify(stat)).toString('base64');

describe('container path stat (HEAD /containers/{id}/archive)', () => {
  it("reads the header a real engine sent for busybox's /bin/sh: a symbolic link to /bin/busybox", () => {
    const stat = parsePathStat(header({ name: 'sh', size: 7, mode: 134218239, mtime: '2026-11-29T00:59:09Z', linkTarget: '/bin/busybox' }));
    assert.ok(stat);
    assert.equal(isSymlink(stat), true);
    assert.equal(stat.linkTarget, '/bin/busybox');
    assert.equal(isExecutableFile(stat), false, 'a link is not itself the file');
  });

  it('calls a regular file with an execute bit executable, and not one without, a directory or a device', () => {
    const file = (mode: number) => ({ name: 'x', size: 1, mode, linkTarget: '' });
    assert.equal(isExecutableFile(file(0o755)), true);
    assert.equal(isExecutableFile(file(0o700)), true);
    assert.equal(isExecutableFile(file(0o644)), false);
    assert.equal(isExecutableFile(file(2 ** 31 + 0o755)), false, 'directory');
    assert.equal(isExecutableFile(file(2 ** 26 + 2 ** 21 + 0o755)), false, 'character device');
  });

  it('gives undefined for a missing or unreadable header', () => {
    assert.equal(parsePathStat(undefined), undefined);
    assert.equal(parsePathStat(''), undefined);
    assert.equal(parsePathStat('not base64 json'), undefined);
    assert.equal(parsePathStat(header({ name: 'x' })), undefined);
  });
});

describe('the shell Open Shell picks when the setting is auto', () => {
  function service(hasBash: boolean | Error, testExitCode = 1) {
    const calls: string[] = [];
    return {
      calls,
      hasExecutable: async (_id: string, path: string) => {
        calls.push(`stat ${path}`);
        if (hasBash instanceof Error) {
          throw hasBash;
        }
        return hasBash;
      },
      execExitCode: async (_id: string, cmd: string[]) => {
        calls.push(`exec ${cmd.join(' ')}`);
        return testExitCode;
      },
    };
  }

  it('is bash where /bin/bash is executable and sh where it is not, without running anything in the container', async () => {
    const withBash = service(true);
    assert.equal(await autoShell(withBash, 'c1'), 'bash');
    const without = service(false);
    assert.equal(await autoShell(without, 'c1'), 'sh');
    assert.deepEqual([...withBash.calls, ...without.calls], ['stat /bin/bash', 'stat /bin/bash']);
  });

  it('asks test -x in the container when the engine cannot stat the path', async () => {
    const s = service(new DockerError('engine', 'not implemented', 501), 0);
    assert.equal(await autoShell(s, 'c1'), 'bash');
    assert.deepEqual(s.calls, ['stat /bin/bash', 'exec test -x /bin/bash']);
  });

  it('passes an unreachable engine on rather than trying again another way', async () => {
    const s = service(new DockerError('unreachable', 'connect ECONNREFUSED'));
    await assert.rejects(autoShell(s, 'c1'), (err: DockerError) => err.code === 'unreachable');
    assert.deepEqual(s.calls, ['stat /bin/bash']);
  });
});
