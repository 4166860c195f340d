import * as assert from 'node:assert/strict';
import type { CommandContext } from '../../src/commands/context';
import { pruneVolumes } from '../../src/commands/volumes/pruneVolumes';
import { DockerService } from '../../src/docker/service';
import { EngineStore } from '../../src/docker/store';
import type { DockerExplorerApi } from '../../src/extension';
import { fakeEngine, FakeEngine, fakeVolume } from './support/fakeEngine';
import type { Asked } from './support/scriptedUi';
import { commandSuiteHooks, useScriptedUi } from './support/scriptedUi';

const anonymousId = (n: number) => `${n}`.repeat(64).slice(0, 64);

/**
 * Engine API 1.42 (Docker 23) and later prune only anonymous volumes unless all=true. The Prune
 * Volumes command, run with the extension's own command context but a service and store on a
 * fake engine that reports 1.43, names exactly what that engine's prune would remove and sends
 * removals for exactly those. The real 1.41 engine's answer is checked beside it.
 */
describe('Prune Volumes says what this engine removes: API 1.43 (fake engine) and 1.41 (the test engine)', function () {
  this.timeout(30_000);
  let api: DockerExplorerApi;
  let ui: ReturnType<typeof useScriptedUi>;
  let engine: FakeEngine;
  let service: DockerService;
  let store: EngineStore;
  let ctx: CommandContext;

  commandSuiteHooks((a, u) => {
    api = a;
    ui = u;
  });
  beforeEach(async () => {
    engine = await fakeEngine('1.43');
    engine.volumes = [fakeVolume(anonymousId(1), true), fakeVolume(anonymousId(2), true), fakeVolume('named-data', false), fakeVolume(anonymousId(3), true)];
    // A container mounts the third anonymous volume: no prune removes it.
    engine.containers = [
      {
        Id: 'c'.repeat(64),
        Names: ['/user'],
        Image: 'busybox',
        ImageID: `sha256:${'b'.repeat(64)}`,
        State: 'exited',
        Status: 'Exited (0) 1 minute ago',
        Created: 1,
        Mounts: [{ Type: 'volume', Name: anonymousId(3), Source: '', Destination: '/data', RW: true }],
      },
    ];
    service = new DockerService(() => ({ socketPath: engine.socketPath }), { timeoutMs: 5_000 });
    store = new EngineStore(service);
    // The fake engine's own store, started by the command's lease as the extension's lifetime starts its own.
    const lifetime = { lease: () => (store.start(), { dispose: () => undefined }) };
    ctx = { ...api.commands, service, store, lifetime, scope: undefined, ui };
  });
  afterEach(async () => {
    store.stop();
    await engine.close();
  });

  const names = () => engine.volumes.map((v) => v.Name).sort();

  it('on 1.43 the confirmation names only the unused anonymous volumes, and only they are removed', async () => {
    const late = anonymousId(4);
    ui.answer((asked: Asked) => {
      engine.volumes.push(fakeVolume(late, true)); // made while the dialog is open: not confirmed, so it stays
      assert.match(asked.message, /Remove 2 unused anonymous volumes\?/);
      const [anonymous, named] = (asked.detail ?? '').split('Remove All Unused Volumes');
      assert.match(anonymous, new RegExp(`${anonymousId(1).slice(0, 12)}\\n${anonymousId(2).slice(0, 12)}`));
      assert.doesNotMatch(anonymous, /named-data/, 'the named volume is not among what the first action removes');
      assert.doesNotMatch(asked.detail ?? '', new RegExp(anonymousId(3).slice(0, 12)), 'a mounted volume is never listed');
      assert.match(named ?? '', /named-data/, 'the named volume is listed under the action that removes it');
      assert.deepEqual(asked.options, ['Remove Unused Anonymous Volumes', 'Remove All Unused Volumes']);
      return 'Remove Unused Anonymous Volumes';
    });
    await pruneVolumes(ctx);
    assert.equal(ui.unanswered, 0);
    assert.deepEqual(
      engine
        .changes()
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
      [`DELETE /volumes/${anonymousId(1)}`, `DELETE /volumes/${anonymousId(2)}`],
      'one removal per confirmed volume, no prune that could take a volume made since',
    );
    assert.deepEqual(names(), [anonymousId(3), late, 'named-data'].sort());
    assert.match(ui.messages.at(-1)?.message ?? '', /Removed 2 volumes, reclaimed 2.05 kB/);
  });

  it('on 1.43 Remove All Unused Volumes (-a) removes the named ones it listed too', async () => {
    ui.answer('Remove All Unused Volumes');
    await pruneVolumes(ctx);
    assert.deepEqual(
      engine
        .changes()
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
      [`DELETE /volumes/${anonymousId(1)}`, `DELETE /volumes/${anonymousId(2)}`, 'DELETE /volumes/named-data'],
    );
    assert.deepEqual(names(), [anonymousId(3)]);
  });

  it('on 1.43 with only named volumes unused, Cancel sends nothing and the question says -a', async () => {
    engine.volumes = [fakeVolume('named-data', false)];
    ui.answer((asked: Asked) => {
      assert.match(asked.message, /Remove 1 unused volumes\?/);
      assert.match(asked.detail ?? '', /named-data/);
      assert.match(asked.detail ?? '', /docker volume prune -a/);
      assert.deepEqual(asked.options, ['Remove All Unused Volumes']);
      return undefined;
    });
    await pruneVolumes(ctx);
    assert.equal(ui.unanswered, 0);
    assert.deepEqual(engine.changes(), []);
    assert.deepEqual(names(), ['named-data']);
  });

  it('reads the API version once per connection, and again after reconnect()', async () => {
    const versionReads = () => engine.requests.filter((r) => r.path === '/version').length;
    assert.equal(await service.apiVersion(), '1.43');
    assert.equal(await service.apiVersion(), '1.43');
    assert.equal(await service.prunesOnlyAnonymousVolumes(), true);
    assert.equal(versionReads(), 1);
    service.reconnect();
    assert.equal(await service.apiVersion(), '1.43');
    assert.equal(versionReads(), 2);
  });

  it('the test engine (1.41) prunes named volumes too: the service says so', async () => {
    assert.equal(await api.service.apiVersion(), '1.41');
    assert.equal(await api.service.prunesOnlyAnonymousVolumes(), false);
  });
});
