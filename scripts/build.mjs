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
  plugins: [withoutBuildkitSession],
};

export async function build() {
  if (watch) {
    const ctx = await esbuild.context(extensionOptions);
    await ctx.watch();
    console.log('[build] watching src/ for changes');
    return;
  }
  await esbuild.build(extensionOptions);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  build().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
