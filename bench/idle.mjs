// 4. Idle: the requests the store makes while nothing changes.
// Each function takes the run's context b (bench/run.mjs): engine, config, results, table rows.
import path from 'node:path';
import { countingProxy, sleep } from './lib.mjs';

export async function measureIdle(b, size) {
  const { config, socketPath, workDir, log, results, tableRows, DockerService, EngineStore } = b;
  const proxy = await countingProxy(path.join(workDir, 'proxy.sock'), socketPath);
  const store = new EngineStore(new DockerService(() => ({ socketPath: path.join(workDir, 'proxy.sock') })));
  store.start();
  await store.whenSettled();
  await store.whenIdle();
  await sleep(1000);
  const atStart = proxy.requests();
  await sleep(config.idleSeconds * 1000);
  const during = proxy.requests().slice(atStart.length);
  store.stop();
  await proxy.close();
  const besidesEvents = during.filter((r) => !r.startsWith('GET /events'));
  results.idle = { size, seconds: config.idleSeconds, startRequests: atStart, during, requestsBesidesEvents: besidesEvents.length };
  tableRows.push([
    `idle ${config.idleSeconds} s @${size}`,
    'ours: requests besides the events stream',
    besidesEvents.length,
    '',
    '',
    `start-up: ${atStart.length} requests`,
  ]);
  log(`idle: ${besidesEvents.length} requests in ${config.idleSeconds} s (start-up made ${atStart.length}: ${atStart.join(', ')})`);
}
