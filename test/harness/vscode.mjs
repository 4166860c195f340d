// A real VS Code for tests, offline: code-server (VS Code server + web workbench) on a
// pinned Node 24, driven by Debian's Chromium through playwright-core.
//
// Exports:
//   ensureVSCode({ log })  -> Promise<{ nodeBin, codeServerBin }>
//       idempotent; installs into <repo>/.cache/vscode (marker installed.json written last).
//   launchChromium(outputDir, options = {}) -> Promise<Browser>  (headless Debian Chromium, its home in outputDir)
//   startCodeServer({ extensionDevelopmentPath, workspacePath, env = {}, port, log, logFile,
//                     dataDir, settings = {}, startTimeoutMs = 60000 })
//       -> Promise<{ url, port, pid, dataDir, logFile, stop(): Promise<void> }>
//   runExtensionTests({ extensionDevelopmentPath, extensionTestsPath, workspacePath, env = {},
//                       timeoutMs = 600000, outputDir = <repo>/test-output/vscode, settings = {},
//                       quiet = false, log, viewport = { width: 1280, height: 800 } })
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
//
// The pieces live in vscode/ (one job each) and processes.mjs; this file is the CLI and the one
// import for callers (scripts/test.mjs, scripts/start.mjs, bench).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isAlive } from './processes.mjs';
import { remoteUri, startCodeServer, workbenchUrl } from './vscode/codeServer.mjs';
import { ensureVSCode } from './vscode/install.mjs';
import { defaultLog, REPO_ROOT } from './vscode/paths.mjs';

export { freePort, isAlive, killProcessTree } from './processes.mjs';
export { DEFAULT_SETTINGS, remoteUri, startCodeServer, workbenchUrl } from './vscode/codeServer.mjs';
export { launchChromium } from './vscode/chromium.mjs';
export { ensureVSCode } from './vscode/install.mjs';
export { CACHE_DIR, CHROMIUM_ARGS, CHROMIUM_BIN, CODE_SERVER_VERSION, NODE_PACKAGE, NODE_VERSION, REPO_ROOT } from './vscode/paths.mjs';
export { runExtensionTests } from './vscode/runTests.mjs';
export { startUiBridge } from './vscode/uiBridge.mjs';

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
