import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));

describe('packaging and manifest', () => {
  it('puts only what runs into the .vsix (vsce ls): no sources, tests or maps', function () {
    this.timeout(60_000);
    const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    const listed = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' }).trim().split('\n').sort();
    // The walkthrough's media, in every language, are exactly the files the manifest names (see walkthrough.test.ts).
    const walkthroughMedia = listed.filter((f) => f.startsWith('media/walkthrough/'));
    assert.ok(walkthroughMedia.length > 0 && walkthroughMedia.every((f) => /\.(md|png)$/.test(f)), walkthroughMedia.join(', '));
    const files = listed.filter((f) => !walkthroughMedia.includes(f));
    assert.deepEqual(files, [
      'LICENSE',
      'README.md',
      'dist/extension.js',
      'dist/ssh.js',
      'l10n/bundle.l10n.json',
      'l10n/bundle.l10n.ko.json',
      'media/docker.svg',
      'package.json',
      'package.nls.json',
      'package.nls.ko.json',
    ]);
  });

  it('gives every command the Docker category and the dockerExplorer prefix', () => {
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'Docker', command.command);
      assert.match(command.command, /^dockerExplorer\./);
    }
  });

  it('has a package.nls.json entry for every %key% in the manifest, and no unused ones', () => {
    const keys = new Set([...JSON.stringify(manifest).matchAll(/%([\w.]+)%/g)].map((m) => m[1]));
    for (const key of keys) {
      assert.ok(key in nls, `package.nls.json lacks ${key}`);
    }
    for (const key of Object.keys(nls)) {
      assert.ok(keys.has(key), `package.nls.json has unused ${key}`);
    }
  });

  it('keeps host-related settings machine-scoped, so a workspace cannot redirect the extension', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.equal(properties['dockerExplorer.host'].scope, 'machine');
  });

  it('runs in the workspace extension host', () => {
    assert.deepEqual(manifest.extensionKind, ['workspace']);
    assert.deepEqual(manifest.activationEvents, []);
  });

  it('accepts VS Code 1.139 (the one npm test runs) and uses no API newer than the oldest VS Code it accepts', () => {
    const range: string = manifest.engines.vscode;
    assert.ok(acceptsVersion('^1.138.0', '1.139.0') && !acceptsVersion('^1.140.0', '1.139.0') && !acceptsVersion('^1.138.0', '2.0.0'), 'the check itself');
    assert.ok(acceptsVersion(range, '1.139.0'), `engines.vscode ${range} refuses VS Code 1.139`);
    // vsce refuses to package when @types/vscode is newer than the oldest version engines.vscode accepts.
    const types: string = manifest.devDependencies['@types/vscode'];
    assert.ok(acceptsVersion(`^${types}`, minimumOf(range)), `@types/vscode ${types} is newer than engines.vscode ${range} allows`);
  });

  it('puts at most three inline actions on any kind of row', () => {
    const inline = (manifest.contributes.menus['view/item/context'] as { command: string; when: string; group?: string }[]).filter((m) => m.group?.startsWith('inline'));
    const rows = ['running', 'paused', 'exited', 'created', 'dead', 'unhealthy', 'restarting']
      .map((s) => `container.${s}`)
      .concat(['image.tagged', 'image.dangling', 'volume.inUse', 'volume.unused']);
    for (const row of rows) {
      const matching = inline.filter((m) => {
        const pattern = /viewItem =~ \/(.*?)\//.exec(m.when);
        const exact = /viewItem == ([\w.]+)/.exec(m.when);
        return pattern ? new RegExp(pattern[1]).test(row) : exact ? exact[1] === row : false;
      });
      assert.ok(matching.length <= 3, `${row} has ${matching.length} inline actions: ${matching.map((m) => m.command).join(', ')}`);
    }
  });
});

/** The lowest version a caret range (^X.Y.Z, the form engines.vscode takes here) accepts. */
function minimumOf(range: string): string {
  const match = /^\^(\d+\.\d+\.\d+)$/.exec(range);
  assert.ok(match, `engines.vscode ${range} is a caret range`);
  return match[1];
}

/** Whether `version` satisfies a caret range: the same major version, and not older than the minimum. */
function acceptsVersion(range: string, version: string): boolean {
  const [major, minor, patch] = minimumOf(range).split('.').map(Number);
  const [vMajor, vMinor, vPatch] = version.split('.').map(Number);
  return vMajor === major && (vMinor > minor || (vMinor === minor && vPatch >= patch));
}
