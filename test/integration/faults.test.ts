import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { runContainer } from '../../src/commands/containers/runContainer';
import { startContainer } from '../../src/commands/containers/startContainer';
import type { CommandContext } from '../../src/commands/context';
import { DockerError } from '../../src/docker/errors';
import { DockerService } from '../../src/docker/service';
import { describeError } from '../../src/errorMessages';
import type { DockerExplorerApi } from '../../src/extension';
import { commandSuiteHooks, useScriptedUi } from './support/scriptedUi';
import { slowEngine } from './support/slowEngine';
import { cleanupRun, createContainer, testDocker, uniqueName } from './support/testEngine';
import { waitFor } from './support/uiBridge';

// Permission denied on the socket is tested for real, as uid nobody, in permission.test.ts.
describe('faults: a slow engine, an object gone meanwhile, a missing tag', function () {
  this.timeout(60_000);
  const docker = testDocker();
  let api: DockerExplorerApi;
  let ui: ReturnType<typeof useScriptedUi>;

  commandSuiteHooks((a, u) => {
    api = a;
    ui = u;
  });
  after(() => cleanupRun(docker));

  it('a slow engine: a request times out with a clear message instead of hanging, a quick enough one succeeds', async () => {
    const proxy = await slowEngine(3_000);
    try {
      const slow = new DockerService(() => ({ socketPath: proxy.socketPath }), { timeoutMs: 1_000 });
      const patient = new DockerService(() => ({ socketPath: proxy.socketPath }), { timeoutMs: 10_000 });
      const started = Date.now();
      const err = await slow.listContainers().then(
        () => undefined,
        (e: unknown) => e,
      );
      const waited = Date.now() - started;
      assert.ok(err instanceof DockerError && err.code === 'timeout', `got ${String(err)}`);
      assert.ok(waited < 2_500, `gave up after ${waited} ms`);
      assert.match(describeError(err, 'the slow engine'), /did not answer in time \(no answer within 1 s; the request may still complete\)/);
      assert.ok(Array.isArray(await patient.listContainers()), 'the proxy passes requests on: the same call with time to spare succeeds');

      // Through a command: the user reads the timeout, nothing waits forever.
      const name = uniqueName('slow');
      await createContainer(docker, name);
      await waitFor(async () => [...api.store.containers.values()].find((c) => c.name === name), `${name} known`);
      const ctx: CommandContext = { ...api.commands, service: slow, ui };
      await startContainer(ctx, name);
      assert.match(ui.messages.at(-1)?.message ?? '', /did not answer in time/);
    } finally {
      await proxy.close();
    }
  });

  it('the events stream is not bounded by the request timeout: it still delivers after a long quiet spell', async () => {
    const quiet = new DockerService(() => ({ socketPath: (process.env.DOCKER_HOST ?? '').slice('unix://'.length) }), { timeoutMs: 300 });
    const stream = (await quiet.events()) as NodeJS.ReadableStream & { destroy(): void };
    try {
      await new Promise((r) => setTimeout(r, 1_000));
      const name = uniqueName('evt');
      const seen = new Promise<void>((resolve) => stream.on('data', (chunk: Buffer) => chunk.toString().includes(name) && resolve()));
      await createContainer(docker, name);
      await Promise.race([seen, new Promise((_, reject) => setTimeout(() => reject(new Error('no event after the quiet spell')), 5_000))]);
    } finally {
      stream.destroy();
    }
  });

  it('a container removed from outside while an action is in flight: a clear not-found message', async () => {
    const name = uniqueName('gone');
    await createContainer(docker, name);
    const model = await waitFor(async () => [...api.store.containers.values()].find((c) => c.name === name), `${name} known`);
    // The action is dispatched from the row the user clicked; the container goes before the request lands.
    const service = Object.create(api.service) as DockerService;
    service.startContainer = async (id: string) => {
      await docker.getContainer(id).remove({ force: true });
      return api.service.startContainer(id);
    };
    await startContainer({ ...api.commands, service, ui }, { kind: 'container', model });
    assert.equal(ui.messages.length, 1);
    assert.match(ui.messages[0].message, /No such container.*It may have been removed meanwhile/i);
    await waitFor(async () => !api.store.containers.has(model.id), 'the row gone from the store');
  });

  it('a name taken between validation and creation: a clear conflict message, nothing of ours created', async () => {
    const name = uniqueName('race');
    // Someone else takes the name after the checks passed, just before the create request lands.
    const service = Object.create(api.service) as DockerService;
    service.createContainer = async (options) => {
      await createContainer(docker, name, { Labels: { 'dx.test.role': 'outside' } });
      return api.service.createContainer(options);
    };
    const id = await runContainer({ ...api.commands, service, ui }, { image: process.env.DX_TEST_IMAGE ?? 'dx-test/busybox:latest', name, command: ['true'] });
    assert.equal(id, undefined, 'Run returns no id');
    assert.equal(ui.messages.length, 1);
    assert.match(ui.messages[0].message, /refused: .*already in use/i);
    const named = await docker.listContainers({ all: true, filters: { name: [name] } });
    assert.deepEqual(
      named.map((c) => c.Labels['dx.test.role']),
      ['outside'],
      "only the other party's container exists",
    );
  });

  it('a pull of a tag that does not exist says so and leaves nothing tagged', async () => {
    const registry = process.env.DX_TEST_REGISTRY;
    assert.ok(registry, 'the harness provides a local registry');
    const reference = `${registry}/dx-test/busybox:no-such-tag-${Date.now()}`;
    const before = (await docker.listImages()).flatMap((i) => i.RepoTags ?? []).sort();
    await vscode.commands.executeCommand('dockerExplorer.images.pull', reference);
    const error = ui.messages.find((m) => m.kind === 'error');
    assert.ok(error, JSON.stringify(ui.messages));
    assert.match(error.message, /not found|does not exist|manifest unknown/i);
    assert.deepEqual((await docker.listImages()).flatMap((i) => i.RepoTags ?? []).sort(), before);
  });
});
