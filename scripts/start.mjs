// `npm start`: builds the extension and opens it in the pinned browser VS Code on 127.0.0.1,
// connected to the engine a docker CLI would use; starts the private engine when none answers.
// `npm start -- --desktop` opens a desktop `code` from PATH instead. Ctrl+C stops what it started.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildAll, ensureNodeModules, log, root } from './lib.mjs';

// The engine npm start may start is not the tests' one: what a person makes in it is never
// touched by `npm test` (which prunes and removes in its own engine).
process.env.DX_ENGINE_ROOT ??= path.join(root, '.cache', 'start-engine');
process.env.DX_ENGINE_BRIDGE ??= 'dxstart0';
process.env.DX_ENGINE_CIDR ??= '172.31.249.1/24';

const args = process.argv.slice(2);
const desktop = args.includes('--desktop');
const portArg = args.find((a) => a.startsWith('--port='));

ensureNodeModules();
await buildAll();

/** Resolves and pings the engine exactly as the extension will (the compiled service layer). */
async function probeEngine() {
  const require = createRequire(import.meta.url);
  const { resolveEndpointFromProcess, processDockerodeOptions } = require(path.join(root, 'out', 'src', 'docker', 'hostEnvironment.js'));
  const { DockerService } = require(path.join(root, 'out', 'src', 'docker', 'service.js'));
  try {
    const endpoint = resolveEndpointFromProcess(undefined);
    const service = new DockerService(() => processDockerodeOptions(endpoint));
    await Promise.race([service.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer in 5 s')), 5000))]);
    return { ok: true, description: endpoint.description };
  } catch (err) {
    return { ok: false, reason: err.message };
  }
}

function canRunPrivateEngine() {
  return process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
}

const env = {};
let startedEngine = false;
const probe = await probeEngine();
if (probe.ok) {
  log(`using the Docker Engine at ${probe.description}`);
} else if (canRunPrivateEngine()) {
  log(`no Docker Engine answers (${probe.reason}); starting the private engine of this project instead`);
  const { startEngine, engineStatus } = await import('../test/harness/engine.mjs');
  startedEngine = !(await engineStatus()).running;
  const engine = await startEngine();
  env.DOCKER_HOST = engine.dockerHost;
  log(`private engine ready: DOCKER_HOST=${engine.dockerHost} (stopped again on Ctrl+C)`);
} else {
  log(`no Docker Engine answers (${probe.reason}); the views will say so. Start Docker and use Retry in the view.`);
}

let stopping = false;
const cleanups = [];
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping what npm start started');
  for (const cleanup of cleanups.reverse()) {
    await cleanup().catch((err) => console.error(err));
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
if (startedEngine) {
  const { stopEngine } = await import('../test/harness/engine.mjs');
  cleanups.push(() => stopEngine());
}

if (desktop) {
  if (spawnSync('sh', ['-c', 'command -v code']).status !== 0) {
    log('--desktop needs a desktop `code` on PATH; none found');
    await shutdown(1);
  }
  const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, root], { stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', () => log('desktop VS Code started; Ctrl+C here stops the private engine if one was started'));
} else {
  const { startCodeServer, workbenchUrl, remoteUri } = await import('../test/harness/vscode.mjs');
  const dataDir = path.join(root, '.cache', 'start');
  fs.mkdirSync(dataDir, { recursive: true });
  const server = await startCodeServer({
    extensionDevelopmentPath: root,
    workspacePath: root,
    env,
    dataDir,
    port: portArg ? Number(portArg.split('=')[1]) : undefined,
    log,
  });
  cleanups.push(() => server.stop());
  const url = workbenchUrl(server.url, {
    workspacePath: root,
    payload: [
      ['extensionDevelopmentPath', remoteUri(root)],
      ['skipWelcome', 'true'],
    ],
  });
  log('Docker Explorer is running in VS Code (Ctrl+C stops it). Open:');
  console.log(`\n  ${url}\n`);
}

// The server and engine run detached; this keeps the script alive until Ctrl+C.
setInterval(() => {}, 1 << 30);
