import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { dockerodeOptions, EngineEndpoint, resolveEndpoint } from '../../src/docker/connection';
import { DockerService } from '../../src/docker/service';
import { testDocker } from './support/testEngine';

function resolveFromEnv(env: Record<string, string | undefined>): EngineEndpoint {
  return resolveEndpoint({
    env,
    homedir: '/nonexistent-home',
    platform: 'linux',
    readFile: (p) => {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
  });
}

async function sameContainers(service: DockerService): Promise<void> {
  const expected = (await testDocker().listContainers({ all: true })).map((c) => c.Id).sort();
  const actual = (await service.listContainers()).map((c) => c.id).sort();
  assert.deepEqual(actual, expected, "the endpoint lists the private engine's containers");
}

describe('engine endpoints beyond the unix socket', function () {
  this.timeout(60_000);

  it('connects to the private engine over TLS tcp with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', async () => {
    const host = process.env.DX_TEST_TLS_HOST;
    assert.ok(host, 'the runner passes DX_TEST_TLS_HOST');
    const endpoint = resolveFromEnv({ DOCKER_HOST: host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: process.env.DX_TEST_TLS_CERT_PATH });
    assert.equal(endpoint.tls?.verify, true);
    const service = new DockerService(() => dockerodeOptions(endpoint));
    await service.ping();
    await sameContainers(service);
  });

  it('is refused by the TLS endpoint without the client certificate, with a clear error', async () => {
    const endpoint = resolveFromEnv({ DOCKER_HOST: process.env.DX_TEST_TLS_HOST });
    const service = new DockerService(() => dockerodeOptions(endpoint));
    await assert.rejects(service.ping(), (err: Error & { code?: string }) => typeof err.code === 'string' && err.message.length > 0);
  });

  it('connects to the private engine over ssh:// through the agent', async () => {
    const host = process.env.DX_TEST_SSH_HOST;
    const agent = process.env.DX_TEST_SSH_AUTH_SOCK;
    assert.ok(host && agent, 'the runner passes DX_TEST_SSH_HOST and DX_TEST_SSH_AUTH_SOCK');
    const endpoint = resolveFromEnv({ DOCKER_HOST: host });
    const service = new DockerService(() => dockerodeOptions(endpoint, { sshAgent: agent }));
    await service.ping();
    await sameContainers(service);
  });
});
