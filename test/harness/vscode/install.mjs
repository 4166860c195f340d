// Installs the pinned Node 24 and code-server into <repo>/.cache/vscode, once (a cross-process
// lock, a marker written last), with the Debian packages their native modules build against.
import fs from 'node:fs';
import path from 'node:path';
import { isAlive, runAsync, sleep } from '../processes.mjs';
import {
  APT_PACKAGES,
  CACHE_DIR,
  CODE_SERVER_VERSION,
  CS_DIR,
  CS_ENTRY,
  CS_PKG_DIR,
  defaultLog,
  exists,
  MARKER,
  MARKER_CONTENT,
  NODE_BIN,
  NODE_DIR,
  NODE_PACKAGE,
  NODE_PKG_DIR,
  NODE_VERSION,
  REPO_ROOT,
} from './paths.mjs';

const run = (cmd, args, opts = {}) => runAsync(cmd, args, { log: defaultLog, ...opts });

function dpkgInstalled(pkg) {
  return run('dpkg-query', ['-W', '-f=${Status}', pkg], { quiet: true }).then(
    (out) => out.includes('install ok installed'),
    () => false,
  );
}

async function ensureAptPackages(log) {
  const missing = [];
  for (const pkg of APT_PACKAGES) if (!(await dpkgInstalled(pkg))) missing.push(pkg);
  if (missing.length === 0) return;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`missing Debian packages (${missing.join(' ')}); install them as root: apt-get install ${missing.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`apt: installing ${missing.join(' ')}`);
  const install = () => run('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '--no-install-recommends', ...missing], { env, log, quiet: true });
  try {
    await install();
  } catch {
    log('apt: install failed, running apt-get update first');
    await run('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'update'], { env, log });
    await run('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '--no-install-recommends', ...missing], { env, log });
  }
  log('apt: done');
}

function markerOk() {
  try {
    const m = JSON.parse(fs.readFileSync(MARKER, 'utf8'));
    return m.node === MARKER_CONTENT.node && m.codeServer === MARKER_CONTENT.codeServer && exists(NODE_BIN) && exists(CS_ENTRY);
  } catch {
    return false;
  }
}

let ensurePromise = null;

/** Idempotently installs Node 24 and code-server into <repo>/.cache/vscode. */
export function ensureVSCode({ log = defaultLog } = {}) {
  if (!ensurePromise) {
    ensurePromise = doEnsureVSCode(log).catch((e) => {
      ensurePromise = null;
      throw e;
    });
  }
  return ensurePromise;
}

async function doEnsureVSCode(log) {
  await ensureAptPackages(log);
  const result = { nodeBin: NODE_BIN, codeServerBin: CS_ENTRY };
  if (markerOk()) return result;
  const release = await lockCache(log);
  try {
    if (markerOk()) return result; // another process finished it meanwhile
    await installVSCode(log);
  } finally {
    release();
  }
  return result;
}

/** Cross-process lock (mkdir is atomic) so two runners never install over each other. */
async function lockCache(log) {
  const lockDir = path.join(path.dirname(CACHE_DIR), 'vscode.lock');
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      return () => fs.rmSync(lockDir, { recursive: true, force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let owner = 0;
      try {
        owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
      } catch {
        /* being written */
      }
      const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if ((owner && !isAlive(owner)) || (!owner && age > 10_000)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!told) log(`waiting for another install (pid ${owner || '?'}) to finish`);
      told = true;
      await sleep(1000);
    }
  }
}

/**
 * Under `npm test` the outer npm exports npm_config_* (user agent "node/v20" among them) and the
 * nested npm would read them as its own config: code-server's postinstall then refuses "node v20".
 */
function withoutNpmScriptEnv(env) {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE' && k !== 'INIT_CWD'));
}

async function installVSCode(log) {
  const t0 = Date.now();
  fs.rmSync(MARKER, { force: true });
  // A half install is redone from scratch.
  fs.rmSync(NODE_DIR, { recursive: true, force: true });
  fs.rmSync(CS_DIR, { recursive: true, force: true });
  fs.mkdirSync(NODE_DIR, { recursive: true });
  fs.mkdirSync(CS_DIR, { recursive: true });
  for (const dir of [NODE_DIR, CS_DIR]) {
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'dx-vscode-cache', private: true }, null, 2) + '\n');
  }
  const npmFlags = ['--no-audit', '--no-fund', '--no-package-lock', '--no-update-notifier', '--loglevel=error'];

  log(`installing ${NODE_PACKAGE}@${NODE_VERSION} into ${path.relative(REPO_ROOT, NODE_DIR)}`);
  await run('npm', ['install', '--prefix', NODE_DIR, ...npmFlags, `${NODE_PACKAGE}@${NODE_VERSION}`], { log, env: withoutNpmScriptEnv(process.env) });
  fs.chmodSync(NODE_BIN, 0o755);
  const version = (await run(NODE_BIN, ['--version'], { log })).trim();
  if (!version.startsWith('v24.')) throw new Error(`${NODE_BIN} reports ${version}, expected v24`);
  log(`node ${version} ready (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  log(`installing code-server@${CODE_SERVER_VERSION} (native modules build against local Node headers; 1.5 to 3.5 min)`);
  const env = {
    ...withoutNpmScriptEnv(process.env),
    PATH: `${path.dirname(NODE_BIN)}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: NODE_PKG_DIR,
    JOBS: process.env.JOBS || 'max', // node-gyp: make -j<cores> for the native modules
    npm_config_update_notifier: 'false',
  };
  const t1 = Date.now();
  const heartbeat = setInterval(() => log(`  still installing code-server (${Math.round((Date.now() - t1) / 1000)} s)`), 30_000);
  try {
    await run('npm', ['install', '--prefix', CS_DIR, ...npmFlags, `code-server@${CODE_SERVER_VERSION}`], { env, log });
  } finally {
    clearInterval(heartbeat);
  }
  if (!exists(CS_ENTRY)) throw new Error(`code-server installed but ${CS_ENTRY} is missing`);
  // (Not `code-server --version`: it writes a default config into ~/.config/code-server.)
  const csVersion = JSON.parse(fs.readFileSync(path.join(CS_PKG_DIR, 'package.json'), 'utf8')).version;
  if (csVersion !== CODE_SERVER_VERSION) throw new Error(`installed code-server is ${csVersion}, expected ${CODE_SERVER_VERSION}`);
  log(`code-server ${csVersion} ready (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  fs.writeFileSync(MARKER, JSON.stringify({ ...MARKER_CONTENT, installedAt: new Date().toISOString() }, null, 2) + '\n');
}
