// `npm run lint`: ESLint (eslint.config.mjs), then prettier --check (.prettierrc.json).
// `npm run format` (--fix): eslint --fix, then prettier --write (last, so its layout stands). npm test runs the check first.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from './lib.mjs';

const bin = (pkg, file) => path.join(root, 'node_modules', pkg, 'bin', file);
const eslint = (...args) => [bin('eslint', 'eslint.js'), '.', ...args];
const prettier = (...args) => [bin('prettier', 'prettier.cjs'), ...args, '.'];

/** Runs each step in turn; true when every one exited 0 (all run, so one report shows every finding). */
export function lint({ fix = false } = {}) {
  const steps = fix ? [eslint('--fix'), prettier('--write', '--log-level', 'warn')] : [eslint(), prettier('--check', '--log-level', 'warn')];
  let ok = true;
  for (const args of steps) {
    const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) {
      console.log(`  ✘ ${path.basename(args[0])} ${args.slice(1).join(' ')} exited ${result.status ?? result.signal}`);
      ok = false;
    }
  }
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = lint({ fix: process.argv.includes('--fix') }) ? 0 : 1;
}
