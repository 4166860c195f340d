import * as assert from 'node:assert/strict';
import { isSecretKey, maskInspectSecrets, maskSecretEnv, secretMask } from '../../src/docker/maskSecrets';

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
