// The floor of the opening rows: the engine's own answer at the same size, measured in the same run
// (raw GET over the socket with Node http, then JSON.parse, as the listing rows' floor): the whole list, and the first page the store asks for.
import { now, rawList, stats } from './lib.mjs';

export const firstPage = 100; // src/tree/containersProvider.ts containersFirstPage

export async function engineListFloor(socketPath, runs = 3) {
  const whole = [];
  const page = [];
  for (let i = 0; i < runs; i++) {
    let t0 = now();
    await rawList(socketPath, '/containers/json?all=1');
    whole.push(now() - t0);
    t0 = now();
    await rawList(socketPath, `/containers/json?all=1&limit=${firstPage}`);
    page.push(now() - t0);
  }
  return { whole: { ...stats(whole), samples: whole }, page: { ...stats(page), samples: page }, firstPage };
}
