// code-server on the pinned Node 24: its own user-data, extensions, config and temporary dirs,
// and the workbench URL that opens a folder with a smoke-test payload.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort, killProcessTree, sleep } from '../processes.mjs';
import { ensureVSCode } from './install.mjs';
import { CODE_SERVER_VERSION, defaultLog, exists } from './paths.mjs';

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
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--config',
    configFile,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--vscode-option',
    'enable-smoke-test-driver',
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
    throw new Error(`${e.message}${keepLog ? '' : ` (log: ${logFile})`}\n${tail}`, { cause: e });
  }
  // Not the URL: opened bare, it shows a VS Code without the extension; callers print the one to open.
  log(`code-server ${CODE_SERVER_VERSION} (pid ${pid}) ready on port ${port} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  void extensionDevelopmentPath; // the development extension is passed per window (payload)
  return { url, port, pid, dataDir, logFile, stop };
}
