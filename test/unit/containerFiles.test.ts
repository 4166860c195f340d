import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { changesToTree, firstPaths, flattenChangeTree, type ContainerChange } from '../../src/docker/containerChanges';
import { kindOfMode, parseListOutput } from '../../src/docker/containerFiles';
import { containerPathProblem, entryNameProblem, joinContainerPath, normalizeContainerPath, parentOf } from '../../src/docker/containerPath';
import { extractToHost, packHostPath } from '../../src/docker/hostArchive';
import { listFolderArchive, packEntries, readFileArchive, relativeEntryPath } from '../../src/docker/tarEntries';

const change = (path: string, kind: ContainerChange['kind']): ContainerChange => ({ path, kind });

describe('container changes as a folder tree', () => {
  it('nests the paths of docker diff under their folders, folders first, each path once', () => {
    const changes = [
      change('/etc', 'changed'),
      change('/etc/passwd', 'changed'),
      change('/etc/group', 'deleted'),
      change('/root', 'changed'),
      change('/root/new', 'added'),
      change('/tmp/a/b', 'added'),
      change('/z', 'added'),
    ];
    const tree = changesToTree(changes);
    assert.deepEqual(
      tree.map((e) => `${e.name}:${e.kind ?? '-'}`),
      ['etc:changed', 'root:changed', 'tmp:-', 'z:added'],
    );
    assert.deepEqual(
      tree[0].children.map((e) => `${e.path}:${e.kind}`),
      ['/etc/group:deleted', '/etc/passwd:changed'],
    );
    const tmp = tree[2];
    assert.deepEqual(
      flattenChangeTree([tmp]).map((e) => `${e.path}:${e.kind ?? '-'}`),
      ['/tmp:-', '/tmp/a:-', '/tmp/a/b:added'],
      'a folder the engine did not list is there, without a kind',
    );
    const listed = flattenChangeTree(tree).filter((e) => e.kind !== undefined);
    assert.deepEqual(listed.map((e) => e.path).sort(), changes.map((c) => c.path).sort(), 'every change exactly once');
  });

  it('keeps every change exactly once, whatever the paths', () => {
    const segment = fc.stringMatching(/^[a-z.]{1,3}$/).filter((s) => s !== '.' && s !== '..');
    fc.assert(
      fc.property(fc.uniqueArray(fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`)), (paths) => {
        const changes = paths.map((p) => change(p, 'added'));
        const listed = flattenChangeTree(changesToTree(changes)).filter((e) => e.kind);
        assert.deepEqual(listed.map((e) => e.path).sort(), [...paths].sort());
      }),
    );
  });

  it('names files before the folders that hold them in "the first few"', () => {
    const changes = [
      change('/root', 'changed'),
      change('/root/.bash_history', 'added'),
      change('/var', 'changed'),
      change('/var/lib', 'changed'),
      change('/var/lib/x', 'added'),
    ];
    assert.deepEqual(firstPaths(changes, 2), { paths: ['/root/.bash_history', '/var/lib/x'], more: 3 });
    assert.deepEqual(firstPaths(changes.slice(0, 1), 3), { paths: ['/root'], more: 0 });
    const withMount = [change('/data', 'added'), change('/root', 'changed'), change('/root/f1', 'added')];
    assert.deepEqual(firstPaths(withMount, 2, ['/data']).paths, ['/root/f1', '/root'], 'a mount point, holding nothing of the layer, comes last');
  });
});

describe('container paths', () => {
  it('refuses what no container path is, before any request', () => {
    const cases: [string, string][] = [
      ['', 'empty'],
      ['   ', 'empty'],
      ['etc/passwd', 'relative'],
      ['/etc/../root', 'dotDot'],
      ['/..', 'dotDot'],
      ['..', 'relative'],
      ['/etc/pass\nwd', 'controlCharacters'],
      ['/etc/\u0000', 'controlCharacters'],
      ['/tmp/\u007f', 'controlCharacters'],
      [`/${'a'.repeat(4096)}`, 'tooLong'],
    ];
    for (const [input, problem] of cases) {
      assert.equal(containerPathProblem(input), problem, JSON.stringify(input));
    }
    for (const good of ['/', '/etc/passwd', '/a b/c', '/tmp/..x', '/tmp/x..', '/./etc']) {
      assert.equal(containerPathProblem(good), undefined, good);
    }
  });

  it('refuses a control character anywhere, and any .. segment', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 31 }), fc.string(), (a, code, b) => {
        assert.notEqual(containerPathProblem(`/${a}${String.fromCharCode(code)}${b}`), undefined);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,4}$/)), fc.array(fc.stringMatching(/^[a-z]{1,4}$/)), (before, after) => {
        assert.equal(containerPathProblem(`/${[...before, '..', ...after].join('/')}`), 'dotDot');
      }),
    );
  });

  it('normalises, joins and splits paths', () => {
    assert.equal(normalizeContainerPath('/etc//./x/'), '/etc/x');
    assert.equal(normalizeContainerPath('/'), '/');
    assert.equal(joinContainerPath('/', 'etc'), '/etc');
    assert.equal(joinContainerPath('/etc', 'hosts'), '/etc/hosts');
    assert.equal(parentOf('/etc'), '/');
    assert.equal(parentOf('/etc/hosts'), '/etc');
  });

  it('takes a single name for a new file or an upload', () => {
    assert.equal(entryNameProblem('notes.txt'), undefined);
    assert.equal(entryNameProblem('a/b'), 'dotDot');
    assert.equal(entryNameProblem('..'), 'dotDot');
    assert.equal(entryNameProblem(''), 'empty');
    assert.equal(entryNameProblem('a\tb'), 'controlCharacters');
    assert.equal(entryNameProblem('x'.repeat(256)), 'tooLong');
  });
});

/** A tar as the engine answers GET archive of `base`: entries named under the item's own name. */
function tarOf(entries: Parameters<typeof packEntries>[0]): Promise<Readable> {
  return packEntries(entries).then((buffer) => Readable.from([buffer]));
}

describe('the archive endpoints` tars', () => {
  it('names entries below the archived item, for a folder and for /', () => {
    assert.equal(relativeEntryPath('etc/'), '');
    assert.equal(relativeEntryPath('etc/passwd'), 'passwd');
    assert.equal(relativeEntryPath('etc/ssl/certs/'), 'ssl/certs');
    assert.equal(relativeEntryPath('/'), '');
    assert.equal(relativeEntryPath('/bin/sh'), 'bin/sh');
  });

  it('lists a folder`s first level from its whole-subtree archive, with a link`s target kind when it is inside', async () => {
    const archive = await tarOf([
      { name: 'bin', type: 'directory' },
      { name: 'bin/busybox', type: 'file', data: Buffer.from('elf'), mode: 0o755 },
      { name: 'bin/sh', type: 'symlink', linkTarget: 'busybox' },
      { name: 'bin/lib', type: 'directory' },
      { name: 'bin/lib/deep', type: 'file', data: Buffer.from('x') },
      { name: 'bin/libs', type: 'symlink', linkTarget: '/bin/lib' },
      { name: 'bin/out', type: 'symlink', linkTarget: '/proc/mounts' },
    ]);
    const listing = await listFolderArchive(archive, '/bin', 1024 * 1024);
    assert.equal(listing.truncated, false);
    assert.deepEqual(
      listing.entries.map((e) => [e.name, e.type, e.targetIsDirectory]),
      [
        ['busybox', 'file', undefined],
        ['sh', 'symlink', false],
        ['lib', 'directory', undefined],
        ['libs', 'symlink', true],
        ['out', 'symlink', undefined],
      ],
    );
  });

  it('stops listing past its byte limit and says the listing is partial', async () => {
    const big = Buffer.alloc(200_000, 1);
    const archive = await tarOf([
      { name: 'data', type: 'directory' },
      { name: 'data/a', type: 'file', data: big },
      { name: 'data/b', type: 'file', data: big },
    ]);
    const listing = await listFolderArchive(archive, '/data', 100_000);
    assert.equal(listing.truncated, true);
  });

  it('reads the one file of a file`s archive, with its owner and mode, and refuses one over the limit', async () => {
    const file = await readFileArchive(await tarOf([{ name: 'passwd', type: 'file', data: Buffer.from('root:x:0:0\n'), mode: 0o640, uid: 33, gid: 44 }]), 1000);
    assert.equal(Buffer.from(file.data).toString(), 'root:x:0:0\n');
    assert.deepEqual([file.entry.mode & 0o777, file.entry.uid, file.entry.gid], [0o640, 33, 44]);
    await assert.rejects(readFileArchive(await tarOf([{ name: 'big', type: 'file', data: Buffer.alloc(2000) }]), 1000), /larger than the limit/);
  });

  it('reads the listing script`s NUL-separated records, names with spaces and newlines kept', () => {
    const output = Buffer.from('dbin\0fa b\0lsh\0Llib64\0o\u0000fline\nbreak\0');
    assert.deepEqual(
      parseListOutput(output).map((e) => [e.name, e.kind, e.toDirectory]),
      [
        ['bin', 'directory', false],
        ['a b', 'file', false],
        ['sh', 'symlink', false],
        ['lib64', 'symlink', true],
        ['line\nbreak', 'file', false],
      ],
    );
  });

  it('reads Go`s file mode bits as the path stat header carries them', () => {
    assert.equal(kindOfMode(2 ** 31 + 0o755), 'directory');
    assert.equal(kindOfMode(2 ** 27 + 0o777), 'symlink');
    assert.equal(kindOfMode(0o644), 'file');
    assert.equal(kindOfMode(2 ** 26 + 2 ** 21 + 0o600), 'other');
  });

  it('packs a host folder and unpacks it elsewhere as the same files, links as links, nothing outside', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dxu-tar-'));
    try {
      const from = path.join(root, 'site');
      fs.mkdirSync(path.join(from, 'css'), { recursive: true });
      fs.writeFileSync(path.join(from, 'index.html'), 'hi\n');
      fs.writeFileSync(path.join(from, 'css', 'a.bin'), Buffer.from([0, 1, 2, 255]));
      fs.symlinkSync('index.html', path.join(from, 'link'));
      const dest = path.join(root, 'copy');
      const result = await extractToHost(packHostPath(from, 'site'), dest);
      assert.deepEqual([result.files, result.folders, result.links, result.skipped], [2, 2, 1, []]);
      assert.equal(fs.readFileSync(path.join(dest, 'index.html'), 'utf8'), 'hi\n');
      assert.deepEqual([...fs.readFileSync(path.join(dest, 'css', 'a.bin'))], [0, 1, 2, 255]);
      assert.equal(fs.readlinkSync(path.join(dest, 'link')), 'index.html');

      // An archive that tries to climb out, or to write through a link it made, writes nothing there.
      const evil = await tarOf([
        { name: 'x', type: 'directory' },
        { name: 'x/../../escaped', type: 'file', data: Buffer.from('no') },
        { name: 'x/out', type: 'symlink', linkTarget: root },
        { name: 'x/out/through-link', type: 'file', data: Buffer.from('no') },
      ]);
      const blocked = await extractToHost(evil, path.join(root, 'evil'));
      assert.deepEqual(blocked.skipped, ['x/../../escaped', 'x/out/through-link']);
      assert.equal(fs.existsSync(path.join(root, 'escaped')), false);
      assert.equal(fs.existsSync(path.join(root, 'through-link')), false);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
