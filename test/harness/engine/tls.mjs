// The engine's mutual-TLS endpoint: a CA, a server and a client certificate, and a kept port.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, run } from '../processes.mjs';
import { log } from './layout.mjs';

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

export function tlsFiles(L) {
  const client = path.join(L.tlsDir, 'client');
  return {
    ca: path.join(L.tlsDir, 'ca.pem'),
    cert: path.join(L.tlsDir, 'server-cert.pem'),
    key: path.join(L.tlsDir, 'server-key.pem'),
    clientDir: client,
    clientCa: path.join(client, 'ca.pem'),
    clientCert: path.join(client, 'cert.pem'),
    clientKey: path.join(client, 'key.pem'),
  };
}

// Generated once per root and kept; regenerated only if a file is missing or no longer verifies (or expires within a day).
export function ensureTls(L) {
  const f = tlsFiles(L);
  const valid = () =>
    Object.values(f).every((file) => fs.existsSync(file)) &&
    fs.readFileSync(f.ca, 'utf8') === fs.readFileSync(f.clientCa, 'utf8') &&
    run('openssl', ['verify', '-CAfile', f.ca, '-purpose', 'sslserver', f.cert], { allowFail: true }).status === 0 &&
    run('openssl', ['verify', '-CAfile', f.ca, '-purpose', 'sslclient', f.clientCert], { allowFail: true }).status === 0 &&
    [f.ca, f.cert, f.clientCert].every((cert) => run('openssl', ['x509', '-checkend', '86400', '-noout', '-in', cert], { allowFail: true }).status === 0);
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
  openssl(
    'req',
    '-config',
    cnf,
    '-x509',
    '-new',
    ...NEWKEY,
    '-nodes',
    '-sha256',
    '-days',
    '3650',
    '-subj',
    '/CN=dx-test CA',
    '-extensions',
    'ca_ext',
    '-keyout',
    t('ca-key.pem'),
    '-out',
    t('ca.pem'),
  );
  const issue = (cn, keyOut, certOut, ext) => {
    const csr = `${certOut}.csr`;
    openssl('req', '-config', cnf, '-new', ...NEWKEY, '-nodes', '-subj', `/CN=${cn}`, '-keyout', keyOut, '-out', csr);
    openssl(
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      t('ca.pem'),
      '-CAkey',
      t('ca-key.pem'),
      '-set_serial',
      serial(),
      '-days',
      '3650',
      '-sha256',
      '-extfile',
      cnf,
      '-extensions',
      ext,
      '-out',
      certOut,
    );
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
export async function tlsPort(L) {
  const file = path.join(L.tlsDir, 'port');
  const saved = Number(fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : NaN);
  if (saved > 0 && (await freePort(saved))) return saved;
  const port = await freePort();
  if (saved > 0) log(`TLS port ${saved} is taken; using ${port}`);
  fs.writeFileSync(file, `${port}\n`);
  return port;
}
