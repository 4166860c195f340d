import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
/** The one module allowed to start a process: docker-credential-<name>, as the docker CLI does (issue 15). */
const helperModule = path.join('src', 'docker', 'credentialHelper.ts');

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

describe('safety of the manifest and the code', () => {
  it('makes every setting that could choose an engine or its credentials machine-scoped', () => {
    const properties = manifest.contributes.configuration.properties as Record<string, { scope?: string }>;
    const sensitive = Object.keys(properties).filter((key) => /host|context|cert|tls|ssh|ca\b|key(?!s)|socket|endpoint/i.test(key.replace(/^dockerExplorer\./, '')));
    assert.ok(sensitive.includes('dockerExplorer.host'), `found: ${sensitive.join(', ')}`);
    for (const key of sensitive) {
      assert.equal(properties[key].scope, 'machine', `${key} must be machine-scoped`);
    }
  });

  it('declares its behaviour in untrusted and virtual workspaces', () => {
    // Supported: the only settings that choose an engine are machine-scoped (a workspace cannot
    // set them) and the extension runs nothing from the workspace's files.
    assert.deepEqual(manifest.capabilities?.untrustedWorkspaces, { supported: true });
    // The extension reads no workspace files at all: a virtual file system changes nothing.
    assert.equal(manifest.capabilities?.virtualWorkspaces, true);
  });

  it('starts one kind of process only: a docker credential helper, from src/docker/credentialHelper.ts alone', () => {
    const text = fs.readFileSync(path.join(root, helperModule), 'utf8');
    // One call, execFile (no shell), of a program whose name is docker-credential-<checked name>.
    assert.deepEqual(text.match(/\bexecFile\s*\(/g), ['execFile('], 'one execFile call');
    assert.match(text, /const program = `docker-credential-\$\{name\}`;/);
    assert.match(text, /execFile\(program, \['get'\],/);
    assert.match(text, /if \(!helperName\.test\(name\)\)/, 'the helper name is checked before it is run');
    assert.doesNotMatch(text, /\bshell\s*:/, 'no shell option');
    assert.doesNotMatch(text, /\bexecSync\b|\bspawn(Sync)?\b|\bfork\b|\bexec\s*\(/);
  });

  it('never starts a process anywhere else: no child_process, exec or spawn in src/ outside the helper module', () => {
    const offenders: string[] = [];
    for (const file of sources(path.join(root, 'src'))) {
      if (path.relative(root, file) === helperModule) continue;
      const text = fs.readFileSync(file, 'utf8');
      for (const pattern of [
        /child_process/,
        /\bexecSync\b|\bexecFile(Sync)?\b|\bspawn(Sync)?\s*\(/,
        /\bfork\s*\(/,
        /require\s*\(\s*[^'"]/,
        /\bimport\s*\(\s*[^'"]/,
        /new\s+Function\s*\(|\beval\s*\(/,
      ]) {
        if (pattern.test(text)) {
          offenders.push(`${path.relative(root, file)}: ${pattern}`);
        }
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('bundles child_process only through dependencies and the credential helper module', async function () {
    this.timeout(30_000);
    const esbuild = await import('esbuild');
    const { extensionOptions } = (await import(path.join(root, 'scripts', 'build.mjs'))) as { extensionOptions: object };
    const result = await esbuild.build({ ...extensionOptions, write: false, metafile: true, logLevel: 'silent' });
    const importers = Object.entries(result.metafile.inputs)
      .filter(([, input]) => input.imports.some((i) => /^(node:)?child_process$/.test(i.path)))
      .map(([file]) => file);
    assert.deepEqual(
      importers.filter((f) => !/(^|\/)node_modules\//.test(f)),
      ['src/docker/credentialHelper.ts'],
    );
    assert.ok(
      Object.keys(result.metafile.inputs).some((f) => f.startsWith('src/')),
      'the metafile lists our sources',
    );
  });
});
