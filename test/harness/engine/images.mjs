// The test image (busybox alone, imported: no network needed), the open registry holding another,
// and the registry with basic auth beside it (authRegistry.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, isOurs, run, waitFor } from '../processes.mjs';
import { ensureAuthRegistry } from './authRegistry.mjs';
import { hostPort, registryUp, request } from './http.mjs';
import { docker, REGISTRY_REPO, REGISTRY_TAG, spawnEngineProcess, TEST_IMAGE } from './layout.mjs';
import { writeState } from './state.mjs';

// Busybox alone, one symlink per applet: about 2 MB, and no network needed to get it.
function importRootfs(st, tag, extraFiles = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-rootfs-'));
  const tarball = `${dir}.tar`;
  try {
    for (const sub of ['bin', 'etc', 'root', 'tmp']) fs.mkdirSync(path.join(dir, sub));
    fs.chmodSync(path.join(dir, 'tmp'), 0o1777);
    fs.copyFileSync('/bin/busybox', path.join(dir, 'bin', 'busybox'));
    fs.chmodSync(path.join(dir, 'bin', 'busybox'), 0o755);
    const applets = run('/bin/busybox', ['--list'])
      .stdout.split('\n')
      .filter((a) => a && a !== 'busybox');
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

export async function ensureTestImage(st) {
  const present = (await request({ socketPath: st.socketPath }, `/images/${TEST_IMAGE}/json`)).status === 200;
  if (!present) importRootfs(st, TEST_IMAGE);
}

/** Both test registries: the open one (with the pull test's image) and the one with basic auth. */
export async function ensureRegistry(st) {
  await ensureOpenRegistry(st);
  await ensureAuthRegistry(st);
}

async function ensureOpenRegistry(st) {
  if (isOurs(st.registryPid, 'docker-registry', st.root) && (await registryUp(st.registry))) return;
  const addr = `127.0.0.1:${await freePort()}`;
  const config = path.join(st.root, 'registry.yml');
  const logFile = path.join(st.root, 'registry.log');
  // JSON is valid YAML. No auth section: Debian's packaged config turns on htpasswd.
  fs.writeFileSync(
    config,
    JSON.stringify(
      {
        version: '0.1',
        log: { level: 'warn' },
        storage: { filesystem: { rootdirectory: path.join(st.root, 'registry') }, delete: { enabled: true } },
        http: { addr },
      },
      null,
      2,
    ),
  );
  const pid = spawnEngineProcess('docker-registry', ['serve', config], logFile);
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
