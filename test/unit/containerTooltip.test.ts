import * as assert from 'node:assert/strict';
import { Emitter } from '../../src/docker/event';
import type { EngineStore, StoreChange } from '../../src/docker/store';
import { publishedPorts } from '../../src/docker/publishedPorts';
import { requireWithFakeVscode } from './support/fakeVscode';
import { container } from './support/models';

const { containerTooltip } = requireWithFakeVscode<typeof import('../../src/tree/tooltips')>('../../src/tree/tooltips');
const { ContainersProvider } = requireWithFakeVscode<typeof import('../../src/tree/containersProvider')>('../../src/tree/containersProvider');

const web = container('a'.repeat(64), {
  name: 'web',
  image: 'nginx:latest',
  command: 'nginx',
  ports: [
    { ip: '0.0.0.0', privatePort: 80, publicPort: 8080, type: 'tcp' },
    { ip: '::', privatePort: 80, publicPort: 8080, type: 'tcp' },
    { ip: '0.0.0.0', privatePort: 53, publicPort: 5353, type: 'udp' },
    { ip: '::', privatePort: 53, publicPort: 5353, type: 'udp' },
    { privatePort: 6379, type: 'tcp' },
  ],
});

/** Every link target in a tooltip's markdown, in order. */
function links(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]);
}

describe("a container row's tooltip links what Open in Browser opens", () => {
  it("links a local engine's TCP port once, on localhost, and names its UDP port without a link", () => {
    const text = containerTooltip(web).value;
    assert.deepEqual(links(text), ['http://localhost:8080/']);
    assert.deepEqual(
      links(text),
      publishedPorts(web.ports).map((p) => p.url),
    );
    assert.match(text, /localhost:5353 → 53\/udp/);
    assert.equal(text.match(/5353/g)?.length, 1);
  });

  it("links a tcp:// or ssh:// engine's ports on the engine's host, never on localhost", () => {
    const text = containerTooltip(web, undefined, 'build-box.lan').value;
    assert.deepEqual(links(text), ['http://build-box.lan:8080/']);
    assert.deepEqual(
      links(text),
      publishedPorts(web.ports, 'build-box.lan').map((p) => p.url),
    );
    assert.doesNotMatch(text, /localhost/);
  });

  it('links a port bound to one address on that address, https for 443, IPv6 in brackets', () => {
    const ports = [
      { ip: '127.0.0.1', privatePort: 443, publicPort: 9443, type: 'tcp' },
      { ip: '::1', privatePort: 80, publicPort: 9001, type: 'tcp' },
    ];
    assert.deepEqual(links(containerTooltip({ ...web, ports }, undefined, 'build-box.lan').value), ['http://[::1]:9001/', 'https://127.0.0.1:9443/']);
  });

  it("is given the engine's host by the view when the row is hovered", async () => {
    const store = { containers: new Map([[web.id, web]]), onChange: new Emitter<StoreChange>().event, containerDetails: async () => undefined };
    const provider = new ContainersProvider(store as unknown as EngineStore, () => ({ groupBy: 'none', sortBy: 'name' }), { engineHost: () => 'build-box.lan' });
    const node = provider.containerRow(web.id);
    assert.ok(node);
    const item = await provider.resolveTreeItem(provider.getTreeItem(node), node);
    assert.deepEqual(links((item.tooltip as { value: string }).value), ['http://build-box.lan:8080/']);
    provider.dispose();
  });
});
