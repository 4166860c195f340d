import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { BuildContextError, readBuildContext } from '../../src/docker/buildContext';

describe('the build context: what is sent, checked before sending', () => {
  let dir: string;
  const write = (relative: string, text = 'x') => {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), text);
  };
  const problemOf = async (context: string, dockerfile: string) => {
    try {
      await readBuildContext(context, dockerfile);
    } catch (err) {
      assert.ok(err instanceof BuildContextError, String(err));
      return err;
    }
    return assert.fail('the context was accepted');
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-ctx-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists every file .dockerignore leaves in, and adds up their bytes', async () => {
    write('Dockerfile', 'FROM busybox\n');
    write('.dockerignore', 'secret.txt\nnode_modules\n*.log\n!keep.log\n');
    write('app/main.sh', '12345');
    write('secret.txt', 'no');
    write('node_modules/a/index.js', 'no');
    write('debug.log', 'no');
    write('keep.log', 'yes');
    fs.mkdirSync(path.join(dir, 'empty'));
    fs.symlinkSync('app/main.sh', path.join(dir, 'link'));
    const files = await readBuildContext(dir, path.join(dir, 'Dockerfile'));
    assert.deepEqual([...files.entries].sort(), ['.dockerignore', 'Dockerfile', 'app/main.sh', 'empty', 'keep.log', 'link']);
    assert.equal(files.files, 4);
    assert.equal(files.bytes, 'FROM busybox\n'.length + 'secret.txt\nnode_modules\n*.log\n!keep.log\n'.length + 5 + 3);
  });

  it('walks into an excluded folder only when a ! rule may take a file back', async () => {
    write('Dockerfile', 'FROM busybox\n');
    write('.dockerignore', 'build\n!build/keep\n');
    write('build/keep', 'k');
    write('build/drop', 'd');
    const files = await readBuildContext(dir, path.join(dir, 'Dockerfile'));
    assert.deepEqual([...files.entries].sort(), ['.dockerignore', 'Dockerfile', 'build/keep']);
  });

  it('refuses a missing context, a file as context, a Dockerfile outside it, a missing or ignored Dockerfile', async () => {
    write('ctx/Dockerfile');
    write('other/Dockerfile');
    assert.equal((await problemOf(path.join(dir, 'nope'), path.join(dir, 'nope/Dockerfile'))).problem, 'missingContext');
    assert.equal((await problemOf(path.join(dir, 'ctx/Dockerfile'), path.join(dir, 'ctx/Dockerfile'))).problem, 'notAFolder');
    const outside = await problemOf(path.join(dir, 'ctx'), path.join(dir, 'other/Dockerfile'));
    assert.equal(outside.problem, 'dockerfileOutside');
    assert.match(outside.message, /is outside the build context/);
    assert.equal((await problemOf(path.join(dir, 'ctx'), path.join(dir, 'ctx/Dockerfile.missing'))).problem, 'missingDockerfile');
    write('ctx/.dockerignore', 'Dockerfile\n');
    const ignored = await problemOf(path.join(dir, 'ctx'), path.join(dir, 'ctx/Dockerfile'));
    assert.equal(ignored.problem, 'dockerfileIgnored');
    assert.match(ignored.message, /Add the line !Dockerfile/);
  });

  it('refuses a named pipe in the context (tar-fs cannot pack one) and names it; skips sockets as tar-fs does', async () => {
    write('Dockerfile', 'FROM busybox\n');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'app.sock'), resolve));
    try {
      assert.deepEqual((await readBuildContext(dir, path.join(dir, 'Dockerfile'))).entries.sort(), ['Dockerfile']);
    } finally {
      server.close();
    }
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    const pipe = await problemOf(dir, path.join(dir, 'Dockerfile'));
    assert.equal(pipe.problem, 'unreadable');
    assert.equal(pipe.path, path.join(dir, 'pipe'));
    assert.match(pipe.message, /named pipe or a device/);
  });
});
