import * as assert from 'node:assert/strict';
import { isSecretKey, maskInspectSecrets, maskSecretEnv, scrubSecrets, secretMask } from '../../src/docker/maskSecrets';

describe('masking secrets in inspect output', () => {
  for (const key of ['POSTGRES_PASSWORD', 'github_token', 'AWS_SECRET_ACCESS_KEY', 'API_KEY', 'apiKey', 'Db_Password_File', 'SECRET']) {
    it(`treats ${key} as secret`, () => {
      assert.ok(isSecretKey(key));
    });
  }
  for (const key of ['PATH', 'HOME', 'LANG', 'POSTGRES_USER', 'PASS']) {
    it(`leaves ${key} readable`, () => {
      assert.ok(!isSecretKey(key));
    });
  }

  it('masks only the values of secret keys and keeps the keys', () => {
    assert.deepEqual(maskSecretEnv(['PATH=/bin', 'DB_PASSWORD=hunter2', 'API_TOKEN=a=b=c', 'EMPTY_SECRET=', 'NOVALUE']), [
      'PATH=/bin',
      `DB_PASSWORD=${secretMask}`,
      `API_TOKEN=${secretMask}`,
      `EMPTY_SECRET=${secretMask}`,
      'NOVALUE',
    ]);
  });

  it('masks every Env list of an inspect answer, at any depth, without changing the original', () => {
    const inspect = {
      Id: 'abc',
      Config: { Env: ['MY_KEY=1', 'A=2'], Labels: { KEY: 'kept' } },
      ContainerConfig: { Env: ['SECRET_X=y'] },
      Mounts: [{ Name: 'v' }],
    };
    const masked = maskInspectSecrets(inspect);
    assert.deepEqual(masked.Config.Env, [`MY_KEY=${secretMask}`, 'A=2']);
    assert.deepEqual(masked.ContainerConfig.Env, [`SECRET_X=${secretMask}`]);
    assert.deepEqual(masked.Config.Labels, { KEY: 'kept' });
    assert.equal(masked.Id, 'abc');
    assert.deepEqual(inspect.Config.Env, ['MY_KEY=1', 'A=2']);
  });

  it('passes through answers without Env and null values', () => {
    assert.deepEqual(maskInspectSecrets({ Name: 'vol', Labels: null, Options: {} }), { Name: 'vol', Labels: null, Options: {} });
  });
});

describe('scrubbing secrets from text bound for logs and messages', () => {
  const cases: [string, string, string][] = [
    ['a URL password', 'pull from https://bob:hunter2@registry.example.com/app failed', 'https://bob:********@registry.example.com/app'],
    ['an ssh host password', 'cannot reach ssh://root:hunter2@10.0.0.1:22', 'ssh://root:********@10.0.0.1:22'],
    ['a secret env value in a command line', 'docker run -e DB_PASSWORD=hunter2 -e MODE=dev busybox', 'docker run -e DB_PASSWORD=******** -e MODE=dev busybox'],
    ['a quoted secret value', "docker run -e 'API_TOKEN=hunter2 x' busybox", "docker run -e 'API_TOKEN=********' busybox"],
    [
      'a private key',
      'key: -----BEGIN RSA PRIVATE KEY-----\nMIIEhunter2\n-----END RSA PRIVATE KEY----- end',
      'key: -----BEGIN RSA PRIVATE KEY----- ******** -----END RSA PRIVATE KEY----- end',
    ],
  ];
  for (const [what, text, expected] of cases) {
    it(`masks ${what}`, () => {
      const scrubbed = scrubSecrets(text);
      assert.ok(!scrubbed.includes('hunter2'), scrubbed);
      assert.ok(scrubbed.includes(expected), scrubbed);
    });
  }

  it('leaves ordinary text, user names and non-secret values alone', () => {
    const text = 'docker run -e MODE=dev -p 8080:80 --name web ssh://bob@host:22 unix:///var/run/docker.sock';
    assert.equal(scrubSecrets(text), text);
  });
});
