import * as assert from 'node:assert/strict';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

interface BuildModule {
  extensionOptions: { outfile: string };
  sshOptions: { outfile: string };
}

async function outputOf(options: object): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({ ...options, write: false, minify: false, sourcemap: false, logLevel: 'silent' });
  return result.outputFiles[0].text;
}

async function inputsOf(options: object): Promise<string[]> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({ ...options, write: false, metafile: true, logLevel: 'silent' });
  return Object.keys(result.metafile.inputs);
}

describe('the bundle (scripts/build.mjs)', () => {
  it('leaves ssh2 out of dist/extension.js and puts it in dist/ssh.js, which the bundle requires beside itself', async function () {
    this.timeout(60_000);
    const { extensionOptions, sshOptions } = (await import(path.join(root, 'scripts', 'build.mjs'))) as BuildModule;
    const main = await inputsOf(extensionOptions);
    assert.deepEqual(
      main.filter((f) => /node_modules\/(ssh2|tweetnacl|bcrypt-pbkdf|asn1)\//.test(f)),
      [],
      'ssh2 and what only it needs are not loaded with the extension',
    );
    assert.ok(main.includes('scripts/shims/docker-modem-ssh.js'), "docker-modem's ssh agent is the shim");
    const ssh = await inputsOf(sshOptions);
    assert.ok(
      ssh.some((f) => f.startsWith('node_modules/ssh2/')),
      'dist/ssh.js holds ssh2',
    );
    assert.equal(path.dirname(sshOptions.outfile), path.dirname(extensionOptions.outfile), "the shim's require('./ssh.js') finds it");
    assert.equal(path.basename(sshOptions.outfile), 'ssh.js');
  });

  it('copies the vscode namespace once, not once per module that imports it', async function () {
    this.timeout(60_000);
    const { extensionOptions } = (await import(path.join(root, 'scripts', 'build.mjs'))) as BuildModule;
    const text = await outputOf(extensionOptions);
    // esbuild's __toESM per importing module defined a getter for each of VS Code's 200-odd API names, 130 times over.
    assert.equal(text.match(/require\("vscode"\)/g)?.length, 1, 'one require of vscode in dist/extension.js');
  });
});
