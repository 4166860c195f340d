// Process utilities shared by the harness (engine, VS Code runner) and the benchmark: running a
// command, starting one detached, finding, waiting for and stopping processes through /proc, and
// free loopback ports. Only Node built-ins.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A log function writing `[name] message` lines to stderr. */
export const stderrLog = (name) => (msg) => process.stderr.write(`[${name}] ${msg}\n`);

/** Runs a command to its end; throws on a non-zero exit unless allowFail. */
export function run(cmd, args, { env, allowFail = false, inherit = false } = {}) {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', stdio: inherit ? ['ignore', 2, 2] : 'pipe', maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0 && !allowFail) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${(r.stderr ?? '').trim()}`);
  return r;
}

/** Runs a command without blocking; resolves to its output (stdout and stderr), logs the last lines when it fails. */
export function runAsync(cmd, args, { env = process.env, cwd, log, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (d) => {
      out += d;
      if (out.length > 200_000) out = out.slice(-100_000);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(out);
      if (!quiet) log?.(`command failed: ${cmd} ${args.join(' ')}\n${out.split('\n').slice(-40).join('\n')}`);
      reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}`));
    });
  });
}

/** Starts a command in its own session with its output appended to logFile; returns its pid. */
export function spawnDetached(cmd, args, logFile, env = process.env) {
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd], env });
  fs.closeSync(fd);
  child.on('error', () => {}); // reported below through the missing pid
  child.unref();
  if (!child.pid) throw new Error(`could not start ${cmd}`);
  return child.pid;
}

/** /proc/PID/stat -> { pid, state, ppid, pgrp } or null when gone. */
export function procStat(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid: Number(pid), state: rest[0], ppid: Number(rest[1]), pgrp: Number(rest[2]) };
  } catch {
    return null;
  }
}

/** Alive = a /proc entry that is not a zombie: PID 1 here reaps late and `kill -0` succeeds on zombies. */
export function isAlive(pid) {
  const s = pid > 0 && procStat(pid);
  return !!s && s.state !== 'Z' && s.state !== 'X';
}

export function cmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

export function allPids() {
  try {
    return fs
      .readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
  } catch {
    return [];
  }
}

/** A recorded pid is ours only if it still runs our program with our paths (pids get reused). */
export function isOurs(pid, program, marker) {
  const argv = cmdline(pid);
  return isAlive(pid) && path.basename(argv[0] ?? '') === program && argv.some((arg) => arg.includes(marker));
}

/** For programs that rewrite their command line (sshd's "sshd: /usr/sbin/sshd -D -f CONFIG [listener] ..."):
 *  ours if alive and the whole command line still names every marker. */
export function runsWith(pid, markers) {
  const line = cmdline(pid).join(' ');
  return isAlive(pid) && markers.every((marker) => line.includes(marker));
}

export const allProcs = () => allPids().map(procStat).filter(Boolean);

/** Every descendant of pid, children before their own children. */
export function descendants(pid) {
  const kids = allPids().filter((p) => procStat(p)?.ppid === pid);
  return kids.flatMap((kid) => [kid, ...descendants(kid)]);
}

/** SIGTERM, then SIGKILL after timeoutMs; returns once the process is gone (or 5 s after SIGKILL). */
export async function terminate(pid, timeoutMs, log = stderrLog('harness')) {
  if (!isAlive(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (const deadline = Date.now() + timeoutMs; isAlive(pid) && Date.now() < deadline;) await sleep(100);
  if (!isAlive(pid)) return;
  log(`pid ${pid} outlived SIGTERM by ${timeoutMs} ms; sending SIGKILL`);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  for (const deadline = Date.now() + 5000; isAlive(pid) && Date.now() < deadline;) await sleep(50);
}

/** Living processes in group `pid` plus living descendants of `pid` (shells started by
 *  node-pty call setsid, so they leave the group but stay in the process tree). */
function processFamily(pid) {
  const procs = allProcs().filter((p) => p.state !== 'Z' && p.state !== 'X');
  const found = new Set();
  for (const p of procs) if (p.pgrp === pid || p.pid === pid) found.add(p.pid);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  return [...found];
}

function signalFamily(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* group gone */
  }
  for (const p of processFamily(pid)) {
    try {
      process.kill(p, signal);
    } catch {
      /* gone */
    }
  }
}

async function waitGone(pid, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (processFamily(pid).length === 0) return true;
    await sleep(100);
  }
  return processFamily(pid).length === 0;
}

/** SIGTERM the process group (and stray descendants) of `pid`, SIGKILL after `graceMs`,
 *  then wait until none of them is alive. */
export async function killProcessTree(pid, graceMs = 4000) {
  if (!pid) return 'none';
  if (processFamily(pid).length === 0) return 'none';
  signalFamily(pid, 'SIGTERM');
  if (await waitGone(pid, graceMs)) return 'SIGTERM';
  signalFamily(pid, 'SIGKILL');
  if (!(await waitGone(pid, 5000))) {
    throw new Error(`processes of group ${pid} still alive after SIGKILL: ${processFamily(pid).join(' ')}`);
  }
  return 'SIGKILL';
}

export function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Polls ready() every 100 ms while pid lives; throws with the log's last lines when it exits or time runs out. */
export async function waitFor(what, ready, { pid, logFile, timeoutMs = 30000 }) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline && isAlive(pid);) {
    if (await ready()) return;
    await sleep(100);
  }
  const why = isAlive(pid) ? `not ready after ${timeoutMs} ms` : `exited (pid ${pid})`;
  throw new Error(`${what} ${why}; last lines of ${logFile}:\n${tail(logFile)}`);
}

/** Port 0 picks a free one; a given port resolves to itself if free, else to null. */
export function freePort(wanted = 0) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', (err) => (wanted && err.code === 'EADDRINUSE' ? resolve(null) : reject(err)));
    server.listen(wanted, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
