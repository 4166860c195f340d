import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { normalizeImageName } from '../../src/docker/imageRef';
import { parseRunOptions } from '../../src/docker/runOptions';
import type { DockerExplorerApi } from '../../src/extension';
import { commandSuiteHooks, useScriptedUi } from './support/scriptedUi';
import { cleanupRun, createContainer, runId, runLabel, testDocker, testImage, uniqueName, freePort } from './support/testEngine';
import { waitFor } from './support/uiBridge';

describe('run, create, pull and copy docker run command', function () {
  this.timeout(60_000);
  const docker = testDocker();
  const label = `${runLabel}=${runId}`;
  const registryImage = process.env.DX_TEST_REGISTRY_IMAGE ?? '';
  let api: DockerExplorerApi;
  let ui: ReturnType<typeof useScriptedUi>;

  commandSuiteHooks((a, u) => {
    api = a;
    ui = u;
  });
  after(async () => {
    await cleanupRun(docker);
    await docker
      .getImage(registryImage)
      .remove({ force: true })
      .catch(() => undefined);
  });

  /** What the commands told the user so far (a call, so assertions do not narrow it). */
  const said = () => ui.messages;

  async function containerNames(): Promise<string[]> {
    return (await docker.listContainers({ all: true })).map((c) => c.Names[0]).sort();
  }

  it('runs a container with name, env, a port on 127.0.0.1, a read-only named volume, a link, volumes-from, a restart policy and a command', async () => {
    const db = uniqueName('db');
    await (await createContainer(docker, db)).start();
    const store = uniqueName('store');
    await createContainer(docker, store, { Volumes: { '/store': {} } });
    const volume = uniqueName('vol');
    await docker.createVolume({ Name: volume, Labels: { [runLabel]: runId } });
    const name = uniqueName('web');
    const port = await freePort();
    const options = `--name ${name} -p 127.0.0.1:${port}:80 -e MODE="two words" -v ${volume}:/data:ro --link ${db}:database --volumes-from ${store} --restart unless-stopped --init -l ${label} -- sh -c "echo started; sleep 3600"`;
    let shown = '';
    ui.answer(
      (asked) => {
        assert.match(asked.message, /Run Container \(1\/3\)|image/i);
        return testImage;
      },
      (asked) => {
        assert.match(asked.message, /\(2\/3\)/);
        return options;
      },
      (asked) => {
        assert.match(asked.message, /\(3\/3\)/);
        shown = asked.detail ?? '';
        assert.deepEqual(asked.options, ['Run', 'Copy Command']);
        return 'Run';
      },
    );
    await vscode.commands.executeCommand('dockerExplorer.containers.run');
    assert.deepEqual(said(), []);
    assert.match(shown, new RegExp(`^docker run --name ${name} --init --restart unless-stopped -p 127.0.0.1:${port}:80 -e 'MODE=two words'`));

    const info = await docker.getContainer(name).inspect();
    assert.equal(info.State.Running, true);
    assert.ok(info.Config.Env.includes('MODE=two words'));
    assert.deepEqual(info.Config.Cmd, ['sh', '-c', 'echo started; sleep 3600']);
    assert.deepEqual(info.HostConfig.PortBindings, { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] });
    assert.deepEqual(info.HostConfig.RestartPolicy, { Name: 'unless-stopped', MaximumRetryCount: 0 });
    assert.deepEqual(info.HostConfig.Links, [`/${db}:/${name}/database`]);
    assert.deepEqual(info.HostConfig.VolumesFrom, [store]);
    const data = info.Mounts.find((m) => m.Destination === '/data');
    assert.equal(data?.Name, volume);
    assert.equal(data?.RW, false);
    assert.ok(
      info.Mounts.some((m) => m.Destination === '/store'),
      'the volume of --volumes-from is mounted',
    );
    // The options are remembered for this image.
    assert.equal(api.commands.memory?.get(`dockerExplorer.runOptions:${testImage}`), options);
  });

  it('creates a container from an image row and leaves it created, not started', async () => {
    const image = await waitFor(async () => [...api.store.images.values()].find((i) => i.tags.includes(normalizeImageName(testImage))), 'test image known');
    const name = uniqueName('created');
    ui.answer(`--name ${name} -l ${label} -- sleep 3600`, (asked) => {
      assert.match(asked.detail ?? '', new RegExp(`^docker create --name ${name} `));
      return 'Create';
    });
    await vscode.commands.executeCommand('dockerExplorer.containers.create', { kind: 'image', model: image, reference: normalizeImageName(testImage) });
    assert.equal((await docker.getContainer(name).inspect()).State.Status, 'created');
    assert.deepEqual(said(), []);
  });

  it('refuses bad option text with what is wrong, and creates no container', async () => {
    const before = await containerNames();
    ui.answer(testImage, `--name ${uniqueName('bad')} -l ${label} --rm --restart always -- sleep 1`);
    await vscode.commands.executeCommand('dockerExplorer.containers.run');
    assert.equal(said().length, 1);
    assert.match(said()[0].message, /--rm and --restart always conflict.*Drop one/);
    assert.deepEqual(await containerNames(), before);
  });

  it('refuses a bad port in a RunSpec argument before any request', async () => {
    const before = await containerNames();
    const created = await vscode.commands.executeCommand('dockerExplorer.containers.run', { image: testImage, ports: ['8080:70000'], labels: [label] });
    assert.equal(created, undefined);
    assert.equal(said().length, 1);
    assert.match(said()[0].message, /container port 70000 is out of range; ports go from 1 to 65535/);
    assert.deepEqual(await containerNames(), before);
  });

  it('refuses a link to a container that does not exist, and a name already taken, before any request', async () => {
    const before = await containerNames();
    ui.answer(testImage, `--name ${uniqueName('linked')} -l ${label} --link dxt-nobody:db -- sleep 1`);
    await vscode.commands.executeCommand('dockerExplorer.containers.run');
    assert.equal(said().length, 1);
    assert.match(said()[0].message, /--link dxt-nobody:db: no container named "dxt-nobody" exists/);
    assert.deepEqual(await containerNames(), before);

    const taken = uniqueName('taken');
    await createContainer(docker, taken);
    await waitFor(async () => [...api.store.containers.values()].some((c) => c.name === taken), `${taken} known`);
    const again = await containerNames();
    const created = await vscode.commands.executeCommand('dockerExplorer.containers.create', { image: testImage, name: taken, labels: [label] });
    assert.equal(created, undefined);
    assert.match(said()[1].message, new RegExp(`--name ${taken}: a container with this name already exists`));
    assert.deepEqual(await containerNames(), again);
  });

  it('says clearly when a created container fails to start, and names it', async () => {
    const name = uniqueName('nostart');
    await vscode.commands.executeCommand('dockerExplorer.containers.run', { image: testImage, name, labels: [label], command: ['/no/such/program'] });
    assert.equal(said().length, 1);
    assert.equal(said()[0].kind, 'error');
    assert.match(said()[0].message, new RegExp(`Created container ${name}, but it could not start: .*no such file or directory.*still there`, 's'));
    assert.equal((await docker.getContainer(name).inspect()).State.Running, false);
  });

  it('runs -it containers with a terminal attached to the main process, as docker run -it does', async () => {
    const name = uniqueName('tty');
    const id = await vscode.commands.executeCommand<string>('dockerExplorer.containers.run', {
      image: testImage,
      name,
      labels: [label],
      interactive: true,
      tty: true,
      init: true,
      command: ['sh'],
    });
    const info = await docker.getContainer(name).inspect();
    assert.equal(info.State.Running, true);
    assert.equal(info.Config.Tty, true);
    assert.equal(info.Config.OpenStdin, true);
    assert.deepEqual(said(), []);
    const open = await waitFor(
      async () => api.commands.terminals.sessions.find((s) => s.session.kind === 'attach' && s.session.containerName === name),
      `an attach terminal on ${name}`,
    );
    open.terminal.sendText('echo attached-to-$((6*7))');
    await waitFor(async () => open.session.transcript.includes('attached-to-42'), 'the main process answering in the terminal');
    // Ctrl+P Ctrl+Q detaches: the container keeps running.
    open.terminal.sendText('\x10\x11', false);
    await waitFor(async () => !api.commands.terminals.sessions.includes(open), 'the terminal closed by the detach keys');
    assert.equal((await docker.getContainer(id).inspect()).State.Running, true);
  });

  it('copies a docker run line that makes the same container again', async () => {
    const name = uniqueName('copy');
    const port = await freePort();
    const volume = uniqueName('cvol');
    await docker.createVolume({ Name: volume, Labels: { [runLabel]: runId } });
    await vscode.commands.executeCommand('dockerExplorer.containers.run', {
      image: testImage,
      name,
      detach: true,
      init: true,
      env: ['A=1', 'B=two words'],
      ports: [`127.0.0.1:${port}:8080/udp`],
      volumes: [`${volume}:/data:ro`, '/cache'],
      restart: 'on-failure:2',
      labels: [label],
      command: ['sh', '-c', 'echo "hi"; sleep 3600'],
    });
    assert.deepEqual(said(), []);
    const original = await docker.getContainer(name).inspect();
    await waitFor(async () => [...api.store.containers.values()].some((c) => c.name === name), `${name} known`);

    await vscode.commands.executeCommand('dockerExplorer.containers.copyRunCommand', name);
    const line = await vscode.env.clipboard.readText();
    assert.match(
      line,
      new RegExp(`^docker run -d --name ${name} --init --restart on-failure:2 -p 127.0.0.1:${port}:8080/udp -e A=1 -e 'B=two words' -v ${volume}:/data:ro -v /cache `),
    );
    assert.equal(said().length, 1);
    assert.match(said()[0].message, /Copied the docker run command/);

    // Read the line back as the CLI would, and make the container again from it.
    await docker.getContainer(name).remove({ force: true, v: true });
    const { command, ...options } = parseRunOptions(line.replace(/^docker run /, ''));
    const [image, ...cmd] = command ?? [];
    await vscode.commands.executeCommand('dockerExplorer.containers.run', { ...options, image, command: cmd });
    const again = await docker.getContainer(name).inspect();
    assert.equal(again.Config.Image, original.Config.Image);
    assert.deepEqual(again.Config.Env, original.Config.Env);
    assert.deepEqual(again.Config.Cmd, original.Config.Cmd);
    assert.deepEqual(again.Config.Labels, original.Config.Labels);
    assert.deepEqual(again.HostConfig.PortBindings, original.HostConfig.PortBindings);
    assert.deepEqual(again.HostConfig.Binds, original.HostConfig.Binds);
    assert.deepEqual(Object.keys(again.Config.Volumes ?? {}).sort(), Object.keys(original.Config.Volumes ?? {}).sort());
    assert.deepEqual(again.HostConfig.RestartPolicy, original.HostConfig.RestartPolicy);
    assert.equal(again.HostConfig.Init, true);
  });

  describe('pull', () => {
    it('refuses a malformed reference before any request', async () => {
      ui.answer('Bad/Name:tag');
      await vscode.commands.executeCommand('dockerExplorer.images.pull');
      assert.equal(said().length, 1);
      assert.match(said()[0].message, /validation: .*Repository names must be lowercase/);
    });

    it('cancelling aborts the pull and changes nothing', async () => {
      const controller = new AbortController();
      controller.abort();
      await vscode.commands.executeCommand('dockerExplorer.images.pull', registryImage, { signal: controller.signal });
      assert.equal(said().length, 1);
      assert.match(said()[0].message, /Pull of .* cancelled; nothing was changed/);
      await assert.rejects(docker.getImage(registryImage).inspect(), /no such image/i);
    });

    it('pulls from a registry with progress; the image shows in the store, then is up to date', async () => {
      ui.answer(registryImage);
      await vscode.commands.executeCommand('dockerExplorer.images.pull');
      assert.equal(said().length, 1, JSON.stringify(said()));
      assert.match(said()[0].message, /^Pulled .*dx-test\/busybox:1\.0 \(sha256:[0-9a-f]{64}\)/);
      await waitFor(async () => [...api.store.images.values()].some((i) => i.tags.includes(normalizeImageName(registryImage))), 'pulled image in the store');

      await vscode.commands.executeCommand('dockerExplorer.images.pull', registryImage);
      assert.equal(said().length, 2);
      assert.match(said()[1].message, /Image is up to date/);
    });

    it('says clearly that a tag does not exist', async () => {
      const missing = registryImage.replace(/:[^:/]+$/, ':no-such-tag');
      await vscode.commands.executeCommand('dockerExplorer.images.pull', missing);
      assert.equal(said().length, 1);
      assert.equal(said()[0].kind, 'error');
      assert.match(said()[0].message, /The registry has no image .*dx-test\/busybox:no-such-tag .*manifest unknown.*Check the name and the tag/);
    });

    it('pulls a missing image before running a container from it', async () => {
      await docker
        .getImage(registryImage)
        .remove({ force: true })
        .catch(() => undefined);
      const name = uniqueName('pulled');
      await vscode.commands.executeCommand('dockerExplorer.containers.run', { image: registryImage, name, init: true, labels: [label], command: ['sleep', '3600'] });
      assert.deepEqual(said(), []);
      assert.equal((await docker.getContainer(name).inspect()).State.Running, true);
      await docker.getContainer(name).remove({ force: true });
    });
  });
});
