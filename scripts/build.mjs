// Bundles the extension with esbuild; `tsc --noEmit` checks types separately (npm run typecheck).
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** dockerode's BuildKit session module pulls in gRPC; the extension never builds images. */
const withoutBuildkitSession = {
  name: 'without-buildkit-session',
  setup(build) {
    build.onResolve({ filter: /^\.\/session$/ }, (args) =>
      args.importer.includes(`${path.sep}dockerode${path.sep}`) ? { path: path.join(root, 'scripts', 'shims', 'dockerode-session.js') } : undefined,
    );
  },
};

/** docker-modem's ssh agent (and ssh2 with it) comes from dist/ssh.js when an ssh:// engine is first used. */
const sshOnDemand = {
  name: 'ssh-on-demand',
  setup(build) {
    build.onResolve({ filter: /^\.\/ssh$/ }, (args) =>
      args.importer.includes(`${path.sep}docker-modem${path.sep}`) ? { path: path.join(root, 'scripts', 'shims', 'docker-modem-ssh.js') } : undefined,
    );
    build.onResolve({ filter: /^\.\/ssh\.js$/ }, (args) => (args.importer.endsWith('docker-modem-ssh.js') ? { path: './ssh.js', external: true } : undefined));
  },
};

/**
 * One copy of the vscode namespace for the whole bundle. Left to itself, esbuild wraps
 * `import * as vscode from 'vscode'` in its own __toESM copy per importing module: 130 modules
 * times VS Code's 200-odd API names as getters, the largest part of our require() in the
 * extension host. A single ESM module re-exporting it is copied once and shared.
 */
const oneVscodeNamespace = {
  name: 'one-vscode-namespace',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-namespace' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-namespace' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-namespace' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/** @type {import('esbuild').BuildOptions} */
export const extensionOptions = {
  absWorkingDir: root,
  entryPoints: ['src/extension.ts'],
  bundle: true,
  outfile: 'dist/extension.js',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // ssh2 loads cpu-features and its sshcrypto.node addon inside try/catch and falls back to
  // pure JS, so leaving them out of the bundle keeps it loadable everywhere.
  external: ['vscode', 'cpu-features', '*.node'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: [withoutBuildkitSession, sshOnDemand, oneVscodeNamespace],
};

/** The ssh agent docker-modem builds for ssh:// engines, with ssh2: loaded by the bundle only for them. */
/** @type {import('esbuild').BuildOptions} */
export const sshOptions = {
  ...extensionOptions,
  entryPoints: [path.join(root, 'node_modules', 'docker-modem', 'lib', 'ssh.js')],
  outfile: 'dist/ssh.js',
  plugins: [],
};

export async function build() {
  if (watch) {
    const contexts = await Promise.all([esbuild.context(extensionOptions), esbuild.context(sshOptions)]);
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    console.log('[build] watching src/ for changes');
    return;
  }
  await Promise.all([esbuild.build(extensionOptions), esbuild.build(sshOptions)]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  build().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
