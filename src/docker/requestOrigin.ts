import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which requests the stores made to keep their picture current (lists after events, the first list,
 * retries), told apart by the async context their flush runs in. A count of the others says what a
 * command or a row asked, whatever events of earlier work arrive meanwhile.
 */
const origin = new AsyncLocalStorage<'store'>();

/** Runs a store's flush; every request made in it, including after awaits, counts as the store's. */
export function asStore<T>(work: () => T): T {
  return origin.run('store', work);
}

export function madeByStore(): boolean {
  return origin.getStore() === 'store';
}
