// The Debian packages the engine needs, installed through apt when missing.
import fs from 'node:fs';
import { run } from '../processes.mjs';
import { log, PACKAGES } from './layout.mjs';

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
