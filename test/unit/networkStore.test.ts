import * as assert from 'node:assert/strict';
import { Emitter } from '../../src/docker/event';
import type { EngineEvent } from '../../src/docker/events';
import { NetworkStore } from '../../src/docker/networkStore';
import type { NetworkModel } from '../../src/docker/networks';
import type { DockerService } from '../../src/docker/service';
import type { EngineStore, StoreStatus } from '../../src/docker/store';
import { network } from './support/models';

/** A network whose id is its name, as these tests name them. */
const networkWithId = (id: string) => network(id, { id });

/** The engine's networks, and what was asked of them. */
function fakes() {
  const engine = new Map<string, NetworkModel>([['n1', networkWithId('n1')]]);
  const asked: string[] = [];
  const service = {
    listNetworks: async () => (asked.push('list'), [...engine.values()]),
    findNetwork: async (id: string) => (asked.push(`inspect ${id}`), engine.get(id)),
  } as unknown as DockerService;
  const statuses = new Emitter<StoreStatus>();
  const events = new Emitter<EngineEvent>();
  let status: StoreStatus = { state: 'connecting' };
  const store = {
    get status() {
      return status;
    },
    onStatus: statuses.event,
    onNetworkEvent: events.event,
    whenSettled: async () => status,
  } as unknown as EngineStore;
  const setStatus = (s: StoreStatus) => {
    status = s;
    statuses.fire(s);
  };
  const event = (action: string, id: string) => events.fire({ type: 'network', action, id, attributes: {}, timeNano: 0 });
  return { engine, asked, service, store, setStatus, event };
}

describe('the networks store', () => {
  it('lists in full when the store is ready, then inspects only the network an event names', async () => {
    const f = fakes();
    const networks = new NetworkStore(f.store, f.service, 1);
    const changes: unknown[] = [];
    networks.onChange((c) => changes.push(c));
    f.setStatus({ state: 'ready' });
    assert.equal((await networks.whenListed()).state, 'ready');
    assert.deepEqual([...networks.networks.keys()], ['n1']);

    f.engine.set('n2', networkWithId('n2'));
    f.event('create', 'n2');
    await networks.whenIdle();
    f.engine.delete('n1');
    f.event('destroy', 'n1');
    await networks.whenIdle();
    assert.deepEqual(f.asked, ['list', 'inspect n2', 'inspect n1']);
    assert.deepEqual([...networks.networks.keys()], ['n2']);
    assert.deepEqual(changes, [
      { full: true, updated: [], removed: [] },
      { full: false, updated: ['n2'], removed: [] },
      { full: false, updated: [], removed: ['n1'] },
    ]);
    assert.equal(networks.fullLists, 1);
    networks.dispose();
  });

  it('forgets everything when the engine fails, and lists again when it is back', async () => {
    const f = fakes();
    const networks = new NetworkStore(f.store, f.service, 1);
    f.setStatus({ state: 'ready' });
    await networks.whenListed();
    f.setStatus({ state: 'failed', error: new Error('gone') as never });
    assert.equal(networks.networks.size, 0);
    assert.equal(networks.status.state, 'failed');
    f.setStatus({ state: 'ready' });
    await networks.whenIdle();
    assert.equal(networks.status.state, 'ready');
    assert.equal(networks.fullLists, 2);
    networks.dispose();
  });
});
