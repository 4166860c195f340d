// `npm test`: installs what is missing, runs unit tests in plain Node, then the integration
// tests inside a real VS Code against a private Docker Engine, and prints one closing line.
import fs from 'node:fs';
import path from 'node:path';
import { buildAll, ensureNodeModules, log, root } from './lib.mjs';
import { lint } from './lint.mjs';

const unitOnly = process.argv.includes('--unit');
const started = Date.now();
const totals = { passed: 0, failed: 0 };

// Lint and format count as one test, so the closing line still says everything.
function runLintCheck() {
  log('lint: eslint and prettier --check (npm run format fixes what it can)');
  if (lint()) {
    totals.passed++;
  } else {
    console.log('  ✘ lint: see above (npm run lint)');
    totals.failed++;
  }
}

async function runUnitTests() {
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 10_000 });
  const dir = path.join(root, 'out', 'test', 'unit');
  for (const file of fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(dir, file));
  }
  await new Promise((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', () => totals.passed++);
    runner.on('fail', () => totals.failed++);
  });
}

async function runIntegrationTests() {
  const { startEngine, stopEngine, engineStatus } = await import('../test/harness/engine.mjs');
  const { runExtensionTests } = await import('../test/harness/vscode.mjs');
  const outputDir = path.join(root, 'test-output');
  const workspacePath = path.join(root, '.cache', 'test-workspace');
  fs.mkdirSync(workspacePath, { recursive: true });
  fs.mkdirSync(outputDir, { recursive: true });
  // The docker CLI configuration the extension host sees: the tests' own, never the user's ~/.docker.
  const dockerConfig = path.join(root, '.cache', 'test-docker-config');
  fs.rmSync(dockerConfig, { recursive: true, force: true });
  fs.mkdirSync(dockerConfig, { recursive: true });

  // An engine left running by `npm run engine:start` stays running; one started here is stopped here.
  const wasRunning = (await engineStatus()).running;
  log('starting the private test engine');
  const engine = await startEngine();
  const { startSshEndpoint } = await import('../test/harness/endpoints.mjs');
  const ssh = await startSshEndpoint({ dockerHost: engine.dockerHost });
  try {
    const { exitCode, results } = await runExtensionTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
      workspacePath,
      outputDir,
      // Tall enough that each of the Docker Explorer's five panes shows a dozen rows (at 800 the Containers pane held 5),
      // for the tests that read rows from the page; the bench keeps 1280x800, as its earlier runs had.
      viewport: { width: 1280, height: 1600 },
      // About 5 minutes on an idle 2-core machine; over 10 was seen under heavy load.
      timeoutMs: Number(process.env.DX_TEST_TIMEOUT_MINUTES ?? 30) * 60e3,
      env: {
        DOCKER_HOST: engine.dockerHost,
        DOCKER_CONFIG: dockerConfig,
        DX_TEST_REGISTRY: engine.registry,
        DX_TEST_AUTH_REGISTRY: engine.authRegistry,
        DX_TEST_AUTH_REGISTRY_USER: engine.authRegistryUser,
        DX_TEST_AUTH_REGISTRY_PASSWORD: engine.authRegistryPassword,
        DX_TEST_IMAGE: engine.testImage,
        DX_TEST_REGISTRY_IMAGE: engine.registryImage,
        DX_TEST_TLS_HOST: engine.tlsHost,
        DX_TEST_TLS_CERT_PATH: engine.tlsCertPath,
        DX_TEST_SSH_HOST: ssh.sshHost,
        DX_TEST_SSH_AUTH_SOCK: ssh.authSock,
      },
    });
    const { normalWindowTitle, runNormalWindowCheck } = await import('../test/normalWindow/run.mjs');
    if (!process.env.DX_TEST_GREP || new RegExp(process.env.DX_TEST_GREP).test(normalWindowTitle)) {
      const check = await runNormalWindowCheck({
        env: { DOCKER_HOST: engine.dockerHost, DOCKER_CONFIG: dockerConfig },
        outputDir: path.join(outputDir, 'normal-window'),
        log,
      });
      results?.tests?.push({ title: check.title, state: check.passed ? 'passed' : 'failed' });
      if (!check.passed) results?.failures?.push({ title: check.title, error: check.error });
      totals[check.passed ? 'passed' : 'failed'] += 1;
    }
    const { koreanWindowTitle, runKoreanWindowCheck } = await import('../test/korean/run.mjs');
    if (!process.env.DX_TEST_GREP || new RegExp(process.env.DX_TEST_GREP).test(koreanWindowTitle)) {
      const check = await runKoreanWindowCheck({
        env: { DOCKER_HOST: engine.dockerHost, DOCKER_CONFIG: dockerConfig },
        testImage: engine.testImage,
        outputDir: path.join(outputDir, 'korean'),
        log,
      });
      results?.tests?.push({ title: check.title, state: check.passed ? 'passed' : 'failed' });
      if (!check.passed) results?.failures?.push({ title: check.title, error: check.error });
      totals[check.passed ? 'passed' : 'failed'] += 1;
    }
    for (const test of results?.tests ?? []) {
      console.log(`  ${test.state === 'passed' ? '✔' : '✘'} ${test.title}${test.durationMs ? ` (${test.durationMs} ms)` : ''}`);
    }
    for (const failure of results?.failures ?? []) {
      console.log(`\n  FAILED ${failure.title}\n${failure.error}`);
    }
    totals.passed += results?.passed ?? 0;
    totals.failed += results?.failed ?? 0;
    if (exitCode !== 0 && !(results?.failed > 0)) {
      console.log(`  ✘ the integration run itself failed (exit code ${exitCode})`);
      totals.failed += 1;
    }
  } finally {
    await ssh.stop();
    if (!wasRunning) {
      log('stopping the private test engine');
      await stopEngine();
    }
  }
}

let crashed;
try {
  ensureNodeModules();
  await buildAll();
  runLintCheck();
  await runUnitTests();
  if (!unitOnly) {
    await runIntegrationTests();
  }
} catch (err) {
  crashed = err;
  console.error(err?.stack ?? err);
  totals.failed += 1;
}
log(`finished in ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 || crashed ? 1 : 0);
