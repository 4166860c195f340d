import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { helperGet } from '../../src/docker/credentialHelper';
import { configuredRegistries, dockerConfigCredentials, engineAuthConfig } from '../../src/docker/credentials';
import { PushProgress, PushSummary, isAuthFailure } from '../../src/docker/pushProgress';
import { parseRegistryAddress, passwordProblem, RegistryAddressError, registryAddressProblem, userNameProblem } from '../../src/docker/registryAddress';
import { parseChallenge, RegistryClient, RegistryError } from '../../src/docker/registryClient';

describe('registry addresses and user names (docker login)', () => {
  it('refuses each bad registry address with a message', () => {
    const bad = [
      '',
      '   ',
      ' 127.0.0.1:5000',
      '127.0.0.1:5000 ',
      'reg istry.example.com',
      'registry.example.com\n',
      'registry\u0000.example.com',
      'registry.example.com\u001b[31m',
      'a'.repeat(256),
      '-registry.example.com',
      'registry-.example.com',
      'registry..example.com',
      'registry_example.com',
      'registry.example.com:',
      'registry.example.com:0',
      'registry.example.com:65536',
      'registry.example.com:99999',
      'registry.example.com:abc',
      'user:secret@registry.example.com',
      'https://user:secret@registry.example.com',
      'ftp://registry.example.com',
      'ssh://registry.example.com',
      'http://registry.example.com',
      'http://10.0.0.5:5000',
      'registry.example.com/team/app',
      'https://registry.example.com/v3/',
      'https://',
      '://registry.example.com',
      '[::1',
    ];
    for (const value of bad) {
      assert.throws(() => parseRegistryAddress(value), RegistryAddressError, JSON.stringify(value));
      assert.ok(registryAddressProblem(value), JSON.stringify(value));
    }
  });

  it('never echoes a password put in the address', () => {
    assert.doesNotMatch(registryAddressProblem('user:s3cr3t-pw@registry.example.com') ?? '', /s3cr3t-pw/);
  });

  it('reaches loopback over plain HTTP as docker allows, everything else over HTTPS, Docker Hub under its config key', () => {
    assert.deepEqual(parseRegistryAddress('127.0.0.1:5000'), {
      host: '127.0.0.1:5000',
      hub: false,
      apiBase: 'http://127.0.0.1:5000',
      configKey: '127.0.0.1:5000',
      loopback: true,
    });
    assert.equal(parseRegistryAddress('localhost:5000').apiBase, 'http://localhost:5000');
    assert.equal(parseRegistryAddress('[::1]:5000').apiBase, 'http://[::1]:5000');
    assert.equal(parseRegistryAddress('https://127.0.0.1:5000').apiBase, 'https://127.0.0.1:5000');
    assert.equal(parseRegistryAddress('ghcr.io').apiBase, 'https://ghcr.io');
    assert.equal(parseRegistryAddress('Registry.Example.com:443').host, 'registry.example.com:443');
    assert.equal(parseRegistryAddress('https://registry.example.com/').host, 'registry.example.com');
    for (const hub of ['docker.io', 'index.docker.io', 'https://index.docker.io/v1/', 'registry-1.docker.io']) {
      const address = parseRegistryAddress(hub);
      assert.equal(address.hub, true, hub);
      assert.equal(address.host, 'docker.io');
      assert.equal(address.configKey, 'https://index.docker.io/v1/');
    }
  });

  it('refuses each bad user name and password with a message, never quoting the password', () => {
    for (const value of ['', '   ', 'a b', ' alice', 'alice\t', 'al:ice', 'alice\n', 'ali\u0000ce', 'x'.repeat(256)]) {
      assert.ok(userNameProblem(value), JSON.stringify(value));
    }
    for (const value of ['alice', 'alice@example.com', 'robot$ci+bot', 'dx-tester', 'x'.repeat(255)]) {
      assert.equal(userNameProblem(value), undefined, value);
    }
    for (const value of ['', 'pass\nword', 'pass\rword', 'pa\u0000ss', 'p'.repeat(4097)]) {
      const problem = passwordProblem(value);
      assert.ok(problem, JSON.stringify(value));
      if (value) assert.ok(!problem.includes(value), 'the message does not quote it');
    }
    assert.equal(passwordProblem('pa ss:w@rd!'), undefined);
  });

  it('throws nothing but its own error on random input (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (value) => {
        try {
          const address = parseRegistryAddress(value);
          assert.match(address.apiBase, /^https?:\/\//);
          assert.ok(address.apiBase.startsWith('https://') || address.loopback, `plain HTTP off loopback: ${value}`);
        } catch (err) {
          assert.ok(err instanceof RegistryAddressError, String(err));
        }
        assert.equal(typeof (userNameProblem(value) ?? ''), 'string');
      }),
    );
  });
});

describe('credentials as the docker CLI finds them', () => {
  const local = parseRegistryAddress('127.0.0.1:5000');
  const hub = parseRegistryAddress('docker.io');
  let helperDir: string;
  let savedPath: string | undefined;

  before(() => {
    // A fake docker-credential-dxfake on PATH: the helper protocol (get, server URL on stdin).
    helperDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-helper-'));
    const script = [
      '#!/bin/sh',
      '[ "$1" = get ] || exit 2',
      'read -r url',
      'echo "$url" >> "$(dirname "$0")/asked"',
      'case "$url" in',
      '  127.0.0.1:5000) echo \'{"ServerURL":"127.0.0.1:5000","Username":"helper-user","Secret":"helper-secret"}\' ;;',
      '  https://index.docker.io/v1/) echo \'{"ServerURL":"x","Username":"<token>","Secret":"id-token"}\' ;;',
      '  *) echo "credentials not found in native keychain"; exit 1 ;;',
      'esac',
    ].join('\n');
    fs.writeFileSync(path.join(helperDir, 'docker-credential-dxfake'), `${script}\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(helperDir, 'docker-credential-dxbroken'), '#!/bin/sh\necho not json\n', { mode: 0o755 });
    savedPath = process.env.PATH;
    process.env.PATH = `${helperDir}${path.delimiter}${savedPath ?? ''}`;
  });

  after(() => {
    process.env.PATH = savedPath;
    fs.rmSync(helperDir, { recursive: true, force: true });
  });

  it('decodes an auths entry (base64 user:password, keys with or without a scheme)', async () => {
    const auth = Buffer.from('alice:pa:ss').toString('base64');
    assert.deepEqual(await dockerConfigCredentials(local, { auths: { '127.0.0.1:5000': { auth } } }), { username: 'alice', password: 'pa:ss' });
    assert.deepEqual(await dockerConfigCredentials(local, { auths: { 'http://127.0.0.1:5000': { auth } } }), { username: 'alice', password: 'pa:ss' });
    assert.deepEqual(await dockerConfigCredentials(hub, { auths: { 'https://index.docker.io/v1/': { auth } } }), { username: 'alice', password: 'pa:ss' });
    assert.equal(await dockerConfigCredentials(local, { auths: { 'ghcr.io': { auth } } }), undefined);
    assert.equal(await dockerConfigCredentials(local, {}), undefined);
  });

  it('asks a credHelpers entry, then credsStore, through the helper protocol', async () => {
    fs.rmSync(path.join(helperDir, 'asked'), { force: true });
    assert.deepEqual(await dockerConfigCredentials(local, { credHelpers: { '127.0.0.1:5000': 'dxfake' } }), { username: 'helper-user', password: 'helper-secret' });
    assert.deepEqual(await dockerConfigCredentials(hub, { credsStore: 'dxfake' }), { username: '', password: '', identityToken: 'id-token' });
    assert.equal(await dockerConfigCredentials(parseRegistryAddress('ghcr.io'), { credsStore: 'dxfake' }), undefined, 'not found is no credentials');
    assert.deepEqual(fs.readFileSync(path.join(helperDir, 'asked'), 'utf8').trim().split('\n'), ['127.0.0.1:5000', 'https://index.docker.io/v1/', 'ghcr.io']);
  });

  it('says when a helper is missing or answers nonsense, and never runs a name that is not one', async () => {
    await assert.rejects(helperGet('dxmissing', 'x'), /docker-credential-dxmissing is not on PATH/);
    await assert.rejects(helperGet('dxbroken', 'x'), /other than its JSON/);
    for (const name of ['../evil', 'a b', 'x;rm', '', '/bin/sh']) {
      await assert.rejects(helperGet(name, 'x'), /not a credential helper name/, name);
    }
  });

  it('lists the registries the docker config names', () => {
    const hosts = configuredRegistries({ auths: { 'https://index.docker.io/v1/': {}, '127.0.0.1:5000': {}, 'not a host': {} }, credHelpers: { 'ghcr.io': 'x' } }).map(
      (a) => a.host,
    );
    assert.deepEqual(hosts, ['docker.io', '127.0.0.1:5000', 'ghcr.io']);
  });

  it('builds the engine X-Registry-Auth document', () => {
    assert.deepEqual(engineAuthConfig(local, undefined), {});
    assert.deepEqual(engineAuthConfig(local, { username: 'u', password: 'p' }), { username: 'u', password: 'p', serveraddress: '127.0.0.1:5000' });
    assert.deepEqual(engineAuthConfig(hub, { username: '', password: '', identityToken: 't' }), { identitytoken: 't', serveraddress: 'https://index.docker.io/v1/' });
  });
});

describe('the push stream added up', () => {
  it('counts layers, bytes, the digest and the error as docker push prints them', () => {
    const p = new PushProgress();
    p.add({ status: 'The push refers to repository [127.0.0.1:5000/a]' });
    p.add({ status: 'Preparing', id: 'l1' });
    p.add({ status: 'Preparing', id: 'l2' });
    p.add({ status: 'Pushing', id: 'l1', progressDetail: { current: 512, total: 2048 } });
    p.add({ status: 'Layer already exists', id: 'l2' });
    assert.deepEqual(p.summary, { current: 512, total: 2048, layers: 2, layersDone: 1, digest: undefined, error: undefined });
    p.add({ status: 'Pushed', id: 'l1' });
    p.add({ status: `1.0: digest: sha256:${'a'.repeat(64)} size: 527` });
    p.add({ aux: { Tag: '1.0', Digest: `sha256:${'b'.repeat(64)}`, Size: 527 } });
    assert.deepEqual(p.summary, { current: 2048, total: 2048, layers: 2, layersDone: 2, digest: `sha256:${'b'.repeat(64)}`, error: undefined });
    p.add({ errorDetail: { message: 'unauthorized: authentication required' }, error: 'unauthorized: authentication required' });
    const last: PushSummary = p.summary;
    assert.equal(last.error, 'unauthorized: authentication required');
    assert.ok(isAuthFailure(last.error ?? ''));
    assert.ok(!isAuthFailure('connection refused'));
  });
});

describe('the registry HTTP API v2', () => {
  let server: http.Server;
  let port = 0;
  const seen: string[] = [];

  before(async () => {
    // Bearer flow: /v2/ answers 401 with a challenge naming our token endpoint; the token is given for basic alice:pw.
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      seen.push(`${req.method} ${url.pathname}${url.search} ${req.headers.authorization ?? '-'}`);
      if (url.pathname === '/token') {
        const ok = req.headers.authorization === `Basic ${Buffer.from('alice:pw').toString('base64')}`;
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(ok ? JSON.stringify({ token: `tok-${url.searchParams.get('scope')}` }) : '{}');
        return;
      }
      if (!req.headers.authorization?.startsWith('Bearer tok-')) {
        res.writeHead(401, { 'www-authenticate': `Bearer realm="http://127.0.0.1:${port}/token",service="fake",scope="x"` }).end();
        return;
      }
      if (url.pathname === '/v2/_catalog') {
        if (!url.searchParams.get('last')) {
          res.writeHead(200, { link: '</v2/_catalog?n=2&last=b>; rel="next"' }).end(JSON.stringify({ repositories: ['a', 'b'] }));
        } else {
          res.writeHead(200).end(JSON.stringify({ repositories: ['team/c'] }));
        }
        return;
      }
      if (url.pathname === '/v2/team/c/tags/list') {
        res.writeHead(200).end(JSON.stringify({ name: 'team/c', tags: ['1.0', 'latest'] }));
        return;
      }
      res.writeHead(url.pathname === '/v2/' ? 200 : 404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  after(() => server.close());

  it('parses challenges', () => {
    assert.deepEqual(parseChallenge('Basic realm="Registry Realm"'), { scheme: 'basic', params: { realm: 'Registry Realm' } });
    assert.deepEqual(parseChallenge('Bearer realm="https://auth.example/token",service="reg",scope="repository:a/b:pull,push"'), {
      scheme: 'bearer',
      params: { realm: 'https://auth.example/token', service: 'reg', scope: 'repository:a/b:pull,push' },
    });
    assert.equal(parseChallenge(undefined), undefined);
  });

  it('lists every catalog page and a repository tags through a bearer token', async () => {
    const client = new RegistryClient(parseRegistryAddress(`127.0.0.1:${port}`), { username: 'alice', password: 'pw' });
    assert.deepEqual(await client.repositories(), ['a', 'b', 'team/c']);
    assert.deepEqual(await client.tags('team/c'), ['1.0', 'latest']);
    assert.ok(seen.some((s) => s.startsWith('GET /token?service=fake&scope=registry%3Acatalog%3A*')));
  });

  it('says unauthorized when the token service refuses, or there are no credentials', async () => {
    await assert.rejects(
      new RegistryClient(parseRegistryAddress(`127.0.0.1:${port}`), { username: 'alice', password: 'wrong' }).check(),
      (err: RegistryError) => err.code === 'unauthorized',
    );
    await assert.rejects(
      new RegistryClient(parseRegistryAddress(`127.0.0.1:${port}`)).repositories(),
      (err: RegistryError) => err.code === 'unauthorized' && /log in/.test(err.message),
    );
  });

  it('never sends credentials to a token service over plain HTTP off loopback', async () => {
    const plain = http.createServer((_req, res) => res.writeHead(401, { 'www-authenticate': 'Bearer realm="http://203.0.113.9/token"' }).end());
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    try {
      const client = new RegistryClient(parseRegistryAddress(`127.0.0.1:${(plain.address() as AddressInfo).port}`), { username: 'alice', password: 'pw' });
      await assert.rejects(client.check(), (err: RegistryError) => err.code === 'refused');
    } finally {
      plain.close();
    }
  });
});
