import * as assert from 'node:assert/strict';
import type Docker from 'dockerode';
import { intern, internedCount, toContainerModel } from '../../src/docker/models';

const info = (over: Partial<Docker.ContainerInfo> = {}): Docker.ContainerInfo =>
  ({
    Id: 'c24d279a3c07bee08c29691fdf5d1183530d7aa6721408027926c23d29e8e8b2',
    Names: ['/bench-list-0'],
    Image: 'dx-test/busybox:latest',
    ImageID: 'sha256:1619134678dac0a3f70192a3ccf20b43546701f9dbbe396ddae34b90d523294d',
    Command: 'sleep 3600',
    Created: 1795917632,
    Ports: [],
    Labels: { 'dx.bench': '1', 'com.docker.compose.project': 'shop' },
    State: 'created',
    Status: 'Created',
    HostConfig: { NetworkMode: 'default' },
    NetworkSettings: { Networks: { bridge: {} } },
    Mounts: [],
    ...over,
  }) as unknown as Docker.ContainerInfo;

describe('mapping the engine list answer to container models', () => {
  it('keeps what the rows and tooltips show: name without its slash, image, command, state, compose project, networks', () => {
    const m = toContainerModel(info());
    assert.equal(m.name, 'bench-list-0');
    assert.equal(m.image, 'dx-test/busybox:latest');
    assert.equal(m.command, 'sleep 3600');
    assert.equal(m.state, 'created');
    assert.equal(m.status, 'Created');
    assert.equal(m.composeProject, 'shop');
    assert.deepEqual(m.networks, ['bridge']);
    assert.deepEqual(m.ports, []);
    assert.deepEqual(m.mounts, []);
  });

  it('maps ports and mounts when there are some, and no labels to no compose project', () => {
    const m = toContainerModel(
      info({
        Labels: null as unknown as Record<string, string>,
        Ports: [{ IP: '127.0.0.1', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }],
        Mounts: [{ Type: 'volume', Name: 'data', Source: '/v/data', Destination: '/data', RW: false } as Docker.ContainerInfo['Mounts'][number]],
      }),
    );
    assert.equal(m.composeProject, undefined);
    assert.deepEqual(m.ports, [{ ip: '127.0.0.1', privatePort: 80, publicPort: 8080, type: 'tcp' }]);
    assert.deepEqual(m.mounts, [{ type: 'volume', name: 'data', source: '/v/data', destination: '/data', readOnly: true }]);
  });

  it('shows a running container whose health check fails as unhealthy, keeping the engine state', () => {
    const m = toContainerModel(info({ State: 'running', Status: 'Up 2 minutes (unhealthy)' }));
    assert.equal(m.state, 'unhealthy');
    assert.equal(m.engineState, 'running');
  });

  it('interns text: a repeated value is stored once, and the table stays bounded however many distinct values pass', () => {
    const repeated = `repeated ${Date.now()}`;
    assert.equal(intern(repeated), repeated);
    const held = internedCount();
    assert.ok(held >= 1, 'the value is kept for the next container');
    for (let i = 0; i < 10; i++) {
      assert.equal(intern(repeated), repeated);
    }
    assert.equal(internedCount(), held, 'a value already kept is not stored again');
    let most = 0;
    for (let i = 0; i < 5000; i++) {
      assert.equal(intern(`status ${i}`), `status ${i}`);
      most = Math.max(most, internedCount());
    }
    assert.ok(most >= 1000, `distinct values are kept too (at most ${most} were)`);
    assert.ok(most <= 2048, `the table held ${most} values after 5000 distinct ones`);
  });
});
