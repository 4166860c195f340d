import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

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

  it('never starts a process: no child_process, exec or spawn anywhere in src/', () => {
    const offenders: string[] = [];
    for (const file of sources(path.join(root, 'src'))) {
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

  it('bundles child_process only through dependencies, never from our own modules', async function () {
    this.timeout(30_000);
    const esbuild = await import('esbuild');
    const { extensionOptions } = (await import(path.join(root, 'scripts', 'build.mjs'))) as { extensionOptions: object };
    const result = await esbuild.build({ ...extensionOptions, write: false, metafile: true, logLevel: 'silent' });
    const importers = Object.entries(result.metafile.inputs)
      .filter(([, input]) => input.imports.some((i) => /^(node:)?child_process$/.test(i.path)))
      .map(([file]) => file);
    assert.deepEqual(
      importers.filter((f) => !/(^|\/)node_modules\//.test(f)),
      [],
    );
    assert.ok(
      Object.keys(result.metafile.inputs).some((f) => f.startsWith('src/')),
      'the metafile lists our sources',
    );
  });
});
