// Filling the benchmark engine: containers by set, images (commits) and volumes, and removing them again.
// Each function takes the run's context b (bench/run.mjs): engine, config, results, table rows.
import { api, fmt, now, pool } from './lib.mjs';

export async function createContainers(b, set, count, start = 0) {
  const { engine, socketPath, LABEL, SET, q } = b;
  await pool(count, 16, (i) =>
    api(socketPath, 'POST', `/containers/create?${q({ name: `bench-${set}-${start + i}` })}`, {
      Image: engine.testImage,
      Cmd: ['sleep', '3600'],
      Labels: { [LABEL]: '1', [SET]: set },
      HostConfig: { Init: true },
    }),
  );
}

export async function fillContainers(b, set, size) {
  const { socketPath, SET, log, filters } = b;
  const have = (await api(socketPath, 'GET', `/containers/json?all=1&filters=${filters({ label: [`${SET}=${set}`] })}`)).length;
  if (have >= size) return;
  const t0 = now();
  await createContainers(b, set, size - have, have);
  log(`created ${size - have} containers (now ${size}) in ${fmt(now() - t0)} ms`);
}

// Distinct images cheaply: commits of one never-started container, each with its own label.
export async function fillImagesAndVolumes(b) {
  const { config, engine, socketPath, LABEL, SET, log, q } = b;
  const t0 = now();
  const source = await api(socketPath, 'POST', `/containers/create?${q({ name: 'bench-image-source' })}`, {
    Image: engine.testImage,
    Cmd: ['true'],
    Labels: { [LABEL]: '1', [SET]: 'image-source' },
  });
  await pool(config.images, 8, (i) =>
    api(socketPath, 'POST', `/commit?${q({ container: source.Id, repo: 'dx-bench/img', tag: `v${i}`, pause: 'false', changes: `LABEL ${LABEL}.image=${i}` })}`),
  );
  await api(socketPath, 'DELETE', `/containers/${source.Id}`);
  await pool(config.volumes, 16, (i) => api(socketPath, 'POST', '/volumes/create', { Name: `dx-bench-vol-${i}`, Labels: { [LABEL]: '1' } }));
  log(`created ${config.images} images and ${config.volumes} volumes in ${fmt(now() - t0)} ms`);
}

export async function cleanBenchObjects(b) {
  const { socketPath, LABEL, filters } = b;
  const containers = await api(socketPath, 'GET', `/containers/json?all=1&filters=${filters({ label: [LABEL] })}`);
  await pool(containers.length, 16, (i) => api(socketPath, 'DELETE', `/containers/${containers[i].Id}?force=1`).catch(() => {}));
  const images = await api(socketPath, 'GET', `/images/json?filters=${filters({ reference: ['dx-bench/img'] })}`);
  await pool(images.length, 8, (i) => api(socketPath, 'DELETE', `/images/${images[i].Id}?force=1`).catch(() => {}));
  const volumes = (await api(socketPath, 'GET', `/volumes?filters=${filters({ label: [LABEL] })}`)).Volumes ?? [];
  await pool(volumes.length, 16, (i) => api(socketPath, 'DELETE', `/volumes/${volumes[i].Name}`).catch(() => {}));
}
