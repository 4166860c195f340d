// The engine's state file (pids, hosts, registry), its status, and stopping the ssh endpoint
// that endpoints.mjs records in it.
import fs from 'node:fs';
import path from 'node:path';
import { descendants, isOurs, runsWith } from '../processes.mjs';
import { ping, registryUp, tlsPing } from './http.mjs';
import { layout, stopProcess } from './layout.mjs';

/** Stops an ssh endpoint recorded by endpoints.mjs: its sshd (with its sessions) and its ssh-agent. */
export async function stopSshProcesses(rec) {
  if (!rec) return;
  if (runsWith(rec.sshdPid, ['sshd', rec.config])) {
    const sessions = descendants(rec.sshdPid); // per-connection sshd and the far side's `docker system dial-stdio`
    await stopProcess(rec.sshdPid, 5000);
    await Promise.all(sessions.map((pid) => stopProcess(pid, 2000)));
  }
  if (runsWith(rec.agentPid, ['ssh-agent', rec.authSock])) await stopProcess(rec.agentPid, 5000);
  if (rec.authSock) fs.rmSync(rec.authSock, { force: true });
}

export const readState = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};
export const writeState = (st) => fs.writeFileSync(path.join(st.root, 'state.json'), `${JSON.stringify(st, null, 2)}\n`);

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
