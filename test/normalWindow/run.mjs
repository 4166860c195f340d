// The extension in an ordinary window, outside a test run: a second development extension (the
// probe) asks it for its exports and reports them over loopback. activate() must give another
// extension nothing that can drive the engine or answer our questions (only test runs get the API).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, remoteUri, REPO_ROOT, startCodeServer, workbenchUrl } from '../harness/vscode.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const normalWindowTitle = 'a normal window (not a test run): activate() exports nothing to other extensions, and the commands work';

/** Resolves with the probe's report (or a failure); counts as one test in `npm test`. */
export async function runNormalWindowCheck({ env = {}, outputDir, log = console.log, timeoutMs = 180_000 }) {
  const title = normalWindowTitle;
  fs.mkdirSync(outputDir, { recursive: true });
  let resolveReport;
  const reported = new Promise((r) => (resolveReport = r));
  const probeServer = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.end('ok');
      try {
        resolveReport(JSON.parse(body));
      } catch (err) {
        resolveReport({ error: `unreadable report: ${body}` });
      }
    });
  });
  await new Promise((r) => probeServer.listen(0, '127.0.0.1', r));
  const probeUrl = `http://127.0.0.1:${probeServer.address().port}/report`;
  const workspacePath = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-normal-window-'));
  // The web workbench loads one development extension (ours); the probe is installed beside it.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-normal-window-server-'));
  fs.cpSync(path.join(HERE, 'probe'), path.join(dataDir, 'extensions', 'docker-explorer-tests.export-probe-0.0.1'), { recursive: true });
  let server;
  let browser;
  let report;
  try {
    server = await startCodeServer({
      extensionDevelopmentPath: REPO_ROOT,
      workspacePath,
      env: { ...env, DX_PROBE_URL: probeUrl },
      log,
      logFile: path.join(outputDir, 'code-server.log'),
      dataDir,
    });
    browser = await launchChromium(outputDir);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const payload = [
      ['extensionDevelopmentPath', remoteUri(REPO_ROOT)],
      ['skipWelcome', 'true'],
    ];
    await page.goto(workbenchUrl(server.url, { workspacePath, payload }), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    report = await Promise.race([reported, new Promise((r) => setTimeout(() => r({ error: `no report from the probe within ${timeoutMs / 1000} s` }), timeoutMs))]);
  } catch (err) {
    report = { error: `harness: ${err.message}` };
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    probeServer.close();
    fs.rmSync(workspacePath, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(path.join(outputDir, '.chromium-home'), { recursive: true, force: true });
  }
  fs.writeFileSync(path.join(outputDir, 'report.json'), JSON.stringify(report, null, 2));
  const problems = [];
  if (report.error) problems.push(report.error);
  else {
    // 1 = ExtensionMode.Production, 2 = Development, 3 = Test: the probe shares the window's mode.
    if (report.probeMode === 3) problems.push('the window ran in test mode, so this checks nothing');
    if (!report.isActive) problems.push('Docker Explorer did not activate');
    if (report.exportedType !== 'undefined' || report.exportsType !== 'undefined')
      problems.push(`activate() exported ${report.exportedType}: ${report.exportedKeys.join(', ')}`);
    if (report.refresh !== 'ok') problems.push(`the Refresh command failed: ${report.refresh}`);
  }
  return { title, passed: problems.length === 0, error: problems.join('; '), report };
}
