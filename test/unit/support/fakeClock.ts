/**
 * Fake timers for one test: `setTimeout`/`clearTimeout` on globalThis are replaced until `restore()`,
 * and `advance(ms)` moves `now()` forward, running each due timer at its own time, in order.
 */
export function fakeClock() {
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  let clock = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const fake = globalThis as unknown as Record<string, unknown>;
  fake.setTimeout = (fn: () => void, ms = 0) => {
    const id = nextId++;
    timers.set(id, { at: clock + Math.max(0, ms), fn });
    return id;
  };
  fake.clearTimeout = (id: number | undefined) => id !== undefined && timers.delete(id);
  return {
    now: () => clock,
    /** Timers still set. */
    get pending() {
      return timers.size;
    },
    advance(ms: number) {
      const end = clock + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= end).sort(([a, x], [b, y]) => x.at - y.at || a - b)[0];
        if (!due) break;
        timers.delete(due[0]);
        clock = due[1].at;
        due[1].fn();
      }
      clock = end;
    },
    restore() {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    },
  };
}
