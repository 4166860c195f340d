// `npm run test:electron`: the same integration suite in desktop VS Code through
// @vscode/test-electron, for machines that can download VS Code (CI here cannot).
// The UI-bridge tests need the browser runner of `npm test` and fail here with a clear message.
import fs from 'node:fs';
import path from 'node:path';
import { buildAll, ensureNodeModules, root } from './lib.mjs';

ensureNodeModules();
await buildAll();
const { runTests } = await import('@vscode/test-electron');
const { startEngine, stopEngine, engineStatus } = await import('../test/harness/engine.mjs');

const wasRunning = (await engineStatus()).running;
const engine = await startEngine();
const outputDir = path.join(root, 'test-output');
const resultsFile = path.join(outputDir, 'electron-results.json');
fs.mkdirSync(outputDir, { recursive: true });
const workspace = path.join(root, '.cache', 'test-workspace');
fs.mkdirSync(workspace, { recursive: true });
let exitCode = 1;
try {
  exitCode = await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: {
      DOCKER_HOST: engine.dockerHost,
      DX_TEST_RESULTS: resultsFile,
      DX_TEST_REGISTRY: engine.registry,
      DX_TEST_AUTH_REGISTRY: engine.authRegistry,
      DX_TEST_AUTH_REGISTRY_USER: engine.authRegistryUser,
      DX_TEST_AUTH_REGISTRY_PASSWORD: engine.authRegistryPassword,
      DX_TEST_IMAGE: engine.testImage,
      DX_TEST_REGISTRY_IMAGE: engine.registryImage,
    },
  });
} catch (err) {
  console.error(err);
} finally {
  if (!wasRunning) {
    await stopEngine();
  }
}
const results = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : { passed: 0, failed: 1 };
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(exitCode === 0 && results.failed === 0 ? 0 : 1);
