import * as assert from 'node:assert/strict';
import { WholeViewRefresh } from '../../src/tree/wholeViewRefresh';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('whole-view refreshes during a burst', () => {
  it('fires the first request at once', () => {
    let fired = 0;
    const refresh = new WholeViewRefresh(() => fired++, 50);
    refresh.request();
    assert.equal(fired, 1);
    refresh.dispose();
  });

  it('turns a burst of requests into one more fire after the interval, not one per request', async () => {
    let clock = 0;
    let fired = 0;
    const refresh = new WholeViewRefresh(
      () => fired++,
      40,
      () => clock,
    );
    refresh.request();
    for (let i = 0; i < 100; i++) {
      clock += 0.1;
      refresh.request();
    }
    assert.equal(fired, 1, 'only the first fired during the burst');
    await sleep(80);
    assert.equal(fired, 2, 'one trailing fire carries the rest of the burst');
    clock += 1000;
    refresh.request();
    assert.equal(fired, 3, 'after a quiet interval a request fires at once again');
    refresh.dispose();
  });

  it('fires nothing after it is disposed', async () => {
    let fired = 0;
    const refresh = new WholeViewRefresh(() => fired++, 20);
    refresh.request();
    refresh.request();
    refresh.dispose();
    await sleep(50);
    assert.equal(fired, 1);
  });
});
