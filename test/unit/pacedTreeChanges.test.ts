import * as assert from 'node:assert/strict';
import type { PacerClock } from '../../src/tree/pacedTreeChanges';
import { requireWithFakeVscode } from './support/fakeVscode';

const { TreeChangePacer } = requireWithFakeVscode<typeof import('../../src/tree/pacedTreeChanges')>('../../src/tree/pacedTreeChanges');

/** A clock moved by hand: timers run when the time passes theirs. */
function manualClock() {
  let time = 1_000;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 0;
  const clock: PacerClock & { advance(ms: number): void } = {
    now: () => time,
    setTimeout: (fn, ms) => {
      timers.set(++next, { at: time + ms, fn });
      return next;
    },
    clearTimeout: (handle) => timers.delete(handle as number),
    advance(ms) {
      time += ms;
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at <= time) {
          timers.delete(id);
          timer.fn();
        }
      }
    },
  };
  return clock;
}

describe("a view's changes paced to VS Code's 200 ms window", () => {
  it('fires a change at once when the window is quiet', () => {
    const clock = manualClock();
    const fired: unknown[] = [];
    const pacer = new TreeChangePacer<string>((c) => fired.push(c), 205, clock);
    pacer.push('a');
    assert.deepEqual(fired, ['a']);
    clock.advance(300);
    pacer.push('b');
    assert.deepEqual(fired, ['a', 'b']);
  });

  it('holds a change that follows another within the window until the window closes, not a window after itself', () => {
    const clock = manualClock();
    const fired: unknown[] = [];
    const pacer = new TreeChangePacer<string>((c) => fired.push(c), 205, clock);
    pacer.push('a'); // a restart's die
    clock.advance(80);
    pacer.push('a'); // its start, 80 ms later: VS Code itself would show it at 280 ms
    assert.deepEqual(fired, ['a'], 'held: fired now it would wait 200 ms and push the window on');
    clock.advance(124);
    assert.deepEqual(fired, ['a']);
    clock.advance(1);
    assert.deepEqual(fired, ['a', 'a'], 'fired when the window of the first closed, 125 ms after it came');
  });

  it('merges what came during the window into one fire, rows as one array, a whole-view change over rows', () => {
    const clock = manualClock();
    const fired: unknown[] = [];
    const pacer = new TreeChangePacer<string>((c) => fired.push(c), 205, clock);
    pacer.push('a');
    clock.advance(10);
    pacer.push('b');
    pacer.push(['c', 'b']);
    clock.advance(200);
    assert.deepEqual(fired, ['a', ['b', 'c']]);
    clock.advance(10);
    pacer.push('d');
    pacer.push(undefined);
    pacer.push('e');
    clock.advance(205);
    assert.deepEqual(fired, ['a', ['b', 'c'], undefined]);
  });

  it('fires nothing after it is disposed', () => {
    const clock = manualClock();
    const fired: unknown[] = [];
    const pacer = new TreeChangePacer<string>((c) => fired.push(c), 205, clock);
    pacer.push('a');
    pacer.push('b');
    pacer.dispose();
    clock.advance(1000);
    assert.deepEqual(fired, ['a']);
  });
});
