// Every path and name of one private engine, derived from its root dir, and the environment its
// processes get (never one that points the docker CLI at another engine).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, spawnDetached, terminate } from '../processes.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const PACKAGES = ['docker.io', 'docker-registry', 'busybox-static', 'iproute2', 'openssl', 'apache2-utils'];
export const TEST_IMAGE = 'dx-test/busybox:latest';
export const REGISTRY_REPO = 'dx-test/busybox';
export const REGISTRY_TAG = '1.0';
// Variables that would point the docker CLI at another engine, context or credential store.
const FOREIGN_ENV = ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_API_VERSION', 'DOCKER_CONFIG'];
// Sockets under exec-root add up to 33 chars (containerd/containerd-debug.sock); sun_path holds 108.
const EXEC_ROOT_MAX = 64;

export const log = (msg) => process.stderr.write(`[engine] ${msg}\n`);

/** Every path and name the engine uses, derived from its root dir. */
export function layout(opts = {}) {
  const root = path.resolve(opts.root ?? process.env.DX_ENGINE_ROOT ?? path.join(REPO, '.cache', 'engine'));
  const shortDir = `/tmp/dx-engine-${createHash('sha256').update(root).digest('hex').slice(0, 8)}`;
  const socketPath = path.join(root, 'docker.sock');
  const execRoot = path.join(root, 'exec');
  return {
    root,
    shortDir,
    socketPath: socketPath.length <= 100 ? socketPath : path.join(shortDir, 'docker.sock'),
    execRoot: execRoot.length <= EXEC_ROOT_MAX ? execRoot : path.join(shortDir, 'exec'),
    dataRoot: path.join(root, 'data'),
    pidFile: path.join(root, 'docker.pid'),
    stateFile: path.join(root, 'state.json'),
    logFile: path.join(root, 'dockerd.log'),
    tlsDir: path.join(root, 'tls'),
    sshDir: path.join(root, 'ssh'),
    bridge: opts.bridge ?? process.env.DX_ENGINE_BRIDGE ?? 'dxtest0',
    cidr: opts.cidr ?? process.env.DX_ENGINE_CIDR ?? '172.31.250.1/24',
  };
}

export function childEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  for (const name of FOREIGN_ENV) if (!(name in extra)) delete env[name];
  return env;
}

// Debian's CLI matches the engine; always -H so the default socket is never used.
export function docker(st, args) {
  const cli = fs.existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';
  return run(cli, ['-H', st.dockerHost, ...args], { env: childEnv({ DOCKER_CONFIG: path.join(st.root, 'cli') }) });
}

/** Starts a detached process of the engine's (dockerd, registry, sshd...) with childEnv(extraEnv). */
export const spawnEngineProcess = (cmd, args, logFile, extraEnv = {}) => spawnDetached(cmd, args, logFile, childEnv(extraEnv));

/** terminate() that reports a SIGKILL in the engine's log. */
export const stopProcess = (pid, timeoutMs) => terminate(pid, timeoutMs, log);
