// Shared steps of the project's own scripts. Only Node built-ins at top level: these run
// before `npm ci` on a fresh clone.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export function log(message) {
  console.log(`[docker-explorer] ${message}`);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  }
}

/**
 * Installs npm dependencies when node_modules is missing or was installed from another lockfile.
 * Compares the lockfile's content, not its date: a fresh checkout or a git worktree has a new
 * lockfile date, and `npm ci` through a symlinked node_modules empties the shared folder.
 */
export function ensureNodeModules() {
  const stamp = path.join(root, 'node_modules', '.docker-explorer-lock.sha256');
  const lock = path.join(root, 'package-lock.json');
  const wanted = createHash('sha256').update(fs.readFileSync(lock)).digest('hex');
  const installed = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').trim() : '';
  if (installed !== wanted) {
    if (fs.lstatSync(path.join(root, 'node_modules'), { throwIfNoEntry: false })?.isSymbolicLink()) {
      throw new Error('node_modules is a symlink to another checkout installed from a different package-lock.json; run npm ci there, or replace the link with a folder');
    }
    log('installing npm dependencies (npm ci)');
    run('npm', ['ci', '--no-audit', '--no-fund']);
    fs.writeFileSync(stamp, `${wanted}\n`);
  }
}

/** Bundles the extension and compiles sources and tests to out/ (which also type-checks them). */
export async function buildAll() {
  const { build } = await import('./build.mjs');
  await build();
  run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']);
}
