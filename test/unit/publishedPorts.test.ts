import * as assert from 'node:assert/strict';
import { publishedPorts } from '../../src/docker/publishedPorts';

describe('published ports (what Open in Browser offers)', () => {
  it('lists a port the engine publishes on 0.0.0.0 and :: once, on localhost for a local engine', () => {
    const ports = publishedPorts([
      { ip: '0.0.0.0', privatePort: 80, publicPort: 8080, type: 'tcp' },
      { ip: '::', privatePort: 80, publicPort: 8080, type: 'tcp' },
    ]);
    assert.deepEqual(ports, [{ hostPort: 8080, containerPort: 80, hostIp: '0.0.0.0', url: 'http://localhost:8080/' }]);
  });

  it('leaves out ports that are only exposed, and UDP ones', () => {
    const ports = publishedPorts([
      { privatePort: 6379, type: 'tcp' },
      { ip: '0.0.0.0', privatePort: 53, publicPort: 5353, type: 'udp' },
    ]);
    assert.deepEqual(ports, []);
  });

  it('opens a port bound to one address on that address, IPv6 in brackets', () => {
    const ports = publishedPorts([
      { ip: '127.0.0.1', privatePort: 80, publicPort: 9000, type: 'tcp' },
      { ip: '::1', privatePort: 80, publicPort: 9001, type: 'tcp' },
    ]);
    assert.deepEqual(
      ports.map((p) => p.url),
      ['http://127.0.0.1:9000/', 'http://[::1]:9001/'],
    );
  });

  it("uses a remote engine's host for ports published on every address, https for 443, in host-port order", () => {
    const ports = publishedPorts(
      [
        { ip: '0.0.0.0', privatePort: 443, publicPort: 8443, type: 'tcp' },
        { ip: '0.0.0.0', privatePort: 80, publicPort: 8080, type: 'tcp' },
      ],
      'build-box.lan',
    );
    assert.deepEqual(
      ports.map((p) => p.url),
      ['http://build-box.lan:8080/', 'https://build-box.lan:8443/'],
    );
  });
});
