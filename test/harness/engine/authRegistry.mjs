// The second test registry: basic auth through an htpasswd file (bcrypt, as the registry wants it),
// so push, log in, a 401 and the v2 listing with credentials are tested against the real thing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, isOurs, run, waitFor } from '../processes.mjs';
import { hostPort, request } from './http.mjs';
import { spawnEngineProcess } from './layout.mjs';
import { writeState } from './state.mjs';

export const AUTH_REGISTRY_USER = 'dx-tester';

/** Answers, and asks for credentials: 401 with a Basic challenge on /v2/. */
export async function authRegistryUp(addr) {
  return !!addr && (await request(hostPort(addr), '/v2/')).status === 401;
}

export async function ensureAuthRegistry(st) {
  if (isOurs(st.authRegistryPid, 'docker-registry', st.root) && (await authRegistryUp(st.authRegistry))) return;
  const addr = `127.0.0.1:${await freePort()}`;
  const config = path.join(st.root, 'auth-registry.yml');
  const logFile = path.join(st.root, 'auth-registry.log');
  const htpasswd = path.join(st.root, 'auth-registry.htpasswd');
  // A password of this engine's own, kept in its state file for the tests (never a fixed one).
  const password = st.authRegistryPassword ?? crypto.randomBytes(12).toString('hex');
  const line = run('htpasswd', ['-Bbn', AUTH_REGISTRY_USER, password]).stdout.trim();
  fs.writeFileSync(htpasswd, `${line}\n`, { mode: 0o600 });
  fs.writeFileSync(
    config,
    JSON.stringify(
      {
        version: '0.1',
        log: { level: 'warn' },
        storage: { filesystem: { rootdirectory: path.join(st.root, 'auth-registry') }, delete: { enabled: true } },
        auth: { htpasswd: { realm: 'dx-test', path: htpasswd } },
        http: { addr },
      },
      null,
      2,
    ),
  );
  const pid = spawnEngineProcess('docker-registry', ['serve', config], logFile);
  Object.assign(st, { authRegistry: addr, authRegistryPid: pid, authRegistryUser: AUTH_REGISTRY_USER, authRegistryPassword: password });
  writeState(st);
  await waitFor('docker-registry (basic auth)', () => authRegistryUp(addr), { pid, logFile });
}
