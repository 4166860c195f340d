// 1. Listing: each view's list through the Engine API floor, ours, the docker CLI and vscode-container-client.
// Each function takes the run's context b (bench/run.mjs): engine, config, results, table rows.
import fs from 'node:fs';
import path from 'node:path';
import { cliJsonLines, fmt, now, rawList, startReplayServer, stats } from './lib.mjs';

export function containerMethods(b, socketPath = b.engine.socketPath) {
  const { engine, cliEnv, CLI, DockerService, groupContainers, ContainerNode, msClient, msRun } = b;
  return {
    'Engine API, Node http (floor)': () => rawList(socketPath, '/containers/json?all=1'),
    'ours: service + models + grouping + tree items': async () => {
      const models = await new DockerService(() => ({ socketPath })).listContainers();
      const { groups, ungrouped } = groupContainers(models, 'composeProject', 'created');
      const items = groups.flatMap((g) => g.containers.map((c) => new ContainerNode(c, { id: `group:${g.key}` }).getTreeItem()));
      return items.concat(ungrouped.map((c) => new ContainerNode(c, undefined).getTreeItem()));
    },
    'ours: service call + models only': () => new DockerService(() => ({ socketPath })).listContainers(),
    "docker ps -a --no-trunc --format '{{json .}}'": () => cliJsonLines(CLI, ['-H', engine.dockerHost, 'ps', '-a', '--no-trunc', '--format', '{{json .}}'], cliEnv),
    'vscode-container-client listContainers': () => msRun(msClient.listContainers({ all: true })),
  };
}

export function imageMethods(b) {
  const { engine, socketPath, cliEnv, CLI, DockerService, ImageNode, msClient, msRun } = b;
  return {
    'Engine API, Node http (floor)': () => rawList(socketPath, '/images/json'),
    'ours: service + models + tree items': async () => {
      const models = await new DockerService(() => ({ socketPath })).listImages();
      return models.flatMap((m) => (m.tags.length ? m.tags : [undefined]).map((tag) => new ImageNode(m, tag, { id: 'images' }, () => []).getTreeItem()));
    },
    "docker images --no-trunc --format '{{json .}}'": () => cliJsonLines(CLI, ['-H', engine.dockerHost, 'images', '--no-trunc', '--format', '{{json .}}'], cliEnv),
    'vscode-container-client listImages': () => msRun(msClient.listImages({})),
  };
}

export function volumeMethods(b) {
  const { engine, socketPath, cliEnv, CLI, DockerService, VolumeNode, msClient, msRun } = b;
  return {
    'Engine API, Node http (floor)': async () => (await rawList(socketPath, '/volumes')).Volumes,
    'ours: service + models + tree items': async () => {
      const models = await new DockerService(() => ({ socketPath })).listVolumes();
      return models.map((m) => new VolumeNode(m, () => []).getTreeItem());
    },
    "docker volume ls --format '{{json .}}'": () => cliJsonLines(CLI, ['-H', engine.dockerHost, 'volume', 'ls', '--format', '{{json .}}'], cliEnv),
    'vscode-container-client listVolumes': () => msRun(msClient.listVolumes({})),
  };
}

// Methods take turns within each round (rotating who goes first), so noise hits all alike.
export async function measureListing(b, view, size, methods) {
  const { config, log, results, tableRows } = b;
  const names = Object.keys(methods);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const rows = {};
  for (let round = 0; round < config.warmup + config.runs; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length];
      const t0 = now();
      const result = await methods[name]();
      const dt = now() - t0;
      rows[name] = result.length;
      if (round >= config.warmup) samples[name].push(dt);
    }
  }
  const floor = stats(samples[names[0]]).median;
  for (const name of names) {
    const s = stats(samples[name]);
    const entry = { view, size, method: name, rows: rows[name], ...s, ratio: s.median / floor, samples: samples[name] };
    results.listing.push(entry);
    tableRows.push([`${view} ${size}`, name, rows[name], fmt(s.median), `${fmt(s.min)}..${fmt(s.max)}`, `${entry.ratio.toFixed(2)}x`]);
  }
  log(`listed ${view} at ${size}`);
}

// The same listing against a recorded answer served by a separate process: the engine's time
// (most of the total, and the noisiest part) is gone, so the ratio shows the client's own cost.
export async function measureReplayedListing(b, size) {
  const { config, socketPath, workDir, root } = b;
  const bodyFile = path.join(workDir, 'containers.json');
  const replaySocket = path.join(workDir, 'replay.sock');
  fs.writeFileSync(bodyFile, JSON.stringify(await rawList(socketPath, '/containers/json?all=1')));
  const server = await startReplayServer(root, replaySocket, [bodyFile]);
  const methods = containerMethods(b, replaySocket);
  const picked = Object.fromEntries(Object.entries(methods).filter(([name]) => !name.startsWith('docker') && !name.startsWith('vscode-')));
  const runs = config.runs;
  config.runs = config.replayRuns;
  try {
    await measureListing(b, 'containers (replayed)', size, picked);
  } finally {
    config.runs = runs;
    server.kill();
  }
}
