// Starting and stopping the private engine: one at a time per root (a lock), dockerd with its
// own paths and bridge, and a stop that leaves no process, mount or bridge behind.
import fs from 'node:fs';
import path from 'node:path';
import { allPids, cmdline, descendants, isAlive, isOurs, run, sleep, waitFor } from '../processes.mjs';
import { deleteBridge, ensureBridge } from './bridge.mjs';
import { ping, request, tlsPing } from './http.mjs';
import { ensureRegistry, ensureTestImage } from './images.mjs';
import { layout, log, spawnEngineProcess, stopProcess, TEST_IMAGE } from './layout.mjs';
import { ensurePackages } from './packages.mjs';
import { readState, stopSshProcesses, writeState } from './state.mjs';
import { ensureTls, tlsFiles, tlsPort } from './tls.mjs';

// Serialises start and stop across processes: two dockerds on one data-root would corrupt it.
export async function withEngineLock(root, fn) {
  fs.mkdirSync(root, { recursive: true });
  const lock = path.join(root, 'lock');
  for (const deadline = Date.now() + 120000; ;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    const holder = Number(fs.readFileSync(lock, 'utf8') || NaN); // empty: just being written
    if (holder > 0 && !isAlive(holder)) {
      fs.rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`${lock} is held by pid ${holder}`);
    await sleep(200);
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function dockerdArgs(L, tlsHost) {
  const tls = tlsFiles(L);
  return [
    // The unix socket stays the main host (and the readiness ping); TLS applies to the tcp listener only.
    '--host',
    `unix://${L.socketPath}`,
    '--host',
    tlsHost,
    '--tlsverify',
    '--tlscacert',
    tls.ca,
    '--tlscert',
    tls.cert,
    '--tlskey',
    tls.key,
    '--data-root',
    L.dataRoot,
    '--exec-root',
    L.execRoot,
    '--pidfile',
    L.pidFile,
    '--config-file',
    path.join(L.root, 'daemon.json'),
    '--bridge',
    L.bridge,
    '--iptables=false',
    '--ip6tables=false',
    // dockerd sets the host's net.ipv4.ip_forward=1; opting out makes every `run` warn (networking still works).
    ...(process.env.DX_ENGINE_IP_FORWARD === '0' ? ['--ip-forward=false'] : []),
    // If a system containerd is found and shared, keep our containers out of the host engine's namespace.
    '--containerd-namespace',
    'dx-test',
    '--containerd-plugins-namespace',
    'dx-test-plugins',
  ];
}

export async function startEngine(opts = {}) {
  ensurePackages();
  return withEngineLock(layout(opts).root, () => start(opts));
}

export async function stopEngine(opts = {}) {
  return withEngineLock(layout(opts).root, () => stop(opts));
}

async function start(opts) {
  const t0 = Date.now();
  const L = layout(opts);
  const old = readState(L.stateFile);
  if (old && isOurs(old.pid, 'dockerd', L.root) && (await ping(old.socketPath))) {
    // An ssh endpoint whose test process died is a leftover; a live one belongs to a running test.
    if (old.ssh && !isAlive(old.ssh.ownerPid)) {
      log(`stopping the ssh endpoint left by pid ${old.ssh.ownerPid}`);
      await stopSshProcesses(old.ssh);
      delete old.ssh;
      writeState(old);
    }
    // dockerd cannot add a listener while running: an engine started without the TLS endpoint
    // (an older engine.mjs) or with other certificates is restarted; its data-root and images stay.
    if (await tlsPing(old.tlsHost, old.tlsCertPath)) {
      await ensureTestImage(old);
      await ensureRegistry(old);
      writeState(old);
      log(`engine already running (pid ${old.pid}), checked in ${Date.now() - t0} ms`);
      return old;
    }
    log(`engine pid ${old.pid} has no working TLS endpoint; restarting it`);
  }
  await stop(opts); // whatever a crashed run left behind
  for (const dir of [L.root, path.dirname(L.socketPath), path.dirname(L.execRoot)]) fs.mkdirSync(dir, { recursive: true });
  // Our own config file so the host's /etc/docker/daemon.json cannot leak in. Its one key (a file
  // setting only) keeps the key behind the engine ID in our root: by default /etc/docker/key.json,
  // whose ID any other engine on this host shares.
  fs.writeFileSync(path.join(L.root, 'daemon.json'), `${JSON.stringify({ 'deprecated-key-path': path.join(L.root, 'key.json') }, null, 2)}\n`);
  const tls = ensureTls(L);
  const tlsHost = `tcp://127.0.0.1:${await tlsPort(L)}`;
  ensureBridge(L);
  const st = {
    dockerHost: `unix://${L.socketPath}`,
    socketPath: L.socketPath,
    pid: 0,
    tlsHost,
    tlsCertPath: tls.clientDir,
    registry: null,
    registryPid: 0,
    testImage: TEST_IMAGE,
    registryImage: null,
    root: L.root,
    execRoot: L.execRoot,
    bridge: L.bridge,
    logFile: L.logFile,
  };
  // Its own TMPDIR: a restart from inside a test VS Code would otherwise inherit that window's
  // temporary dir, deleted after the run, and every later `-t` container fails to start.
  const tmpDir = path.join(L.root, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  st.pid = spawnEngineProcess('dockerd', dockerdArgs(L, tlsHost), L.logFile, { TMPDIR: tmpDir });
  writeState(st); // recorded before waiting, so a failed start can still be stopped
  try {
    await waitFor('dockerd', () => ping(L.socketPath), { pid: st.pid, logFile: L.logFile, timeoutMs: opts.timeoutMs });
    // dockerd opens every listener before it serves any, so this answers at once.
    await waitFor('dockerd TLS endpoint', () => tlsPing(tlsHost, tls.clientDir), { pid: st.pid, logFile: L.logFile, timeoutMs: 5000 });
    log(`dockerd ready in ${Date.now() - t0} ms`);
    await ensureTestImage(st);
    await ensureRegistry(st);
  } catch (err) {
    await stop(opts);
    throw err;
  }
  writeState(st);
  log(`engine started in ${Date.now() - t0} ms`);
  return st;
}

// Test containers are disposable; killing them spares dockerd's 10 s stop timeout per container.
async function killContainers(socketPath) {
  const res = await request({ socketPath }, '/containers/json');
  const ids = res.status === 200 ? JSON.parse(res.body).map((c) => c.Id) : [];
  await Promise.all(ids.map((id) => request({ socketPath }, `/containers/${id}/kill`, { method: 'POST' })));
}

async function stopProcesses(st, L) {
  await stopSshProcesses(st.ssh);
  if (isOurs(st.registryPid, 'docker-registry', L.root)) await stopProcess(st.registryPid, 5000);
  if (isOurs(st.authRegistryPid, 'docker-registry', L.root)) await stopProcess(st.authRegistryPid, 5000);
  if (isOurs(st.pid, 'dockerd', L.root)) {
    await killContainers(st.socketPath);
    const kids = descendants(st.pid); // the containerd it started may outlive a killed dockerd
    await stopProcess(st.pid, 30000); // it shuts down containerd and the network first
    for (const kid of kids) await stopProcess(kid, 5000);
  }
  // Shims re-parent to PID 1; they are found by our private exec-root in their command line.
  const mentionsExecRoot = (arg) => arg === L.execRoot || arg.startsWith(`${L.execRoot}/`);
  const leftovers = allPids().filter((p) => p !== process.pid && cmdline(p).some(mentionsExecRoot));
  for (const pid of leftovers.flatMap((p) => [...descendants(p), p])) await stopProcess(pid, 2000);
}

function unmountUnder(dirs) {
  const unescape = (p) => p.replace(/\\([0-7]{3})/g, (_, oct) => String.fromCharCode(parseInt(oct, 8)));
  const mounts = fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter(Boolean)
    .map(unescape)
    .filter((p) => dirs.some((dir) => p.startsWith(`${dir}/`)))
    .sort((a, b) => b.length - a.length); // deepest first
  for (const mount of mounts) {
    if (run('umount', [mount], { allowFail: true }).status !== 0) run('umount', ['-l', mount], { allowFail: true });
  }
}

async function stop({ purge = false, ...opts }) {
  const st = readState(layout(opts).stateFile);
  const L = layout({ bridge: st?.bridge, ...opts });
  await stopProcesses(st ?? {}, L);
  deleteBridge(L);
  // exec-root is runtime state, like /run: a stale containerd.pid (a zombie's) would stall the next dockerd.
  // The data-root's own bind mount outlives dockerd too, and makes `rm -rf` of a checkout fail: the
  // data stays on disk, dockerd mounts it again when it starts.
  unmountUnder([L.execRoot, L.root]);
  fs.rmSync(L.execRoot, { recursive: true, force: true });
  for (const file of [L.socketPath, L.pidFile, L.stateFile]) fs.rmSync(file, { force: true });
  if (purge) {
    unmountUnder([L.root, L.shortDir]);
    for (const dir of [L.root, L.shortDir]) fs.rmSync(dir, { recursive: true, force: true });
  }
  return { stopped: !!st, purged: purge };
}
