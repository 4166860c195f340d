// 6. In a real VS Code (bench/vscode.mjs): start-up and memory with the production bundle.
// Each function takes the run's context b (bench/run.mjs): engine, config, results, table rows.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { cleanBenchObjects, fillContainers, fillImagesAndVolumes } from './fill.mjs';
import { measureMemoryInVSCode, measureStartupInVSCode } from './vscode.mjs';

// What users run: the production bundle (the listing sections load out/src, not dist/).
export function productionBundleForVSCode(b) {
  const { config, results, root } = b;
  if (!results.vscode.bundle) {
    if (config.build) {
      const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production'], { cwd: root, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`production build failed:\n${r.stdout}\n${r.stderr}`);
    }
    results.vscode.bundle = config.build ? 'production (minified)' : 'as last built';
  }
  return results.vscode.bundle;
}

export async function measureStartupInRealVSCode(b, size) {
  const { config, engine, log, results, vscodeRows, root } = b;
  log(`start-up in VS Code: ${config.vscodeRuns} fresh windows with ${size} containers, ${productionBundleForVSCode(b)} bundle`);
  const { result, rows } = await measureStartupInVSCode({ root, engine, runs: config.vscodeRuns, containers: size, rowPrefix: 'bench-list-', log });
  results.vscode.startup = result;
  vscodeRows.push(...rows);
}

/** Opening the view at each of BENCH_OPEN_SIZES, in a cold host (activated by the view) and a warm one. */
export async function measureOpeningInRealVSCode(b, size) {
  const { config, engine, log, results, vscodeRows, root } = b;
  log(`opening the view in VS Code @${size}: ${config.vscodeRuns} cold and ${config.vscodeRuns} warm windows, ${productionBundleForVSCode(b)} bundle`);
  for (const warm of [false, true]) {
    const { result, rows } = await measureStartupInVSCode({
      root,
      engine,
      runs: config.vscodeRuns,
      containers: size,
      rowPrefix: 'bench-list-',
      log,
      warm,
      compare: config.openCompare,
    });
    results.vscode.opening = [...(results.vscode.opening ?? []), result];
    vscodeRows.push(...rows);
  }
}

export async function measureMemoryInRealVSCode(b) {
  const { config, engine, log, results, vscodeRows, root } = b;
  const counts = { containers: config.memoryContainers, images: config.images, volumes: config.volumes };
  log(`memory in VS Code: ${config.memoryRuns} hosts, none -> ${JSON.stringify(counts)}, ${productionBundleForVSCode(b)} bundle`);
  const { result, rows } = await measureMemoryInVSCode({
    root,
    engine,
    runs: config.memoryRuns,
    counts,
    log,
    clean: () => cleanBenchObjects(b),
    fill: async () => {
      await fillImagesAndVolumes(b);
      await fillContainers(b, 'list', counts.containers);
    },
  });
  results.vscode.memory = result;
  vscodeRows.push(...rows);
}
