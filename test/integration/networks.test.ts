import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import type { Asked } from './support/scriptedUi';
import { commandSuiteHooks, useScriptedUi } from './support/scriptedUi';
import { cleanupRun, createContainer, createNetwork, runId, runLabel, testDocker, testImage, testSubnet, uniqueName } from './support/testEngine';
import { ui as page, waitFor } from './support/uiBridge';

/** What the test reads of a Networks view row (the extension's classes come from its bundle). */
interface Row {
  kind: string;
  model?: { id: string; name: string };
  member?: { containerId: string; name: string; aliases: string[]; endpoint?: { ipv4?: string } };
}

async function roots(api: DockerExplorerApi): Promise<Row[]> {
  return (await api.views.networks.getChildren()) as unknown as Row[];
}

async function networkRow(api: DockerExplorerApi, name: string): Promise<Row | undefined> {
  return (await roots(api)).find((r) => r.model?.name === name);
}

async function members(api: DockerExplorerApi, name: string): Promise<Row[]> {
  const row = await networkRow(api, name);
  return row ? ((await api.views.networks.getChildren(row as never)) as unknown as Row[]) : [];
}

describe('networks: the view, live from events, and the network commands', function () {
  this.timeout(120_000);
  const docker = testDocker();
  let api: DockerExplorerApi;
  let ui: ReturnType<typeof useScriptedUi>;

  commandSuiteHooks((a, u) => {
    api = a;
    ui = u;
  });
  after(() => cleanupRun(docker));

  /** A running container from outside the extension, known to the store. */
  async function running(name: string, options: Parameters<typeof createContainer>[2] = {}): Promise<string> {
    const container = await createContainer(docker, name, options);
    await container.start();
    await waitFor(async () => [...api.store.containers.values()].some((c) => c.name === name && c.state === 'running'), `${name} running in the store`);
    return container.id;
  }

  it('shows a network made, joined, left and removed outside the extension within a bound, rows matching GET /networks', async () => {
    const name = uniqueName('net');
    const { subnet, gateway } = testSubnet();
    const full = api.networks.fullLists;
    const network = await createNetwork(docker, name, { IPAM: { Driver: 'default', Config: [{ Subnet: subnet, Gateway: gateway }] } });
    await waitFor(async () => networkRow(api, name), `${name} in the view`, 5_000);
    const item = api.views.networks.getTreeItem((await networkRow(api, name)) as never);
    assert.match(String(item.description), new RegExp(`bridge · local · ${subnet.replace(/\./g, '\\.')}`));
    assert.equal(item.contextValue, 'network.unused');

    const web = uniqueName('netweb');
    const id = await running(web);
    await network.connect({ Container: id, EndpointConfig: { Aliases: ['webalias'] } });
    const joined = await waitFor(
      async () => (await members(api, name)).find((m) => m.member?.name === web && m.member.endpoint?.ipv4),
      `${web} under ${name} with an address`,
      5_000,
    );
    const inspected = (await docker.getContainer(id).inspect()).NetworkSettings.Networks[name];
    assert.equal(joined.member?.endpoint?.ipv4, inspected.IPAddress, 'the address the engine gave it');
    assert.deepEqual(joined.member?.aliases, ['webalias'], 'the alias given, without the short id the engine adds');
    const child = api.views.networks.getTreeItem(joined as never);
    assert.match(String(child.description), /aliases webalias · running$/);
    assert.equal(api.views.networks.getTreeItem((await networkRow(api, name)) as never).contextValue, 'network.inUse');

    // The container's own tooltip names its address on each network (the connect event updates the container's row too).
    await waitFor(async () => api.store.containers.get(id)?.networks.includes(name), `${web} on ${name} in the containers store`, 5_000);
    const containerNode = (await allContainerRows(api)).find((r) => (r as { model?: { name: string } }).model?.name === web);
    const tooltip = await api.views.containers.resolveTreeItem(api.views.containers.getTreeItem(containerNode as never), containerNode as never);
    assert.match((tooltip.tooltip as vscode.MarkdownString).value, new RegExp(`${name.replace(/-/g, '\\\\?-')}.*${inspected.IPAddress.replace(/\./g, '\\\\?\\.')}`));

    await network.disconnect({ Container: id });
    await waitFor(async () => !(await members(api, name)).some((m) => m.member?.name === web), `${web} gone from ${name}`, 5_000);

    // The view's rows are the engine's networks, user-defined first, built-in last.
    await api.networks.whenIdle();
    const listed = await docker.listNetworks();
    const builtIn = new Set(['bridge', 'host', 'none']);
    const expected = [
      ...listed
        .filter((n) => !builtIn.has(n.Name))
        .map((n) => n.Name)
        .sort((a, b) => a.localeCompare(b)),
      ...listed
        .filter((n) => builtIn.has(n.Name))
        .map((n) => n.Name)
        .sort((a, b) => a.localeCompare(b)),
    ];
    assert.deepEqual(
      (await roots(api)).map((r) => r.model?.name),
      expected,
    );

    await network.remove();
    await waitFor(async () => !(await networkRow(api, name)), `${name} gone from the view`, 5_000);
    assert.equal(api.networks.fullLists, full, 'events updated the one network each time; nothing was listed again in full');
  });

  it('runs two containers on a new network that reach each other by name, by alias and at a fixed address', async () => {
    const name = uniqueName('netrun');
    const { subnet, gateway, host } = testSubnet();
    const id = await vscode.commands.executeCommand<string>('dockerExplorer.networks.create', { name, subnet, gateway, labels: [`${runLabel}=${runId}`] });
    assert.ok(id, `created: ${JSON.stringify(ui.messages)}`);
    const inspected = await docker.getNetwork(id).inspect();
    assert.deepEqual(inspected.IPAM?.Config, [{ Subnet: subnet, Gateway: gateway }]);
    await waitFor(async () => [...api.networks.networks.values()].some((n) => n.name === name), `${name} in the networks store`);

    const run = { image: testImage, command: ['sleep', '3600'], init: true, detach: true, labels: [`${runLabel}=${runId}`], network: name };
    const db = uniqueName('db');
    const dbId = await vscode.commands.executeCommand<string>('dockerExplorer.containers.run', {
      ...run,
      name: db,
      networkAliases: ['database'],
      ip: host(50),
      hostname: 'dbhost',
    });
    const client = uniqueName('client');
    const clientId = await vscode.commands.executeCommand<string>('dockerExplorer.containers.run', { ...run, name: client });
    assert.ok(dbId && clientId, `both ran: ${JSON.stringify(ui.messages)}`);
    const dbInfo = await docker.getContainer(dbId).inspect();
    assert.equal(dbInfo.NetworkSettings.Networks[name].IPAddress, host(50), '--ip gave the address');
    assert.equal(dbInfo.Config.Hostname, 'dbhost');
    assert.ok(
      api.commands.log.lines.some((l) => l.includes(`--hostname dbhost --network ${name} --network-alias database --ip ${host(50)}`)),
      'the docker run line shows them',
    );

    for (const target of [db, 'database', host(50)]) {
      assert.equal(await api.service.execExitCode(clientId, ['ping', '-c1', '-W3', target]), 0, `${client} reaches ${target}`);
    }
    // The same name from a container on the default bridge does not resolve: the network is what connects them.
    const outsider = uniqueName('outsider');
    const outsiderId = await running(outsider);
    assert.notEqual(await api.service.execExitCode(outsiderId, ['ping', '-c1', '-W2', db]), 0, `${outsider} on the default bridge does not reach ${db} by name`);

    // Copy docker run Command rebuilds the network options from inspect.
    const line = await vscode.commands.executeCommand<string>('dockerExplorer.containers.copyRunCommand', db);
    assert.match(line ?? '', new RegExp(`--hostname dbhost --network ${name} --network-alias database --ip ${host(50).replace(/\./g, '\\.')}`));
  });

  it('connects and disconnects a container through the commands, asking before it drops a running one', async () => {
    const name = uniqueName('netcd');
    const { subnet, host } = testSubnet();
    await createNetwork(docker, name, { IPAM: { Driver: 'default', Config: [{ Subnet: subnet }] } });
    const web = uniqueName('cdweb');
    const id = await running(web);
    await waitFor(async () => [...api.networks.networks.values()].some((n) => n.name === name), `${name} in the networks store`);
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.networks.connect', { container: web, network: name, aliases: ['front'], ip: host(9) }), true);
    const endpoint = (await docker.getContainer(id).inspect()).NetworkSettings.Networks[name];
    assert.equal(endpoint.IPAddress, host(9));
    assert.ok(endpoint.Aliases?.includes('front'));
    assert.ok(api.commands.log.lines.some((l) => l.endsWith(`docker network connect --alias front --ip ${host(9)} ${name} ${web}`)));

    ui.answer((asked: Asked) => {
      assert.equal(asked.kind, 'choose');
      assert.match(asked.message, /Disconnect the running container/);
      return undefined;
    });
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.networks.disconnect', { container: web, network: name }), false);
    assert.ok((await docker.getContainer(id).inspect()).NetworkSettings.Networks[name], 'Cancel left it connected');
    ui.answer('Disconnect');
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.networks.disconnect', { container: web, network: name }), true);
    assert.equal((await docker.getContainer(id).inspect()).NetworkSettings.Networks[name], undefined);
  });

  it('creates a network through its questions and connects a container from the network row', async () => {
    const name = uniqueName('netask');
    const { subnet, gateway, host } = testSubnet();
    ui.answer(
      name,
      (asked: Asked) => (assert.ok(asked.options?.[0] === 'bridge', `bridge first: ${asked.options?.join(', ')}`), 'bridge'),
      subnet,
      gateway,
      (_asked: Asked, items) => [items?.find((i) => i.label === '--internal')?.value],
      `${runLabel}=${runId}, team=web`,
    );
    const id = await vscode.commands.executeCommand<string>('dockerExplorer.networks.create');
    assert.ok(id, JSON.stringify(ui.asked));
    const info = await docker.getNetwork(id).inspect();
    assert.equal(info.Internal, true);
    assert.deepEqual(info.IPAM?.Config, [{ Subnet: subnet, Gateway: gateway }]);
    assert.equal(info.Labels?.team, 'web');
    assert.ok(
      api.commands.log.lines.some((l) =>
        l.endsWith(`docker network create --subnet ${subnet} --gateway ${gateway} --internal --label ${runLabel}=${runId} --label team=web ${name}`),
      ),
    );

    const web = uniqueName('askweb');
    const containerId = await running(web);
    const row = await waitFor(async () => networkRow(api, name), `${name} in the view`);
    ui.answer(web, 'front, edge', host(7));
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.networks.connect', row), true, JSON.stringify(ui.asked));
    const endpoint = (await docker.getContainer(containerId).inspect()).NetworkSettings.Networks[name];
    assert.equal(endpoint.IPAddress, host(7));
    assert.ok(endpoint.Aliases?.includes('front') && endpoint.Aliases.includes('edge'), JSON.stringify(endpoint.Aliases));
  });

  it('refuses to remove a network containers are on, naming them; removes it once they are gone', async () => {
    const name = uniqueName('netrm');
    await createNetwork(docker, name);
    const user = uniqueName('rmuser');
    await createContainer(docker, user, { HostConfig: { Init: true, NetworkMode: name } });
    await waitFor(async () => [...api.store.containers.values()].some((c) => c.name === user), `${user} in the store`);
    await vscode.commands.executeCommand('dockerExplorer.networks.remove', name);
    assert.equal(ui.asked.filter((a) => a.kind === 'choose').length, 0, 'nothing destructive offered');
    assert.match(ui.messages[0]?.message ?? '', new RegExp(`${name} is used by ${user} \\(stopped\\)`));
    assert.ok(await docker.getNetwork(name).inspect(), 'still there');

    await docker.getContainer(user).remove({ force: true });
    ui.answer((asked: Asked) => {
      assert.match(asked.message, new RegExp(`Remove the network ${name}\\?`));
      assert.match(asked.detail ?? '', /settings .* are lost/);
      return 'Remove';
    });
    await vscode.commands.executeCommand('dockerExplorer.networks.remove', name);
    await assert.rejects(docker.getNetwork(name).inspect(), /404|no such network|not found/i);
  });

  it('built-in networks cannot be chosen for removal', async () => {
    await vscode.commands.executeCommand('dockerExplorer.networks.remove', 'bridge');
    assert.match(ui.messages[0]?.message ?? '', /Left alone: bridge \(built-in\)/);
    ui.answer((asked: Asked, items) => {
      assert.ok(!(items ?? []).some((i) => ['bridge', 'host', 'none'].includes(i.label)), `the picker offers no built-in network: ${asked.options?.join(', ')}`);
      return undefined;
    });
    await createNetwork(docker, uniqueName('netpick'));
    await api.networks.whenIdle();
    await waitFor(async () => [...api.networks.networks.values()].some((n) => !n.builtIn), 'a user network to pick');
    await vscode.commands.executeCommand('dockerExplorer.networks.remove');
  });

  it('prunes only the user networks no container is on, listing them first', async () => {
    const unused = uniqueName('netunused');
    const used = uniqueName('netused');
    await createNetwork(docker, unused);
    await createNetwork(docker, used);
    await createContainer(docker, uniqueName('pruneuser'), { HostConfig: { Init: true, NetworkMode: used } });
    ui.answer((asked: Asked) => {
      const listed = (asked.detail ?? '').split('\n').slice(1);
      assert.ok(
        listed.some((l) => l.startsWith(`${unused} `)),
        `${unused} is listed: ${asked.detail}`,
      );
      assert.ok(!listed.some((l) => l.startsWith(`${used} `) || /^(bridge|host|none) /.test(l)), `only unused user networks are listed: ${asked.detail}`);
      return asked.options?.[0];
    });
    await vscode.commands.executeCommand('dockerExplorer.networks.prune');
    await assert.rejects(docker.getNetwork(unused).inspect());
    assert.ok(await docker.getNetwork(used).inspect(), 'a network a stopped container is on stays');
    const names = (await docker.listNetworks()).map((n) => n.Name);
    for (const builtIn of ['bridge', 'host', 'none']) assert.ok(names.includes(builtIn));
  });

  it('refuses bad network input with a message and sends no request', async () => {
    const known = uniqueName('netbad');
    const { subnet } = testSubnet();
    await createNetwork(docker, known, { IPAM: { Driver: 'default', Config: [{ Subnet: subnet }] } });
    await waitFor(async () => [...api.networks.networks.values()].some((n) => n.name === known), `${known} in the store`);
    const web = uniqueName('badweb');
    await running(web);
    const cases: [string, unknown, RegExp][] = [
      ['dockerExplorer.networks.create', { name: 'my net' }, /contains spaces/],
      ['dockerExplorer.networks.create', { name: '' }, /name is empty/],
      ['dockerExplorer.networks.create', { name: 'okname', subnet: '10.231.1.0' }, /not an IPv4 subnet in CIDR form/],
      ['dockerExplorer.networks.create', { name: 'okname', subnet, gateway: '10.0.0.1' }, /overlaps|outside the subnet/],
      ['dockerExplorer.networks.create', { name: 'okname', subnet: '10.231.251.0/24', gateway: '10.231.250.1' }, /outside the subnet/],
      ['dockerExplorer.networks.create', { name: 'okname', subnet }, new RegExp(`overlaps ${subnet.replace(/\./g, '\\.')} of the network ${known}`)],
      ['dockerExplorer.networks.connect', { container: web, network: known, aliases: ['a b'] }, /contains spaces/],
      ['dockerExplorer.networks.connect', { container: web, network: known, ip: '10.1.2.3' }, /outside the subnet/],
      ['dockerExplorer.containers.run', { image: testImage, network: known, networkAliases: ['x y'] }, /contains spaces/],
      ['dockerExplorer.containers.run', { image: testImage, ip: '10.231.1.1' }, /--ip needs --network/],
    ];
    for (const [command, argument, message] of cases) {
      const before = api.service.requestsSentOutsideStores;
      const local = useScriptedUi(api);
      try {
        await vscode.commands.executeCommand(command, argument);
        assert.match(local.messages[0]?.message ?? '', message, `${command} ${JSON.stringify(argument)}: ${JSON.stringify(local.messages)}`);
      } finally {
        local.restore();
      }
      assert.equal(api.service.requestsSentOutsideStores - before, 0, `${command} ${JSON.stringify(argument)} sent no request`);
    }
  });

  it('shows the Networks view with a network expanded to its containers (screenshot)', async () => {
    const name = uniqueName('netshot');
    const { subnet } = testSubnet();
    const network = await createNetwork(docker, name, { IPAM: { Driver: 'default', Config: [{ Subnet: subnet }] } });
    const a = uniqueName('shota');
    const b = uniqueName('shotb');
    await network.connect({ Container: await running(a), EndpointConfig: { Aliases: ['api'] } });
    await network.connect({ Container: await running(b) });
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    await vscode.commands.executeCommand('dockerExplorer.networks.focus');
    await waitFor(async () => (await members(api, name)).length === 2 && (await networkRow(api, name)), `${name} with two containers`);
    // The pane starts collapsed: focusing opens it, and its rows render a moment later; reveal once they are there.
    await waitFor(async () => (await page.texts('.monaco-list-row .label-name')).includes(name), `${name} on the page`);
    await waitFor(
      async () =>
        api.treeViews.networks.reveal((await networkRow(api, name)) as never, { expand: true, select: true, focus: false }).then(
          () => true,
          () => false,
        ),
      `${name} revealed`,
    );
    let seen: string[] = [];
    await waitFor(async () => {
      seen = await page.texts('.monaco-list-row[aria-level="2"] .label-name');
      return seen.includes(a) && seen.includes(b);
    }, `${a} and ${b} on the page`).catch(() => undefined);
    // A wider sidebar for the picture, so the addresses and aliases show; put back afterwards.
    // (The width commands act on the focused part: the sidebar.)
    await vscode.commands.executeCommand('workbench.action.focusSideBar');
    for (let i = 0; i < 6; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    await new Promise((r) => setTimeout(r, 300));
    const shot = await page.screenshot('networks-view');
    await vscode.commands.executeCommand('workbench.action.focusSideBar');
    for (let i = 0; i < 6; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
    assert.ok(seen.includes(a) && seen.includes(b), `the page shows the containers under ${name} (${shot.path}): ${seen.join(', ')}`);
  });
});

async function allContainerRows(api: DockerExplorerApi): Promise<unknown[]> {
  const rows: unknown[] = [];
  for (const top of await api.views.containers.getChildren()) {
    if ((top as { kind?: string }).kind === 'container') rows.push(top);
    else rows.push(...(await api.views.containers.getChildren(top)));
  }
  return rows;
}
