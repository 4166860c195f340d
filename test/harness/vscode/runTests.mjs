// Runs the extension's tests in the real workbench: code-server, the UI bridge and headless
// Chromium, the results file the test entry writes, and a clean stop of all of them.
import fs from 'node:fs';
import path from 'node:path';
import { allProcs, killProcessTree, sleep } from '../processes.mjs';
import { remoteUri, startCodeServer, workbenchUrl } from './codeServer.mjs';
import { ensureVSCode } from './install.mjs';
import { launchChromium } from './chromium.mjs';
import { defaultLog, REPO_ROOT } from './paths.mjs';
import { startUiBridge } from './uiBridge.mjs';

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
  // The browser window: the workbench splits the sidebar's height between the views, so its height is each pane's.
  viewport = { width: 1280, height: 800 },
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

  let exitCode;
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

    browser = await launchChromium(outputDir, { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
    browserPids = chromiumPids();
    const context = await browser.newContext({ viewport });
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
          error:
            `no results: ${resultsFile} ${e.code === 'ENOENT' ? 'was not written' : `is unreadable (${e.message})`}` +
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
