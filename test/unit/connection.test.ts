import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Docker from 'dockerode';
import { ConnectionConfigError, dockerodeOptions, EngineEndpoint, parseHost, ResolveInput, resolveEndpoint } from '../../src/docker/connection';

// Compiled tests run from out/test/unit; the fixtures stay in the source tree.
const fixtures = path.resolve(__dirname, '../../../test/unit/fixtures/docker-config');
const home = path.join(fixtures, 'home');
const noHome = path.join(fixtures, 'no-such-home');

function readFixture(p: string): string | undefined {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

function input(overrides: Partial<ResolveInput> = {}): ResolveInput {
  return { env: {}, homedir: home, platform: 'linux', readFile: readFixture, exists: () => false, ...overrides };
}

function pem(kind: string, label: string): string {
  return `-----BEGIN ${kind}-----\n${label}\n-----END ${kind}-----\n`;
}

/** Asserts a ConnectionConfigError whose message matches every pattern. */
function throwsConfig(fn: () => unknown, ...patterns: RegExp[]): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ConnectionConfigError, `expected ConnectionConfigError, got ${String(err)}`);
    for (const pattern of patterns) {
      assert.match(err.message, pattern);
    }
    return true;
  });
}

describe('connection: which engine to talk to', () => {
  describe('precedence', () => {
    it('the setting wins over DOCKER_HOST and the current context', () => {
      const ep = resolveEndpoint(input({ setting: 'tcp://setting.example.com:2375', env: { DOCKER_HOST: 'unix:///env.sock', DOCKER_CONTEXT: 'build-box' } }));
      assert.equal(ep.host, 'tcp://setting.example.com:2375');
      assert.equal(ep.source, 'setting');
      assert.equal(ep.description, 'tcp://setting.example.com:2375 (from settings)');
    });

    it('a blank setting is ignored and DOCKER_HOST is used', () => {
      const ep = resolveEndpoint(input({ setting: '   ', env: { DOCKER_HOST: 'unix:///var/run/docker.sock' } }));
      assert.equal(ep.source, 'DOCKER_HOST');
      assert.equal(ep.description, 'unix:///var/run/docker.sock (from DOCKER_HOST)');
    });

    it('DOCKER_HOST wins over DOCKER_CONTEXT and currentContext, as in the CLI', () => {
      const ep = resolveEndpoint(input({ env: { DOCKER_HOST: 'ssh://me@box', DOCKER_CONTEXT: 'remote-tls' } }));
      assert.equal(ep.host, 'ssh://me@box:22');
      assert.equal(ep.source, 'DOCKER_HOST');
      assert.equal(ep.contextName, undefined);
    });

    it('an empty DOCKER_HOST counts as unset', () => {
      const ep = resolveEndpoint(input({ env: { DOCKER_HOST: '' } }));
      assert.equal(ep.source, 'context');
      assert.equal(ep.contextName, 'remote-tls');
    });

    it('DOCKER_CONTEXT wins over currentContext in config.json', () => {
      const ep = resolveEndpoint(input({ env: { DOCKER_CONTEXT: 'build-box' } }));
      assert.equal(ep.contextName, 'build-box');
    });

    it('currentContext in ~/.docker/config.json is used when nothing else is set', () => {
      const ep = resolveEndpoint(input());
      assert.equal(ep.source, 'context');
      assert.equal(ep.contextName, 'remote-tls');
      assert.equal(ep.host, 'tcp://10.0.0.5:2376');
      assert.equal(ep.description, 'tcp://10.0.0.5:2376 (from context "remote-tls")');
    });

    it('DOCKER_CONFIG replaces ~/.docker for config.json and the context store', () => {
      const ep = resolveEndpoint(input({ env: { DOCKER_CONFIG: path.join(fixtures, 'override') } }));
      assert.equal(ep.contextName, 'staging');
      assert.equal(ep.host, 'tcp://staging.example.com:2375');
      assert.equal(ep.tls, undefined);
    });

    it('DOCKER_CONTEXT is looked up in the DOCKER_CONFIG store, not ~/.docker', () => {
      throwsConfig(() => resolveEndpoint(input({ env: { DOCKER_CONFIG: path.join(fixtures, 'override'), DOCKER_CONTEXT: 'build-box' } })), /"build-box"/, /not found/);
    });
  });

  describe('the default engine', () => {
    it('the context named "default" means the platform default', () => {
      const ep = resolveEndpoint(input({ env: { DOCKER_CONTEXT: 'default' } }));
      assert.deepEqual(ep, { host: 'unix:///var/run/docker.sock', source: 'default', description: 'unix:///var/run/docker.sock (default)' });
    });

    it('currentContext "default" in config.json means the platform default', () => {
      const ep = resolveEndpoint(input({ env: { DOCKER_CONFIG: path.join(fixtures, 'default-context') } }));
      assert.equal(ep.source, 'default');
    });

    it('no config.json at all means the platform default', () => {
      assert.equal(resolveEndpoint(input({ homedir: noHome })).host, 'unix:///var/run/docker.sock');
    });

    it('a config.json that is not JSON is skipped, as the CLI only warns about it', () => {
      const ep = resolveEndpoint(input({ env: { DOCKER_CONFIG: path.join(fixtures, 'broken-config') } }));
      assert.equal(ep.source, 'default');
    });

    it('on linux and macOS the per-user Docker Desktop socket is preferred when it exists', () => {
      for (const platform of ['linux', 'darwin'] as const) {
        const seen: string[] = [];
        const ep = resolveEndpoint(input({ homedir: '/home/dev', platform, readFile: () => undefined, exists: (p) => (seen.push(p), true) }));
        assert.equal(ep.host, 'unix:///home/dev/.docker/run/docker.sock');
        assert.deepEqual(seen, ['/home/dev/.docker/run/docker.sock']);
      }
    });

    it('without the per-user socket, or without an exists check, it is /var/run/docker.sock', () => {
      assert.equal(resolveEndpoint(input({ homedir: noHome, exists: () => false })).host, 'unix:///var/run/docker.sock');
      assert.equal(resolveEndpoint(input({ homedir: noHome, exists: undefined })).host, 'unix:///var/run/docker.sock');
    });

    it('on Windows it is the docker_engine named pipe, and ~\\.docker is read with Windows paths', () => {
      const read: string[] = [];
      const ep = resolveEndpoint({ env: {}, homedir: 'C:\\Users\\dev', platform: 'win32', readFile: (p) => (read.push(p), undefined), exists: () => true });
      assert.equal(ep.host, 'npipe:////./pipe/docker_engine');
      assert.equal(ep.source, 'default');
      assert.deepEqual(read, ['C:\\Users\\dev\\.docker\\config.json']);
    });
  });

  describe('contexts', () => {
    it('a tcp context loads its ca, cert and key from the context TLS store and verifies', () => {
      const ep = resolveEndpoint(input({ env: { DOCKER_CONTEXT: 'remote-tls' } }));
      assert.deepEqual(ep.tls, {
        ca: pem('CERTIFICATE', 'context-ca'),
        cert: pem('CERTIFICATE', 'context-cert'),
        key: pem('PRIVATE KEY', 'context-key'),
        verify: true,
      });
    });

    it('context TLS does not come from DOCKER_CERT_PATH or DOCKER_TLS_VERIFY', () => {
      const ep = resolveEndpoint(input({ env: { DOCKER_CONTEXT: 'plain-tcp', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: path.join(fixtures, 'certs') } }));
      assert.equal(ep.tls, undefined);
      assert.equal(ep.host, 'tcp://lab.example.com:2375');
    });

    it('an ssh context keeps its user and gets the default ssh port', () => {
      const ep = resolveEndpoint(input({ env: { DOCKER_CONTEXT: 'build-box' } }));
      assert.equal(ep.host, 'ssh://deploy@build.example.com:22');
      assert.equal(ep.tls, undefined);
    });

    it('SkipTLSVerify without stored material still means TLS, unverified', () => {
      const ep = resolveEndpoint(input({ env: { DOCKER_CONTEXT: 'insecure' } }));
      assert.deepEqual(ep.tls, { ca: undefined, cert: undefined, key: undefined, verify: false });
    });

    it('a socket context ignores stored TLS material', () => {
      const ep = resolveEndpoint(input({ env: { DOCKER_CONTEXT: 'colima' } }));
      assert.equal(ep.host, 'unix:///home/dev/.colima/default/docker.sock');
      assert.equal(ep.tls, undefined);
    });

    it('a missing context says which one, who asked for it, and how to list contexts', () => {
      throwsConfig(() => resolveEndpoint(input({ env: { DOCKER_CONTEXT: 'nope' } })), /"nope"/, /DOCKER_CONTEXT/, /meta\.json is missing/, /docker context ls/);
      throwsConfig(() => resolveEndpoint(input({ env: { DOCKER_CONFIG: path.join(fixtures, 'missing-context') } })), /"gone"/, /currentContext/, /config\.json/);
    });

    it('a context meta.json that is not JSON is reported as damaged', () => {
      throwsConfig(() => resolveEndpoint(input({ env: { DOCKER_CONTEXT: 'damaged' } })), /"damaged"/, /not valid JSON/);
    });

    it('a context without a docker endpoint is reported', () => {
      throwsConfig(() => resolveEndpoint(input({ env: { DOCKER_CONTEXT: 'no-endpoint' } })), /"no-endpoint"/, /no Docker endpoint/);
    });

    it('a bad host in a context names the context', () => {
      throwsConfig(() => resolveEndpoint(input({ env: { DOCKER_CONTEXT: 'bad-host' } })), /invalid port "99999"/, /from context "bad-host"/);
    });

    it('a client certificate without its key is refused', () => {
      throwsConfig(() => resolveEndpoint(input({ env: { DOCKER_CONTEXT: 'cert-without-key' } })), /key\.pem can't be read/, /cert-without-key/);
    });
  });

  describe('DOCKER_HOST and the setting with TLS variables', () => {
    it('DOCKER_TLS_VERIFY loads ca, cert and key from DOCKER_CERT_PATH and defaults the port to 2376', () => {
      const ep = resolveEndpoint(input({ env: { DOCKER_HOST: 'tcp://10.1.1.1', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: path.join(fixtures, 'certs') } }));
      assert.equal(ep.host, 'tcp://10.1.1.1:2376');
      assert.deepEqual(ep.tls, { ca: pem('CERTIFICATE', 'certs-ca'), cert: pem('CERTIFICATE', 'certs-cert'), key: pem('PRIVATE KEY', 'certs-key'), verify: true });
    });

    it('without DOCKER_CERT_PATH the certificates come from ~/.docker', () => {
      const ep = resolveEndpoint(input({ env: { DOCKER_HOST: 'tcp://10.1.1.1:2376', DOCKER_TLS_VERIFY: '1' } }));
      assert.equal(ep.tls?.ca, pem('CERTIFICATE', 'home-ca.pem'));
    });

    it('without DOCKER_CERT_PATH but with DOCKER_CONFIG the certificates come from DOCKER_CONFIG, as in the CLI', () => {
      const ep = resolveEndpoint(input({ env: { DOCKER_HOST: 'tcp://10.1.1.1:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CONFIG: path.join(fixtures, 'override') } }));
      assert.equal(ep.tls?.key, pem('PRIVATE KEY', 'override-key.pem'));
    });

    it('DOCKER_CERT_PATH alone means TLS without verification', () => {
      const ep = resolveEndpoint(input({ env: { DOCKER_HOST: 'tcp://10.1.1.1', DOCKER_CERT_PATH: path.join(fixtures, 'certs') } }));
      assert.equal(ep.host, 'tcp://10.1.1.1:2376');
      assert.equal(ep.tls?.verify, false);
      assert.equal(ep.tls?.cert, pem('CERTIFICATE', 'certs-cert'));
    });

    it('DOCKER_TLS alone means TLS without verification, as in the CLI', () => {
      const ep = resolveEndpoint(input({ homedir: noHome, env: { DOCKER_HOST: 'tcp://10.1.1.1:2376', DOCKER_TLS: '1' } }));
      assert.deepEqual(ep.tls, { ca: undefined, cert: undefined, key: undefined, verify: false });
    });

    it('an empty DOCKER_TLS_VERIFY does not turn TLS on', () => {
      const ep = resolveEndpoint(input({ env: { DOCKER_HOST: 'tcp://10.1.1.1', DOCKER_TLS_VERIFY: '' } }));
      assert.equal(ep.tls, undefined);
      assert.equal(ep.host, 'tcp://10.1.1.1:2375');
    });

    it('the setting uses the same TLS variables as DOCKER_HOST', () => {
      const ep = resolveEndpoint(input({ setting: 'tcp://10.1.1.1', env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: path.join(fixtures, 'certs') } }));
      assert.equal(ep.source, 'setting');
      assert.equal(ep.tls?.verify, true);
    });

    it('TLS variables do not apply to sockets or ssh', () => {
      const env = { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: path.join(fixtures, 'certs') };
      assert.equal(resolveEndpoint(input({ env: { ...env, DOCKER_HOST: 'unix:///var/run/docker.sock' } })).tls, undefined);
      assert.equal(resolveEndpoint(input({ env: { ...env, DOCKER_HOST: 'ssh://me@box' } })).tls, undefined);
    });

    it('verification without a readable ca.pem says which file and what to do', () => {
      throwsConfig(
        () => resolveEndpoint(input({ env: { DOCKER_HOST: 'tcp://10.1.1.1', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: path.join(fixtures, 'certs-no-ca') } })),
        /DOCKER_TLS_VERIFY is set/,
        /certs-no-ca[\\/]ca\.pem can't be read/,
        /DOCKER_CERT_PATH/,
      );
    });

    it('a key without its certificate is refused', () => {
      throwsConfig(
        () => resolveEndpoint(input({ env: { DOCKER_HOST: 'tcp://10.1.1.1', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: path.join(fixtures, 'certs-key-only') } })),
        /cert\.pem can't be read/,
      );
    });

    it('a bad host says where it came from', () => {
      throwsConfig(() => resolveEndpoint(input({ env: { DOCKER_HOST: 'fd://' } })), /fd:\/\//, /\(from DOCKER_HOST\)$/);
      throwsConfig(() => resolveEndpoint(input({ setting: 'tcp://h:0' })), /invalid port "0"/, /\(from settings\)$/);
    });
  });

  describe('parseHost accepts and normalizes', () => {
    const good: Array<[string, string, object]> = [
      ['unix:///var/run/docker.sock', 'unix:///var/run/docker.sock', { scheme: 'unix', path: '/var/run/docker.sock' }],
      ['unix://', 'unix:///var/run/docker.sock', { scheme: 'unix', path: '/var/run/docker.sock' }],
      ['  unix:///tmp/d.sock\n', 'unix:///tmp/d.sock', { path: '/tmp/d.sock' }],
      ['/run/user/1000/docker.sock', 'unix:///run/user/1000/docker.sock', { scheme: 'unix' }],
      ['unix:///Users/Jane Doe/.docker/run/docker.sock', 'unix:///Users/Jane Doe/.docker/run/docker.sock', { scheme: 'unix' }],
      ['npipe:////./pipe/docker_engine', 'npipe:////./pipe/docker_engine', { scheme: 'npipe', path: '//./pipe/docker_engine' }],
      ['npipe://', 'npipe:////./pipe/docker_engine', { path: '//./pipe/docker_engine' }],
      ['tcp://1.2.3.4:2376', 'tcp://1.2.3.4:2376', { scheme: 'tcp', host: '1.2.3.4', port: 2376 }],
      ['tcp://docker.example.com', 'tcp://docker.example.com:2375', { host: 'docker.example.com', port: 2375 }],
      ['tcp://docker.example.com:', 'tcp://docker.example.com:2375', { port: 2375 }],
      ['tcp://docker.example.com:2375/', 'tcp://docker.example.com:2375', { port: 2375 }],
      ['TCP://Docker.Example.com:1', 'tcp://Docker.Example.com:1', { port: 1 }],
      ['tcp://:2376', 'tcp://localhost:2376', { host: 'localhost' }],
      ['tcp://[::1]:2375', 'tcp://[::1]:2375', { host: '::1', port: 2375 }],
      ['tcp://[fe80::1%eth0]', 'tcp://[fe80::1%eth0]:2375', { host: 'fe80::1%eth0' }],
      ['localhost:65535', 'tcp://localhost:65535', { scheme: 'tcp', port: 65535 }],
      ['docker-host', 'tcp://docker-host:2375', { scheme: 'tcp', host: 'docker-host' }],
      ['ssh://deploy@build.example.com', 'ssh://deploy@build.example.com:22', { scheme: 'ssh', user: 'deploy', host: 'build.example.com', port: 22 }],
      ['ssh://build.example.com:2222', 'ssh://build.example.com:2222', { user: undefined, port: 2222 }],
      ['ssh://me@[2001:db8::5]:22', 'ssh://me@[2001:db8::5]:22', { host: '2001:db8::5' }],
    ];
    for (const [raw, url, fields] of good) {
      it(`${JSON.stringify(raw)} -> ${url}`, () => {
        const parsed = parseHost(raw);
        assert.equal(parsed.url, url);
        for (const [k, v] of Object.entries(fields)) {
          assert.deepEqual((parsed as unknown as Record<string, unknown>)[k], v, k);
        }
      });
    }

    it('a tcp host without a port gets 2376 when TLS is on', () => {
      assert.equal(parseHost('tcp://h', { tls: true }).url, 'tcp://h:2376');
      assert.equal(parseHost('tcp://h:2375', { tls: true }).url, 'tcp://h:2375');
    });
  });

  describe('parseHost rejects, naming the problem', () => {
    const bad: Array<[string, RegExp]> = [
      ['', /is empty/],
      ['   ', /is empty/],
      ['tcp://host\u0000:2375', /control characters/],
      ['unix:///var/run/docker.sock\nrm', /control characters/],
      ['tcp://my host:2375', /whitespace/],
      ['tcp://host:0', /invalid port "0"/],
      ['tcp://host:65536', /invalid port "65536"/],
      ['tcp://host:http', /invalid port "http"/],
      ['tcp://host:-1', /invalid port "-1"/],
      ['host:12ab', /invalid port "12ab"/],
      ['ssh://me@host:99999', /invalid port "99999"/],
      ['fd://', /fd:\/\/.*systemd/],
      ['fd://3', /fd:\/\//],
      ['http://host:2375', /unsupported scheme "http:\/\/"/],
      ['tcp://unix:///x', /more than one scheme/],
      ['unix://tcp://x', /more than one scheme/],
      ['tcp://admin@host:2375', /user name.*tcp:\/\//],
      ['tcp://host:2375/v1.41', /path "\/v1\.41"/],
      ['ssh://me@host/var/run/docker.sock', /path .*not supported/],
      ['ssh://me@host?x=1', /query or fragment/],
      ['ssh://', /no host name/],
      ['ssh://me@:22', /no host name/],
      ['tcp://::1:2375', /IPv6 address without brackets/],
      ['tcp://[::1', /malformed IPv6/],
      ['tcp://ho$t:2375', /invalid host name "ho\$t"/],
      ['ssh://m e@host', /whitespace/],
      ['ssh://@host', /invalid user name/],
    ];
    for (const [raw, message] of bad) {
      it(`${JSON.stringify(raw)} -> ${message}`, () => {
        throwsConfig(() => parseHost(raw), message);
      });
    }

    for (const raw of ['ssh://me:hunter2@host', 'tcp://me:hunter2@host:2376', 'me:hunter2@host', 'ssh://me:hunter2@host:bad\u0001']) {
      it(`a password in ${JSON.stringify(raw.replace('hunter2', '***'))} is refused and never echoed`, () => {
        assert.throws(
          () => parseHost(raw),
          (err: Error) => {
            assert.ok(err instanceof ConnectionConfigError);
            assert.doesNotMatch(err.message, /hunter2/);
            return true;
          },
        );
      });
    }

    it('a password gets the "use an ssh key/agent" advice', () => {
      throwsConfig(() => parseHost('ssh://me:hunter2@host'), /don't put a password in the host; use an ssh key\/agent/);
    });
  });

  describe('dockerodeOptions', () => {
    const endpoint = (host: string, tls?: EngineEndpoint['tls']): EngineEndpoint => ({ host, source: 'setting', tls, description: host });

    it('a unix socket becomes socketPath', () => {
      const o = dockerodeOptions(endpoint('unix:///var/run/docker.sock'));
      assert.equal(o.socketPath, '/var/run/docker.sock');
      assert.equal(o.host, undefined);
      assert.equal(o.protocol, undefined);
    });

    it('a named pipe becomes the pipe path', () => {
      assert.equal(dockerodeOptions(endpoint('npipe:////./pipe/docker_engine')).socketPath, '//./pipe/docker_engine');
    });

    it('plain tcp is http with host and port and no certificates', () => {
      const o = dockerodeOptions(endpoint('tcp://10.0.0.5:2375'));
      assert.deepEqual(
        { protocol: o.protocol, host: o.host, port: o.port, ca: o.ca, cert: o.cert, key: o.key, socketPath: o.socketPath },
        { protocol: 'http', host: '10.0.0.5', port: 2375, ca: undefined, cert: undefined, key: undefined, socketPath: undefined },
      );
    });

    it('tcp with TLS is https with the PEM material', () => {
      const o = dockerodeOptions(endpoint('tcp://[::1]:2376', { ca: 'CA', cert: 'CERT', key: 'KEY', verify: true }));
      assert.deepEqual(
        { protocol: o.protocol, host: o.host, port: o.port, ca: o.ca, cert: o.cert, key: o.key },
        { protocol: 'https', host: '::1', port: 2376, ca: 'CA', cert: 'CERT', key: 'KEY' },
      );
      assert.equal((o as { agent?: unknown }).agent, undefined);
    });

    it('tcp with TLS but no verification uses an agent that accepts any server certificate', () => {
      const o = dockerodeOptions(endpoint('tcp://h:2376', { verify: false })) as { agent?: { options: { rejectUnauthorized?: boolean } } };
      assert.equal(o.agent?.options.rejectUnauthorized, false);
    });

    it('ssh carries user, port and the ssh agent socket', () => {
      const o = dockerodeOptions(endpoint('ssh://deploy@build.example.com:2222'), { sshAgent: '/tmp/agent.sock' });
      assert.deepEqual(
        { protocol: o.protocol, host: o.host, port: o.port, username: o.username, sshOptions: o.sshOptions },
        { protocol: 'ssh', host: 'build.example.com', port: 2222, username: 'deploy', sshOptions: { agent: '/tmp/agent.sock' } },
      );
    });

    it('never pins an API version, for any scheme', () => {
      for (const host of ['unix:///s.sock', 'npipe:////./pipe/docker_engine', 'tcp://h:2375', 'ssh://u@h:22']) {
        const o = dockerodeOptions(endpoint(host), { sshAgent: 'a' });
        assert.ok(!('version' in o), host);
      }
    });

    it("never sets docker-modem's socket timeout, for any scheme (DockerService bounds each answer; streams stay open)", () => {
      for (const host of ['unix:///s.sock', 'npipe:////./pipe/docker_engine', 'tcp://h:2375', 'ssh://u@h:22']) {
        assert.ok(!('timeout' in dockerodeOptions(endpoint(host), { sshAgent: 'a' })), host);
      }
    });

    it("the resolved endpoint wins over docker-modem's own reading of DOCKER_HOST", () => {
      const saved = { DOCKER_HOST: process.env.DOCKER_HOST, DOCKER_CERT_PATH: process.env.DOCKER_CERT_PATH, DOCKER_TLS_VERIFY: process.env.DOCKER_TLS_VERIFY };
      process.env.DOCKER_HOST = 'tcp://elsewhere.example.com:2376';
      process.env.DOCKER_TLS_VERIFY = '1';
      process.env.DOCKER_CERT_PATH = path.join(fixtures, 'certs');
      try {
        const modem = (new Docker(dockerodeOptions(endpoint('unix:///var/run/docker.sock'))) as unknown as { modem: Record<string, unknown> }).modem;
        assert.equal(modem.socketPath, '/var/run/docker.sock');
        assert.equal(modem.host, undefined);
        assert.equal(modem.protocol, 'http');
        assert.equal(modem.ca, undefined);
        assert.equal(modem.version, undefined);
      } finally {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) {
            delete process.env[k];
          } else {
            process.env[k] = v;
          }
        }
      }
    });
  });
});
