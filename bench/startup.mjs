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
  // ssh2 is a bundle of its own, required on the first ssh:// connection only (scripts/build.mjs).
  const sshBundle = path.join(root, 'dist', 'ssh.js');
  startup.sshBundleBytes = fs.existsSync(sshBundle) ? fs.statSync(sshBundle).size : undefined;
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
  // The floor: a fresh Node requiring nothing but the stub, timed the same way.
  const floorScript = `require(${JSON.stringify(stub)}).install();const t=process.hrtime.bigint();require('node:http');console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  const floor = [];
  const ssh = [];
  const sshScript = `const t=process.hrtime.bigint();require(${JSON.stringify(sshBundle)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  const withSsh = await bundleWithSsh(b);
  const withSshScript = script.replace(JSON.stringify(bundle), JSON.stringify(withSsh));
  startup.requireWithSsh = { bytes: fs.statSync(withSsh).size, samples: [] };
  for (let i = 0; i < config.warmup + config.runs; i++) {
    const o = spawnSync(process.execPath, ['-e', withSshScript], { encoding: 'utf8' });
    if (i >= config.warmup && o.status === 0) startup.requireWithSsh.samples.push(Number(o.stdout.trim()));
    const f = spawnSync(process.execPath, ['-e', floorScript], { encoding: 'utf8' });
    if (i >= config.warmup && f.status === 0) floor.push(Number(f.stdout.trim()));
    if (startup.sshBundleBytes) {
      const r = spawnSync(process.execPath, ['-e', sshScript], { encoding: 'utf8' });
      if (i >= config.warmup && r.status === 0) ssh.push(Number(r.stdout.trim()));
    }
  }
  const fl = stats(floor);
  startup.requireFloor = { ...fl, samples: floor };
  results.startup = startup;
  tableRows.push(['start-up', "require('node:http') in a fresh Node (floor)", fl.n, fmt(fl.median), `${fmt(fl.min)}..${fmt(fl.max)}`, '1.00x']);
  tableRows.push([
    'start-up',
    `require(dist/extension.js), ${startup.bundle}`,
    s.n,
    fmt(s.median),
    `${fmt(s.min)}..${fmt(s.max)}`,
    `${fmt(s.median / fl.median)}x the floor`,
  ]);
  // The bundle as it was before ssh2 became dist/ssh.js, built and timed in this run, alternating with the rest.
  const w = stats(startup.requireWithSsh.samples);
  tableRows.push([
    'start-up',
    'require() of the same bundle with ssh2 inside (before)',
    w.n,
    fmt(w.median),
    `${fmt(w.min)}..${fmt(w.max)}`,
    `${fmt(w.median / fl.median)}x the floor; ${(startup.requireWithSsh.bytes / 1024).toFixed(0)} KiB`,
  ]);
  tableRows.push(['start-up', 'dist/extension.js size', '', '', '', `${(startup.bundleBytes / 1024).toFixed(0)} KiB`]);
  if (ssh.length) {
    const h = stats(ssh);
    startup.requireSsh = { ...h, samples: ssh };
    tableRows.push([
      'start-up',
      'require(dist/ssh.js): first ssh:// connection only',
      h.n,
      fmt(h.median),
      `${fmt(h.min)}..${fmt(h.max)}`,
      `${(startup.sshBundleBytes / 1024).toFixed(0)} KiB`,
    ]);
  }
  if (startup.vsixBytes) tableRows.push(['start-up', '.vsix size', '', '', '', `${(startup.vsixBytes / 1024).toFixed(0)} KiB`]);
}

/** The extension bundle with ssh2 inside, as before scripts/build.mjs made it dist/ssh.js (same minify setting). */
async function bundleWithSsh(b) {
  const { extensionOptions } = await import('../scripts/build.mjs');
  const esbuild = await import('esbuild');
  const outfile = path.join(b.workDir, 'with-ssh', 'extension.js');
  await esbuild.build({
    ...extensionOptions,
    minify: b.config.packageVsix,
    sourcemap: false,
    outfile,
    plugins: extensionOptions.plugins.filter((p) => p.name !== 'ssh-on-demand'),
  });
  return outfile;
}
