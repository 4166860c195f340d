// Extra ways to reach the private test engine of engine.mjs, for connection tests.
//  - TLS over tcp: always on (engine.mjs starts dockerd with it); tlsEnv(state) gives the variables.
//  - ssh: startSshEndpoint() starts a private sshd on loopback whose sessions see DOCKER_HOST set to
//    the private engine, so the far side's `docker system dial-stdio` reaches it (never /var/run/docker.sock),
//    plus an ssh-agent holding the only key it accepts. Both pids are recorded in the engine's
//    state.json: stopEngine() stops them too, and a start after a crashed test run cleans them up.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {
  engineLayout,
  ensurePackages,
  freePort,
  isAlive,
  readEngineState,
  run,
  spawnDetached,
  stopSshProcesses,
  waitFor,
  withEngineLock,
  writeEngineState,
} from './engine.mjs';

const log = (msg) => process.stderr.write(`[endpoints] ${msg}\n`);
const SSH_PACKAGES = ['openssh-server', 'openssh-client'];
const SSHD = '/usr/sbin/sshd'; // sshd re-executes itself: it must be started by its absolute path
// The far side finds Debian's docker CLI first: it matches the engine (a newer one in /usr/local/bin works too).
const REMOTE_PATH = '/usr/bin:/bin:/usr/sbin:/sbin:/usr/local/bin';

/** DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for the engine's TLS endpoint (state from startEngine). */
export function tlsEnv(state) {
  if (!state?.tlsHost || !state?.tlsCertPath) throw new Error('this engine state has no TLS endpoint; start it with engine.mjs');
  return { DOCKER_HOST: state.tlsHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: state.tlsCertPath };
}

// Resolves once the server sends its "SSH-2.0-..." identification.
function sshBanner(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('data', (chunk) => done(chunk.toString('latin1').startsWith('SSH-2.0-')));
    socket.once('error', () => done(false));
  });
}

function canConnect(socketPath) {
  return new Promise((resolve) => {
    const socket = net.connect({ path: socketPath });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function ensureKey(file, comment) {
  if (fs.existsSync(file) && fs.existsSync(`${file}.pub`)) return;
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}.pub`, { force: true });
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
}

const quote = (value) => {
  if (/["\s\\]/.test(value)) throw new Error(`cannot put ${JSON.stringify(value)} in sshd_config`);
  return `"${value}"`;
};

/**
 * Starts an ssh endpoint to the private engine: `ssh://root@127.0.0.1:PORT`, authenticated by the
 * key in the ssh-agent at `authSock` (pass it as SSH_AUTH_SOCK, or as dockerode's sshOptions.agent).
 * One endpoint per engine root: starting another stops the previous one.
 * root: the engine root (default as engine.mjs); dockerHost: the engine's unix:// host (default from state.json).
 */
export async function startSshEndpoint({ root, dockerHost } = {}) {
  const t0 = Date.now();
  ensurePackages(SSH_PACKAGES);
  const L = engineLayout({ root });
  dockerHost ??= readEngineState({ root: L.root })?.dockerHost;
  if (!dockerHost?.startsWith('unix://')) throw new Error(`startSshEndpoint needs the private engine's unix:// host, got ${dockerHost}`);
  if (path.resolve(dockerHost.slice('unix://'.length)) === '/var/run/docker.sock') {
    throw new Error('startSshEndpoint must point at the private engine, not /var/run/docker.sock');
  }
  const dir = L.sshDir;
  const files = {
    config: path.join(dir, 'sshd_config'),
    hostKey: path.join(dir, 'ssh_host_ed25519_key'),
    clientKey: path.join(dir, 'id_ed25519'),
    authorizedKeys: path.join(dir, 'authorized_keys'),
    pidFile: path.join(dir, 'sshd.pid'),
    sshdLog: path.join(dir, 'sshd.log'),
    agentLog: path.join(dir, 'ssh-agent.log'),
    dockerConfig: path.join(dir, 'docker-config'),
  };
  const longSock = path.join(dir, 'agent.sock');
  const authSock = longSock.length <= 100 ? longSock : path.join(L.shortDir, 'ssh-agent.sock');

  // A previous endpoint of this root (a crashed run's or not yet stopped) goes first.
  await withEngineLock(L.root, async () => {
    const st = readEngineState({ root: L.root });
    if (!st?.ssh) return;
    log(`stopping the previous ssh endpoint (sshd pid ${st.ssh.sshdPid}, started by pid ${st.ssh.ownerPid})`);
    await stopSshProcesses(st.ssh);
    delete st.ssh;
    writeEngineState(st);
  });

  for (const d of [dir, files.dockerConfig, path.dirname(authSock)]) fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // sshd's privilege separation directory
  ensureKey(files.hostKey, 'dx-test-host');
  ensureKey(files.clientKey, 'dx-test-client');
  fs.copyFileSync(`${files.clientKey}.pub`, files.authorizedKeys);
  fs.rmSync(authSock, { force: true });

  const port = await freePort();
  fs.writeFileSync(
    files.config,
    [
      `# Private sshd for Docker Explorer's tests (engine root ${L.root}).`,
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      'AddressFamily inet',
      `HostKey ${quote(files.hostKey)}`,
      `PidFile ${quote(files.pidFile)}`,
      `AuthorizedKeysFile ${quote(files.authorizedKeys)}`,
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'UseDNS no',
      'PrintMotd no',
      'PrintLastLog no',
      'X11Forwarding no',
      'PermitUserEnvironment no',
      // docker-modem opens one ssh connection per HTTP connection: allow many at once.
      'MaxStartups 200',
      'MaxSessions 200',
      'LogLevel INFO',
      // Every session sees the private engine and its own CLI config. SHLVL=1 makes bash count as a
      // nested shell, so it skips the ~/.bashrc it otherwise sources for ssh commands: root's here
      // runs `pyenv init` (0.5 s or more per connection, and docker-modem connects once per request).
      `SetEnv DOCKER_HOST=${quote(dockerHost)} DOCKER_CONFIG=${quote(files.dockerConfig)} PATH=${quote(REMOTE_PATH)} SHLVL=1`,
      '',
    ].join('\n'),
  );
  const check = spawnSync(SSHD, ['-t', '-f', files.config], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`sshd -t -f ${files.config}: ${(check.stderr || check.stdout).trim()}`);

  const rec = {
    sshHost: `ssh://root@127.0.0.1:${port}`,
    port,
    authSock,
    config: files.config,
    dir,
    sshdPid: 0,
    agentPid: 0,
    ownerPid: process.pid,
  };
  const record = () =>
    withEngineLock(L.root, async () => {
      // Without an engine state (engine not started by engine.mjs), a state holding only this record.
      const st = readEngineState({ root: L.root }) ?? { root: L.root };
      st.ssh = rec;
      writeEngineState(st);
    });
  try {
    // -D: no daemonising, so the pid is ours; -E: its log instead of syslog.
    rec.sshdPid = spawnDetached(SSHD, ['-D', '-f', files.config, '-E', files.sshdLog], files.sshdLog);
    rec.agentPid = spawnDetached('ssh-agent', ['-D', '-a', authSock], files.agentLog);
    await record(); // before waiting, so that a failure or a crash still leaves them stoppable
    await waitFor('ssh-agent', () => canConnect(authSock), { pid: rec.agentPid, logFile: files.agentLog, timeoutMs: 10000 });
    run('ssh-add', ['-q', files.clientKey], { env: { PATH: process.env.PATH, SSH_AUTH_SOCK: authSock } });
    await waitFor('sshd', () => sshBanner(port), { pid: rec.sshdPid, logFile: files.sshdLog, timeoutMs: 10000 });
  } catch (err) {
    await stopEndpoint(L.root, rec);
    throw err;
  }
  log(`ssh endpoint ${rec.sshHost} ready in ${Date.now() - t0} ms (sshd pid ${rec.sshdPid}, ssh-agent pid ${rec.agentPid})`);

  let stopped = null;
  return {
    sshHost: rec.sshHost,
    host: '127.0.0.1',
    port,
    username: 'root',
    authSock,
    identityFile: files.clientKey,
    pids: [rec.sshdPid, rec.agentPid],
    /** For the docker CLI or the extension: DOCKER_HOST plus the agent holding the key. */
    env: { DOCKER_HOST: rec.sshHost, SSH_AUTH_SOCK: authSock },
    /** new Docker(dockerodeOptions) */
    dockerodeOptions: { protocol: 'ssh', host: '127.0.0.1', port, username: 'root', sshOptions: { agent: authSock } },
    /** Stops sshd (and its sessions) and ssh-agent; safe to call more than once. */
    stop() {
      stopped ??= stopEndpoint(L.root, rec);
      return stopped;
    },
  };
}

async function stopEndpoint(root, rec) {
  await stopSshProcesses(rec);
  for (const pid of [rec.sshdPid, rec.agentPid]) if (isAlive(pid)) log(`pid ${pid} is still running`);
  await withEngineLock(root, async () => {
    const st = readEngineState({ root });
    if (st?.ssh?.sshdPid !== rec.sshdPid) return; // already replaced, or the engine stopped
    delete st.ssh;
    if (Object.keys(st).length === 1)
      fs.rmSync(engineLayout({ root }).stateFile, { force: true }); // only { root } left
    else writeEngineState(st);
  });
}
