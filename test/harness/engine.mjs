#!/usr/bin/env node
// A private Docker engine and registry for tests. It never uses or touches /var/run/docker.sock.
// The engine answers on its unix socket (the main host) and on tcp://127.0.0.1:PORT with mutual TLS
// (certificates under <root>/tls, client files in <root>/tls/client for DOCKER_CERT_PATH).
// An ssh endpoint to it is started on demand by endpoints.mjs; stopping the engine stops it too.
// CLI: node test/harness/engine.mjs start | stop [--purge] | status | env [--tls]
// Env: DX_ENGINE_ROOT (default <repo>/.cache/engine), DX_ENGINE_BRIDGE (dxtest0),
//      DX_ENGINE_CIDR (172.31.250.1/24), DX_ENGINE_IP_FORWARD=0 (leave the host's sysctl alone).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const REPO = path.resolve(path.dirname(SELF), '..', '..');
const PACKAGES = ['docker.io', 'docker-registry', 'busybox-static', 'iproute2', 'openssl'];
const TEST_IMAGE = 'dx-test/busybox:latest';
const REGISTRY_REPO = 'dx-test/busybox';
const REGISTRY_TAG = '1.0';
// Variables that would point the docker CLI at another engine, context or credential store.
const FOREIGN_ENV = ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_API_VERSION', 'DOCKER_CONFIG'];
// Sockets under exec-root add up to 33 chars (containerd/containerd-debug.sock); sun_path holds 108.
const EXEC_ROOT_MAX = 64;

const log = (msg) => process.stderr.write(`[engine] ${msg}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every path and name the engine uses, derived from its root dir. */
function layout(opts = {}) {
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

export function run(cmd, args, { env, allowFail = false, inherit = false } = {}) {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', stdio: inherit ? ['ignore', 2, 2] : 'pipe', maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0 && !allowFail) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${(r.stderr ?? '').trim()}`);
  return r;
}

function childEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  for (const name of FOREIGN_ENV) if (!(name in extra)) delete env[name];
  return env;
}

// Debian's CLI matches the engine; always -H so the default socket is never used.
function docker(st, args) {
  const cli = fs.existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';
  return run(cli, ['-H', st.dockerHost, ...args], { env: childEnv({ DOCKER_CONFIG: path.join(st.root, 'cli') }) });
}

// ---- packages -------------------------------------------------------------------------------

export function ensurePackages(packages = PACKAGES) {
  if (process.getuid?.() !== 0) throw new Error('engine.mjs must run as root: it starts dockerd and creates a bridge');
  if (!fs.existsSync('/usr/bin/apt-get') || !fs.existsSync('/usr/bin/dpkg-query')) {
    throw new Error('engine.mjs needs a Debian-like system (apt-get, dpkg-query)');
  }
  const status = run('dpkg-query', ['-W', '-f=${Package} ${Status}\n', ...packages], { allowFail: true }).stdout.split('\n');
  const missing = packages.filter((pkg) => !status.includes(`${pkg} install ok installed`));
  if (missing.length === 0) return [];
  log(`installing ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Another apt may be running: wait for its lock instead of failing.
  const apt = (...args) => run('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], { env, inherit: true, allowFail: true }).status === 0;
  const install = () => apt('install', '-y', '--no-install-recommends', ...missing);
  if (!install() && !(apt('update') && install())) throw new Error(`apt-get install ${missing.join(' ')} failed`);
  return missing;
}

// ---- processes ------------------------------------------------------------------------------

function procStat(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, ppid: Number(ppid) };
  } catch {
    return null;
  }
}

// A zombie counts as gone: PID 1 here reaps late and `kill -0` succeeds on zombies.
export const isAlive = (pid) => { const s = pid > 0 && procStat(pid); return !!s && s.state !== 'Z' && s.state !== 'X'; };
const cmdline = (pid) => { try { return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'); } catch { return []; } };
const allPids = () => fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);

// A recorded pid is ours only if it still runs our program with our paths (pids get reused).
function isOurs(pid, program, marker) {
  const argv = cmdline(pid);
  return isAlive(pid) && path.basename(argv[0] ?? '') === program && argv.some((arg) => arg.includes(marker));
}

// For programs that rewrite their command line (sshd's "sshd: /usr/sbin/sshd -D -f CONFIG [listener] ..."):
// ours if alive and the whole command line still names every marker.
function runsWith(pid, markers) {
  const line = cmdline(pid).join(' ');
  return isAlive(pid) && markers.every((marker) => line.includes(marker));
}

function descendants(pid) {
  const kids = allPids().filter((p) => procStat(p)?.ppid === pid);
  return kids.flatMap((kid) => [kid, ...descendants(kid)]);
}

export async function terminate(pid, timeoutMs) {
  if (!isAlive(pid)) return;
  try { process.kill(pid, 'SIGTERM'); } catch { return; }
  for (const deadline = Date.now() + timeoutMs; isAlive(pid) && Date.now() < deadline;) await sleep(100);
  if (!isAlive(pid)) return;
  log(`pid ${pid} outlived SIGTERM by ${timeoutMs} ms; sending SIGKILL`);
  try { process.kill(pid, 'SIGKILL'); } catch { return; }
  for (const deadline = Date.now() + 5000; isAlive(pid) && Date.now() < deadline;) await sleep(50);
}

export function spawnDetached(cmd, args, logFile, extraEnv = {}) {
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd], env: childEnv(extraEnv) });
  fs.closeSync(fd);
  child.on('error', () => {}); // reported below through the missing pid
  child.unref();
  if (!child.pid) throw new Error(`could not start ${cmd}`);
  return child.pid;
}

const tail = (file, lines = 30) => {
  try { return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n'); } catch { return '(no log)'; }
};

export async function waitFor(what, ready, { pid, logFile, timeoutMs = 30000 }) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline && isAlive(pid);) {
    if (await ready()) return;
    await sleep(100);
  }
  const why = isAlive(pid) ? `not ready after ${timeoutMs} ms` : `exited (pid ${pid})`;
  throw new Error(`${what} ${why}; last lines of ${logFile}:\n${tail(logFile)}`);
}

// ---- HTTP -----------------------------------------------------------------------------------

function request(target, urlPath, { method = 'GET', headers = {}, timeoutMs = 3000 } = {}) {
  return new Promise((resolve) => {
    const req = http.request({ ...target, method, path: urlPath, headers, agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk) => { body += chunk; }).on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end();
  });
}

export async function ping(socketPath) {
  const res = await request({ socketPath }, '/_ping');
  return res.status === 200 && res.body === 'OK';
}

// GET /_ping over mutual TLS with the client files of DOCKER_CERT_PATH.
export async function tlsPing(tlsHost, certPath) {
  if (!tlsHost || !certPath) return false;
  let tls;
  try {
    tls = Object.fromEntries(['ca', 'cert', 'key'].map((name) => [name, fs.readFileSync(path.join(certPath, `${name}.pem`))]));
  } catch {
    return false;
  }
  const { hostname: host, port } = new URL(tlsHost.replace(/^tcp:/, 'https:'));
  return new Promise((resolve) => {
    const req = https.request({ host, port, path: '/_ping', ...tls, agent: false, timeout: 3000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk) => { body += chunk; }).on('end', () => resolve(res.statusCode === 200 && body === 'OK'));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end();
  });
}

const hostPort = (addr) => ({ host: addr.split(':')[0], port: Number(addr.split(':')[1]) });
const registryUp = async (addr) => !!addr && (await request(hostPort(addr), '/v2/')).status === 200;

// Port 0 picks a free one; a given port resolves to itself if free, else to null.
export function freePort(wanted = 0) {
  return new Promise((resolve, reject) => {
    const server = net.createServer().on('error', (err) => (wanted && err.code === 'EADDRINUSE' ? resolve(null) : reject(err)));
    server.listen(wanted, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
  });
}

// ---- network --------------------------------------------------------------------------------

// The alias marks a bridge as this root's, so a leftover from a crash is reused, then deleted.
const bridgeMark = (L) => `dx-engine ${L.root}`;
const bridgeOwner = (name) => { try { return fs.readFileSync(`/sys/class/net/${name}/ifalias`, 'utf8').trim(); } catch { return null; } };

function ensureBridge(L) {
  const owner = bridgeOwner(L.bridge);
  if (owner === bridgeMark(L)) return;
  if (owner !== null) throw new Error(`bridge ${L.bridge} exists but is not this engine's; set DX_ENGINE_BRIDGE and DX_ENGINE_CIDR`);
  run('ip', ['link', 'add', 'name', L.bridge, 'type', 'bridge']);
  run('ip', ['link', 'set', 'dev', L.bridge, 'alias', bridgeMark(L)]);
  run('ip', ['addr', 'add', L.cidr, 'dev', L.bridge]);
  run('ip', ['link', 'set', 'dev', L.bridge, 'up']);
}

function deleteBridge(L) {
  if (bridgeOwner(L.bridge) === bridgeMark(L)) run('ip', ['link', 'del', 'dev', L.bridge]);
}

// ---- TLS ------------------------------------------------------------------------------------

// ECDSA P-256: a few ms per key where RSA takes up to a second here; Go, Node and OpenSSL clients all take it.
const NEWKEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
const OPENSSL_CNF = `[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
authorityKeyIdentifier = keyid
[client_ext]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
`;

function tlsFiles(L) {
  const client = path.join(L.tlsDir, 'client');
  return {
    ca: path.join(L.tlsDir, 'ca.pem'), cert: path.join(L.tlsDir, 'server-cert.pem'), key: path.join(L.tlsDir, 'server-key.pem'),
    clientDir: client, clientCa: path.join(client, 'ca.pem'), clientCert: path.join(client, 'cert.pem'), clientKey: path.join(client, 'key.pem'),
  };
}

// Generated once per root and kept; regenerated only if a file is missing or no longer verifies (or expires within a day).
function ensureTls(L) {
  const f = tlsFiles(L);
  const valid = () => Object.values(f).every((file) => fs.existsSync(file))
    && fs.readFileSync(f.ca, 'utf8') === fs.readFileSync(f.clientCa, 'utf8')
    && run('openssl', ['verify', '-CAfile', f.ca, '-purpose', 'sslserver', f.cert], { allowFail: true }).status === 0
    && run('openssl', ['verify', '-CAfile', f.ca, '-purpose', 'sslclient', f.clientCert], { allowFail: true }).status === 0
    && [f.ca, f.cert, f.clientCert].every((cert) => run('openssl', ['x509', '-checkend', '86400', '-noout', '-in', cert], { allowFail: true }).status === 0);
  if (valid()) return f;
  const t0 = Date.now();
  // Built aside and renamed into place, so an interrupted run never leaves half a set.
  const tmp = `${L.tlsDir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(path.join(tmp, 'client'), { recursive: true, mode: 0o700 });
  const cnf = path.join(tmp, 'openssl.cnf');
  fs.writeFileSync(cnf, OPENSSL_CNF);
  const t = (name) => path.join(tmp, name);
  const serial = () => `0x${createHash('sha256').update(`${Math.random()}${process.hrtime.bigint()}`).digest('hex').slice(0, 16)}`;
  const openssl = (...args) => run('openssl', args);
  openssl('req', '-config', cnf, '-x509', '-new', ...NEWKEY, '-nodes', '-sha256', '-days', '3650',
    '-subj', '/CN=dx-test CA', '-extensions', 'ca_ext', '-keyout', t('ca-key.pem'), '-out', t('ca.pem'));
  const issue = (cn, keyOut, certOut, ext) => {
    const csr = `${certOut}.csr`;
    openssl('req', '-config', cnf, '-new', ...NEWKEY, '-nodes', '-subj', `/CN=${cn}`, '-keyout', keyOut, '-out', csr);
    openssl('x509', '-req', '-in', csr, '-CA', t('ca.pem'), '-CAkey', t('ca-key.pem'), '-set_serial', serial(),
      '-days', '3650', '-sha256', '-extfile', cnf, '-extensions', ext, '-out', certOut);
    fs.rmSync(csr);
  };
  issue('localhost', t('server-key.pem'), t('server-cert.pem'), 'server_ext');
  issue('dx-test-client', t('client/key.pem'), t('client/cert.pem'), 'client_ext');
  fs.copyFileSync(t('ca.pem'), t('client/ca.pem'));
  fs.rmSync(cnf);
  for (const key of ['ca-key.pem', 'server-key.pem', 'client/key.pem']) fs.chmodSync(t(key), 0o600);
  const port = fs.existsSync(path.join(L.tlsDir, 'port')) ? fs.readFileSync(path.join(L.tlsDir, 'port'), 'utf8') : null;
  if (port) fs.writeFileSync(t('port'), port);
  fs.rmSync(L.tlsDir, { recursive: true, force: true });
  fs.renameSync(tmp, L.tlsDir);
  if (!valid()) throw new Error(`the certificates generated in ${L.tlsDir} do not verify`);
  log(`TLS certificates generated in ${Date.now() - t0} ms`);
  return f;
}

// Picked once and kept in <root>/tls/port, so DOCKER_HOST stays the same across restarts while the port is free.
async function tlsPort(L) {
  const file = path.join(L.tlsDir, 'port');
  const saved = Number(fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : NaN);
  if (saved > 0 && (await freePort(saved))) return saved;
  const port = await freePort();
  if (saved > 0) log(`TLS port ${saved} is taken; using ${port}`);
  fs.writeFileSync(file, `${port}\n`);
  return port;
}

// ---- ssh endpoint processes (started by endpoints.mjs, recorded in state.ssh) -----------------

/** Stops an ssh endpoint recorded by endpoints.mjs: its sshd (with its sessions) and its ssh-agent. */
export async function stopSshProcesses(rec) {
  if (!rec) return;
  if (runsWith(rec.sshdPid, ['sshd', rec.config])) {
    const sessions = descendants(rec.sshdPid); // per-connection sshd and the far side's `docker system dial-stdio`
    await terminate(rec.sshdPid, 5000);
    await Promise.all(sessions.map((pid) => terminate(pid, 2000)));
  }
  if (runsWith(rec.agentPid, ['ssh-agent', rec.authSock])) await terminate(rec.agentPid, 5000);
  if (rec.authSock) fs.rmSync(rec.authSock, { force: true });
}

// ---- state ----------------------------------------------------------------------------------

const readState = (file) => { try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return null; } };
const writeState = (st) => fs.writeFileSync(path.join(st.root, 'state.json'), `${JSON.stringify(st, null, 2)}\n`);

// For endpoints.mjs: the same paths, lock and state file as the engine.
export const engineLayout = (opts = {}) => layout(opts);
export const readEngineState = (opts = {}) => readState(layout(opts).stateFile);
export const writeEngineState = (st) => writeState(st);

// `running` is the engine and its registry (as before); `tls` and `ssh` report the extra endpoints.
export async function engineStatus(opts = {}) {
  const st = readState(layout(opts).stateFile);
  const engine = !!st && isOurs(st.pid, 'dockerd', st.root) && (await ping(st.socketPath));
  const registry = !!st && isOurs(st.registryPid, 'docker-registry', st.root) && (await registryUp(st.registry));
  const tls = engine && (await tlsPing(st.tlsHost, st.tlsCertPath));
  const ssh = !!st?.ssh && runsWith(st.ssh.sshdPid, ['sshd', st.ssh.config]);
  return { running: engine && registry, engine, registry, tls, ssh, state: st };
}

// ---- images ---------------------------------------------------------------------------------

// Busybox alone, one symlink per applet: about 2 MB, and no network needed to get it.
function importRootfs(st, tag, extraFiles = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-rootfs-'));
  const tarball = `${dir}.tar`;
  try {
    for (const sub of ['bin', 'etc', 'root', 'tmp']) fs.mkdirSync(path.join(dir, sub));
    fs.chmodSync(path.join(dir, 'tmp'), 0o1777);
    fs.copyFileSync('/bin/busybox', path.join(dir, 'bin', 'busybox'));
    fs.chmodSync(path.join(dir, 'bin', 'busybox'), 0o755);
    const applets = run('/bin/busybox', ['--list']).stdout.split('\n').filter((a) => a && a !== 'busybox');
    for (const applet of applets) fs.symlinkSync('busybox', path.join(dir, 'bin', applet));
    const files = { 'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n', 'etc/group': 'root:x:0:\n', ...extraFiles };
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
    run('tar', ['-C', dir, '--numeric-owner', '--owner=0', '--group=0', '-cf', tarball, '.']);
    docker(st, ['import', '-c', 'CMD ["/bin/sh"]', tarball, tag]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(tarball, { force: true });
  }
}

async function ensureTestImage(st) {
  const present = (await request({ socketPath: st.socketPath }, `/images/${TEST_IMAGE}/json`)).status === 200;
  if (!present) importRootfs(st, TEST_IMAGE);
}

async function ensureRegistry(st) {
  if (isOurs(st.registryPid, 'docker-registry', st.root) && (await registryUp(st.registry))) return;
  const addr = `127.0.0.1:${await freePort()}`;
  const config = path.join(st.root, 'registry.yml');
  const logFile = path.join(st.root, 'registry.log');
  // JSON is valid YAML. No auth section: Debian's packaged config turns on htpasswd.
  fs.writeFileSync(config, JSON.stringify({
    version: '0.1',
    log: { level: 'warn' },
    storage: { filesystem: { rootdirectory: path.join(st.root, 'registry') }, delete: { enabled: true } },
    http: { addr },
  }, null, 2));
  const pid = spawnDetached('docker-registry', ['serve', config], logFile);
  Object.assign(st, { registry: addr, registryPid: pid, registryImage: `${addr}/${REGISTRY_REPO}:${REGISTRY_TAG}` });
  writeState(st);
  await waitFor('docker-registry', () => registryUp(addr), { pid, logFile });
  // Storage survives a plain stop, so push only when the tag is not there yet.
  const headers = { Accept: 'application/vnd.docker.distribution.manifest.v2+json' };
  if ((await request(hostPort(addr), `/v2/${REGISTRY_REPO}/manifests/${REGISTRY_TAG}`, { headers })).status === 200) return;
  // Its own layer, unlike the test image's, so that a pull test really downloads something.
  importRootfs(st, st.registryImage, { 'etc/dx-registry': 'pushed to the test registry\n' });
  docker(st, ['push', st.registryImage]);
  docker(st, ['rmi', st.registryImage]); // so a pull test really pulls
}

// ---- start / stop ---------------------------------------------------------------------------

// Serialises start and stop across processes: two dockerds on one data-root would corrupt it.
export async function withEngineLock(root, fn) {
  fs.mkdirSync(root, { recursive: true });
  const lock = path.join(root, 'lock');
  for (const deadline = Date.now() + 120000; ;) {
    try { fs.writeFileSync(lock, String(process.pid), { flag: 'wx' }); break; } catch (err) { if (err.code !== 'EEXIST') throw err; }
    const holder = Number(fs.readFileSync(lock, 'utf8') || NaN); // empty: just being written
    if (holder > 0 && !isAlive(holder)) { fs.rmSync(lock, { force: true }); continue; }
    if (Date.now() > deadline) throw new Error(`${lock} is held by pid ${holder}`);
    await sleep(200);
  }
  try { return await fn(); } finally { fs.rmSync(lock, { force: true }); }
}

function dockerdArgs(L, tlsHost) {
  const tls = tlsFiles(L);
  return [
    // The unix socket stays the main host (and the readiness ping); TLS applies to the tcp listener only.
    '--host', `unix://${L.socketPath}`, '--host', tlsHost,
    '--tlsverify', '--tlscacert', tls.ca, '--tlscert', tls.cert, '--tlskey', tls.key,
    '--data-root', L.dataRoot, '--exec-root', L.execRoot,
    '--pidfile', L.pidFile, '--config-file', path.join(L.root, 'daemon.json'),
    '--bridge', L.bridge, '--iptables=false', '--ip6tables=false',
    // dockerd sets the host's net.ipv4.ip_forward=1; opting out makes every `run` warn (networking still works).
    ...(process.env.DX_ENGINE_IP_FORWARD === '0' ? ['--ip-forward=false'] : []),
    // If a system containerd is found and shared, keep our containers out of the host engine's namespace.
    '--containerd-namespace', 'dx-test', '--containerd-plugins-namespace', 'dx-test-plugins',
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
    dockerHost: `unix://${L.socketPath}`, socketPath: L.socketPath, pid: 0,
    tlsHost, tlsCertPath: tls.clientDir,
    registry: null, registryPid: 0, testImage: TEST_IMAGE, registryImage: null,
    root: L.root, execRoot: L.execRoot, bridge: L.bridge, logFile: L.logFile,
  };
  // Its own TMPDIR: a restart from inside a test VS Code would otherwise inherit that window's
  // temporary dir, deleted after the run, and every later `-t` container fails to start.
  const tmpDir = path.join(L.root, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  st.pid = spawnDetached('dockerd', dockerdArgs(L, tlsHost), L.logFile, { TMPDIR: tmpDir });
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
  if (isOurs(st.registryPid, 'docker-registry', L.root)) await terminate(st.registryPid, 5000);
  if (isOurs(st.pid, 'dockerd', L.root)) {
    await killContainers(st.socketPath);
    const kids = descendants(st.pid); // the containerd it started may outlive a killed dockerd
    await terminate(st.pid, 30000); // it shuts down containerd and the network first
    for (const kid of kids) await terminate(kid, 5000);
  }
  // Shims re-parent to PID 1; they are found by our private exec-root in their command line.
  const mentionsExecRoot = (arg) => arg === L.execRoot || arg.startsWith(`${L.execRoot}/`);
  const leftovers = allPids().filter((p) => p !== process.pid && cmdline(p).some(mentionsExecRoot));
  for (const pid of leftovers.flatMap((p) => [...descendants(p), p])) await terminate(pid, 2000);
}

function unmountUnder(dirs) {
  const unescape = (p) => p.replace(/\\([0-7]{3})/g, (_, oct) => String.fromCharCode(parseInt(oct, 8)));
  const mounts = fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n')
    .map((line) => line.split(' ')[4]).filter(Boolean).map(unescape)
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

// ---- CLI ------------------------------------------------------------------------------------

async function main([command, ...args]) {
  switch (command) {
    case 'start': {
      const st = await startEngine();
      console.log(JSON.stringify(st, null, 2));
      console.log(`export DOCKER_HOST=${st.dockerHost}`);
      return 0;
    }
    case 'stop':
      console.log(JSON.stringify(await stopEngine({ purge: args.includes('--purge') })));
      return 0;
    case 'status': {
      const status = await engineStatus();
      console.log(JSON.stringify(status, null, 2));
      return status.running ? 0 : 3; // 3: not running, as in LSB init scripts
    }
    case 'env': {
      const status = await engineStatus();
      if (!status.engine) { log('engine not running; run `engine.mjs start`'); return 3; }
      if (args.includes('--tls')) {
        if (!status.tls) { log('the engine has no working TLS endpoint; run `engine.mjs start`'); return 3; }
        console.log(`DOCKER_HOST=${status.state.tlsHost}\nDOCKER_TLS_VERIFY=1\nDOCKER_CERT_PATH=${status.state.tlsCertPath}`);
      } else {
        console.log(`DOCKER_HOST=${status.state.dockerHost}`);
      }
      return 0;
    }
    default:
      console.error('usage: engine.mjs start | stop [--purge] | status | env [--tls]');
      return 2;
  }
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === SELF) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (err) => { console.error(`[engine] ${err.message}`); process.exitCode = 1; },
  );
}
