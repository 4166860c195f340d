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
    const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' }).trim().split('\n').sort();
    assert.deepEqual(files, ['LICENSE', 'README.md', 'dist/extension.js', 'l10n/bundle.l10n.json', 'media/docker.svg', 'package.json', 'package.nls.json']);
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

  it('runs in the workspace extension host and accepts VS Code 1.139', () => {
    assert.deepEqual(manifest.extensionKind, ['workspace']);
    assert.match(manifest.engines.vscode, /^\^1\.1[0-3]\d\.0$/);
    assert.deepEqual(manifest.activationEvents, []);
  });

  it('puts at most three inline actions on any kind of row', () => {
    const inline = (manifest.contributes.menus['view/item/context'] as { command: string; when: string; group?: string }[]).filter((m) =>
      m.group?.startsWith('inline'),
    );
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
