import * as assert from 'node:assert/strict';
import { Emitter } from '../../src/docker/event';

describe('Event<T> (src/docker/event.ts)', () => {
  it('delivers each value to every listener until its subscription is disposed', () => {
    const emitter = new Emitter<number>();
    const a: number[] = [];
    const b: number[] = [];
    const subA = emitter.event((v) => a.push(v));
    emitter.event((v) => b.push(v));
    emitter.fire(1);
    subA.dispose();
    emitter.fire(2);
    assert.deepEqual(a, [1]);
    assert.deepEqual(b, [1, 2]);
  });

  it('the same function subscribed twice is two subscriptions, each disposed alone', () => {
    const emitter = new Emitter<string>();
    const seen: string[] = [];
    const listener = (v: string) => seen.push(v);
    const first = emitter.event(listener);
    emitter.event(listener);
    emitter.fire('x');
    first.dispose();
    emitter.fire('y');
    assert.deepEqual(seen, ['x', 'x', 'y']);
  });

  it('a listener that disposes itself while a value is delivered does not stop the others hearing it', () => {
    const emitter = new Emitter<number>();
    const seen: string[] = [];
    const self = emitter.event(() => {
      seen.push('self');
      self.dispose();
    });
    emitter.event(() => seen.push('other'));
    emitter.fire(1);
    emitter.fire(2);
    assert.deepEqual(seen, ['self', 'other', 'other']);
  });

  it('dispose() of the emitter drops every listener', () => {
    const emitter = new Emitter<number>();
    let heard = 0;
    emitter.event(() => heard++);
    emitter.dispose();
    emitter.fire(1);
    assert.equal(heard, 0);
  });
});
