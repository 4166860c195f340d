// 5. Start-up: requiring the bundle, and its size (and the .vsix's).
// Each function takes the run's context b (bench/run.mjs): engine, config, results, table rows.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fmt, stats } from './lib.mjs';

export async function measureStartup(b) {
  const { config, log, results, tableRows, root } = b;
  const startup = {};
  if (config.packageVsix) {
    log('packaging (npm run package: production bundle + vsce)');
    const r = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run package failed:\n${r.stdout}\n${r.stderr}`);
    startup.vsixBytes = fs.statSync(path.join(root, 'docker-explorer.vsix')).size;
  }
  const bundle = path.join(root, 'dist', 'extension.js');
  startup.bundleBytes = fs.statSync(bundle).size;
  startup.bundle = config.packageVsix ? 'production (minified)' : 'as last built';
  const stub = path.join(root, 'bench', 'vscode-stub.cjs');
  const script = `require(${JSON.stringify(stub)}).install();const t=process.hrtime.bigint();require(${JSON.stringify(bundle)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  const samples = [];
  for (let i = 0; i < config.warmup + config.runs; i++) {
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`requiring the bundle failed: ${r.stderr}`);
    if (i >= config.warmup) samples.push(Number(r.stdout.trim()));
  }
  const s = stats(samples);
  startup.require = { ...s, samples };
  results.startup = startup;
  tableRows.push(['start-up', `require(dist/extension.js), ${startup.bundle}`, s.n, fmt(s.median), `${fmt(s.min)}..${fmt(s.max)}`, '']);
  tableRows.push(['start-up', 'dist/extension.js size', '', '', '', `${(startup.bundleBytes / 1024).toFixed(0)} KiB`]);
  if (startup.vsixBytes) tableRows.push(['start-up', '.vsix size', '', '', '', `${(startup.vsixBytes / 1024).toFixed(0)} KiB`]);
}
