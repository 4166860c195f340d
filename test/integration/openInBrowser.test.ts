import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import { commandSuiteHooks, useScriptedUi } from './support/scriptedUi';
import { cleanupRun, createContainer, freePort, testDocker, uniqueName } from './support/testEngine';
import { waitFor } from './support/uiBridge';

describe('Open in Browser: a port the container publishes', function () {
  this.timeout(60_000);
  const docker = testDocker();
  let api: DockerExplorerApi;
  let ui: ReturnType<typeof useScriptedUi>;
  commandSuiteHooks((a, u) => {
    api = a;
    ui = u;
  });
  after(() => cleanupRun(docker));

  /** busybox httpd serving /etc, so GET /passwd answers with the container's own file. */
  async function webServer(ports: number[]): Promise<string> {
    const name = uniqueName('web');
    const bindings = Object.fromEntries(ports.map((hostPort, i) => [`${80 + i}/tcp`, [{ HostIp: '127.0.0.1', HostPort: String(hostPort) }]]));
    const container = await createContainer(docker, name, {
      Cmd: ['sh', '-c', ports.map((_, i) => `httpd -p ${80 + i} -h /etc`).join('; ') + '; exec sleep 3600'],
      ExposedPorts: Object.fromEntries(Object.keys(bindings).map((p) => [p, {}])),
      HostConfig: { PortBindings: bindings },
    });
    await container.start();
    await waitFor(async () => [...api.store.containers.values()].find((c) => c.name === name && c.state === 'running'), `${name} running in the store`);
    return name;
  }

  async function body(url: string): Promise<string> {
    const answer = await waitFor(async () => fetch(url).catch(() => undefined), `${url} answers`);
    return answer.text();
  }

  it('opens the one published port, and the address it opened reaches the container', async () => {
    const port = await freePort();
    const name = await webServer([port]);
    const opened = (await vscode.commands.executeCommand('dockerExplorer.containers.openInBrowser', name)) as string;
    assert.ok(opened, 'it returns the address it opened');
    assert.deepEqual(
      ui.asked.map((a) => a.kind),
      ['open'],
      'one port: nothing is asked, the address is opened',
    );
    assert.equal(ui.asked[0].message, opened);
    const passwd = await body(new URL('passwd', opened).toString());
    assert.match(passwd, /^root:/m, "the page is the container's own /etc/passwd");
  });

  it('asks which port when several are published, and takes { container, port } without asking', async () => {
    const [first, second] = [await freePort(), await freePort()];
    const name = await webServer([first, second]);
    ui.answer((asked, items) => {
      assert.deepEqual(asked.options, [`http://127.0.0.1:${Math.min(first, second)}/`, `http://127.0.0.1:${Math.max(first, second)}/`]);
      return items?.find((i) => i.label.endsWith(`:${second}/`))?.value;
    });
    await vscode.commands.executeCommand('dockerExplorer.containers.openInBrowser', name);
    assert.equal(ui.asked.at(-1)?.kind, 'open');
    const byPick = ui.asked.at(-1)!.message;
    assert.match(await body(new URL('passwd', byPick).toString()), /^root:/m);

    // The container's own port, as `docker port NAME 81` takes it.
    const byArgument = (await vscode.commands.executeCommand('dockerExplorer.containers.openInBrowser', { container: name, port: 81 })) as string;
    assert.equal(byArgument, byPick, 'port 81 of the container is host port second');
    assert.equal(ui.asked.filter((a) => a.kind === 'pick').length, 1, 'the object form asked nothing');
  });

  it('teaches -p for a container that publishes nothing, and refuses a port it does not publish', async () => {
    const bare = uniqueName('bare');
    await (await createContainer(docker, bare)).start();
    await waitFor(async () => [...api.store.containers.values()].find((c) => c.name === bare && c.state === 'running'), `${bare} running`);
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.containers.openInBrowser', bare), undefined);
    assert.match(ui.messages[0].message, new RegExp(`${bare} publishes no TCP port: .* -p 8080:80`));

    const port = await freePort();
    const name = await webServer([port]);
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.containers.openInBrowser', { container: name, port: 9 }), undefined);
    assert.equal(ui.messages[1].message, `${name} does not publish port 9; it publishes ${port}→80 (host→container).`);
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.containers.openInBrowser', { container: name, port: 'eighty' }), undefined);
    assert.match(ui.messages[2].message, /^"port" must be a port number from 1 to 65535/);
    assert.ok(!ui.asked.some((a) => a.kind === 'open'), 'nothing was opened');
  });

  it('is offered for running containers only, as the table says', async () => {
    const stopped = uniqueName('stopped');
    await createContainer(docker, stopped);
    await waitFor(async () => [...api.store.containers.values()].find((c) => c.name === stopped), `${stopped} in the store`);
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.containers.openInBrowser', stopped), undefined);
    assert.match(ui.messages[0].message, new RegExp(stopped));
    assert.ok(!ui.asked.some((a) => a.kind === 'open'));
  });
});
