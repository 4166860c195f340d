// 3. Burst: a prune of many containers, until the store shows none.
// Each function takes the run's context b (bench/run.mjs): engine, config, results, table rows.
import { fmt, now, sleep, stats } from './lib.mjs';
import { createContainers } from './fill.mjs';

export async function measureBurst(b, size) {
  const { config, socketPath, SET, log, results, tableRows, DockerService, EngineStore } = b;
  const toNone = [];
  const pruneApi = [];
  const fullLists = [];
  for (let run = 0; run < config.burstRuns; run++) {
    await createContainers(b, 'burst', config.burst);
    const service = new DockerService(() => ({ socketPath }));
    const store = new EngineStore(service);
    store.start();
    await store.whenSettled();
    const left = () => [...store.containers.values()].filter((c) => c.name.startsWith('bench-burst-')).length;
    if (left() !== config.burst) throw new Error(`burst: the store shows ${left()} of ${config.burst} containers before the prune`);
    const before = store.fullLists.containers;
    const none = new Promise((resolve) => {
      const off = store.onChange(() => {
        if (left() === 0) {
          off.dispose();
          resolve(now());
        }
      });
    });
    const t0 = now();
    const pruned = await service.pruneContainers({ label: [`${SET}=burst`] });
    const tApi = now();
    const tNone = await Promise.race([none, sleep(60_000).then(() => undefined)]);
    if (pruned.removed.length !== config.burst || tNone === undefined) throw new Error(`burst: pruned ${pruned.removed.length}, store emptied: ${!!tNone}`);
    await store.whenIdle();
    toNone.push(tNone - t0);
    pruneApi.push(tApi - t0);
    fullLists.push(store.fullLists.containers - before);
    store.stop();
  }
  const s = stats(toNone);
  const a = stats(pruneApi);
  results.burst.push({ size, burst: config.burst, toNone: { ...s, samples: toNone }, pruneApi: { ...a, samples: pruneApi }, fullLists });
  tableRows.push([`burst ${config.burst} @${size}`, 'prune API call itself', a.n, fmt(a.median), `${fmt(a.min)}..${fmt(a.max)}`, '']);
  tableRows.push([
    `burst ${config.burst} @${size}`,
    'ours: prune sent -> store shows none',
    s.n,
    fmt(s.median),
    `${fmt(s.min)}..${fmt(s.max)}`,
    `full lists ${fullLists.join(',')}`,
  ]);
  log(`burst: ${fullLists.join(',')} full lists`);
}
