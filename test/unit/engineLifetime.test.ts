import * as assert from 'node:assert/strict';
import { Emitter } from '../../src/docker/event';
import type { ProcessConnection } from '../../src/docker/hostEnvironment';
import type { DockerService } from '../../src/docker/service';
import type { EngineStore } from '../../src/docker/store';
import { requireWithFakeVscode } from './support/fakeVscode';

const { EngineLifetime } = requireWithFakeVscode<typeof import('../../src/tree/engineLifetime')>('../../src/tree/engineLifetime');

/** The store's start and stop, counted; the rest of what EngineLifetime reads, inert. */
function fakes() {
  const calls: string[] = [];
  let running = false;
  const store = {
    start: () => {
      if (!running) calls.push('start');
      running = true;
    },
    stop: () => {
      if (running) calls.push('stop');
      running = false;
    },
  } as unknown as EngineStore;
  const service = { reconnect: () => undefined } as unknown as DockerService;
  const connection = { watchedFiles: () => [], resolve: () => false } as unknown as ProcessConnection;
  return { calls, store, service, connection };
}

function fakeView(visible = false) {
  const visibility = new Emitter<{ visible: boolean }>();
  return {
    view: { visible, onDidChangeVisibility: visibility.event } as never,
    show: () => visibility.fire({ visible: true }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('EngineLifetime at activation', () => {
  it('starts the events stream at once, before VS Code says a view is visible', () => {
    const { calls, store, service, connection } = fakes();
    const lifetime = new EngineLifetime(store, service, connection, [fakeView().view], 50);
    try {
      assert.deepEqual(calls, ['start']);
      assert.equal(typeof lifetime.firstStartAt, 'number', 'the start-up benchmark can read when');
    } finally {
      lifetime.dispose();
    }
  });

  it('stops that start after the grace period when no view becomes visible and no command holds it', async () => {
    const { calls, store, service, connection } = fakes();
    const lifetime = new EngineLifetime(store, service, connection, [fakeView().view], 30);
    try {
      await sleep(80);
      assert.deepEqual(calls, ['start', 'stop']);
    } finally {
      lifetime.dispose();
    }
  });

  it('keeps it running when the view becomes visible within the grace period, without a second start', async () => {
    const { calls, store, service, connection } = fakes();
    const view = fakeView();
    const lifetime = new EngineLifetime(store, service, connection, [view.view], 30);
    try {
      await sleep(5);
      view.show();
      await sleep(80);
      assert.deepEqual(calls, ['start']);
    } finally {
      lifetime.dispose();
    }
  });
});
