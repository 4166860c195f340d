// 2. Change to view: from a lifecycle request to the store showing the new row, ours and Microsoft's design.
// Each function takes the run's context b (bench/run.mjs): engine, config, results, table rows.
import { api, fmt, now, sleep, stats } from './lib.mjs';
import { createContainers } from './fill.mjs';

export function waitForRow(store, id, predicate, timeoutMs = 10_000) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off.dispose();
      resolve(undefined);
    }, timeoutMs);
    const off = store.onChange((change) => {
      if (change.kind !== 'containers' || !(change.full || change.updated.includes(id) || change.removed.includes(id))) return;
      if (predicate(store.containers.get(id))) {
        clearTimeout(timer);
        off.dispose();
        resolve(now());
      }
    });
  });
}

/** start, stop, rename, remove: one cycle per container, each with what its row must then show. */
export function lifecycle(service, id, name) {
  return [
    ['start', () => service.startContainer(id), (c) => c?.engineState === 'running'],
    ['stop', () => service.stopContainer(id, 2), (c) => c?.engineState === 'exited'],
    ['rename', () => service.renameContainer(id, `${name}-renamed`), (c) => c?.name === `${name}-renamed`],
    ['remove', () => service.removeContainer(id, { force: true }), (c) => c === undefined],
  ];
}

export async function createChangeTargets(b, set, count) {
  const { socketPath, SET, filters } = b;
  await createContainers(b, set, count);
  return api(socketPath, 'GET', `/containers/json?all=1&filters=${filters({ label: [`${SET}=${set}`] })}`);
}

export async function measureChangeToView(b, size) {
  const { config, socketPath, log, results, tableRows, DockerService, EngineStore } = b;
  const targets = await createChangeTargets(b, 'change', Math.ceil(config.changes / 4));
  const service = new DockerService(() => ({ socketPath }));
  const store = new EngineStore(service);
  store.start();
  await store.whenSettled();
  const samples = { request: [], afterApi: [], api: [] };
  let missed = 0;
  for (const target of targets) {
    for (const [, act, shows] of lifecycle(service, target.Id, target.Names[0].slice(1))) {
      const seen = waitForRow(store, target.Id, shows);
      const t0 = now();
      await act();
      const tApi = now();
      const tRow = await seen;
      if (tRow === undefined) {
        missed++;
        continue;
      }
      samples.api.push(tApi - t0);
      samples.request.push(tRow - t0);
      samples.afterApi.push(Math.max(0, tRow - tApi));
    }
  }
  store.stop();
  const entry = { size, missed, fullLists: { ...store.fullLists } };
  for (const [key, label] of [
    ['api', 'the API call itself (start/stop/rename/remove)'],
    ['request', 'ours: request sent -> store change with the new row'],
    ['afterApi', 'ours: API returned -> store change with the new row'],
  ]) {
    const s = stats(samples[key]);
    entry[key] = { ...s, samples: samples[key] };
    tableRows.push([`change @${size}`, label, s.n, fmt(s.median), `${fmt(s.min)}..${fmt(s.max)}`, `p95 ${fmt(s.p95)}`]);
  }
  results.change.push({ design: 'ours', ...entry });
  log(`change to view: ${samples.request.length} changes, ${missed} not seen within 10 s`);
}

// Microsoft's Container Tools: 500 ms after an event, list everything again through the CLI.
export async function measureMicrosoftDesign(b, size) {
  const { config, socketPath, log, results, tableRows, DockerService, msClient, msRun } = b;
  const targets = await createChangeTargets(b, 'change-ms', Math.ceil(config.microsoftChanges / 4));
  const service = new DockerService(() => ({ socketPath }));
  const samples = { request: [], afterApi: [], list: [] };
  let missed = 0;
  for (const target of targets) {
    for (const [, act, shows] of lifecycle(service, target.Id, target.Names[0].slice(1))) {
      const t0 = now();
      await act();
      const tApi = now();
      await sleep(500);
      const tList = now();
      const rows = await msRun(msClient.listContainers({ all: true }));
      const tRow = now();
      const row = rows.find((r) => r.id === target.Id);
      if (!shows(row && { engineState: row.state, name: row.name })) missed++;
      samples.request.push(tRow - t0);
      samples.afterApi.push(tRow - tApi);
      samples.list.push(tRow - tList);
    }
  }
  const entry = { design: 'microsoft (500 ms + full CLI list)', size, missed };
  for (const [key, label] of [
    ['list', 'MS design: the full CLI list alone'],
    ['afterApi', 'MS design: API returned -> 500 ms + full CLI list'],
  ]) {
    const s = stats(samples[key]);
    entry[key] = { ...s, samples: samples[key] };
    tableRows.push([`change @${size}`, label, s.n, fmt(s.median), `${fmt(s.min)}..${fmt(s.max)}`, `p95 ${fmt(s.p95)}`]);
  }
  entry.request = { ...stats(samples.request), samples: samples.request };
  results.change.push(entry);
  log(`Microsoft's design: ${samples.request.length} changes, ${missed} rows not yet right after the list`);
}
