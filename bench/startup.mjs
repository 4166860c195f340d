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
  // VS Code's API has about 200 top-level names, the stub a score: the per-module copies of the namespace
  // (before scripts/build.mjs shared one) only show with a namespace of the real size. Timed alternately.
  const perModule = await bundleWithPerModuleVscode(b);
  const padded = (file) =>
    `const s=require(${JSON.stringify(stub)});s.install();for(let i=0;i<${VSCODE_API_NAMES};i++)s['Api'+i]=class{};const t=process.hrtime.bigint();require(${JSON.stringify(file)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  startup.requirePadded = { samples: [] };
  startup.requirePerModule = { bytes: fs.statSync(perModule).size, samples: [] };
  for (let i = 0; i < config.warmup + config.runs; i++) {
    for (const [file, into] of [
      [bundle, startup.requirePadded.samples],
      [perModule, startup.requirePerModule.samples],
    ]) {
      const r = spawnSync(process.execPath, ['-e', padded(file)], { encoding: 'utf8' });
      if (i >= config.warmup && r.status === 0) into.push(Number(r.stdout.trim()));
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
  for (const [what, samples, note] of [
    [`require(dist/extension.js), stub with ${VSCODE_API_NAMES} more API names`, startup.requirePadded.samples, 'one copy of the vscode namespace'],
    ['the same with a vscode copy per importing module (before)', startup.requirePerModule.samples, "esbuild's __toESM in 130 modules"],
  ]) {
    const p = stats(samples);
    tableRows.push(['start-up', what, p.n, fmt(p.median), `${fmt(p.min)}..${fmt(p.max)}`, note]);
  }
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

/** About as many top-level names as VS Code's API has (@types/vscode: 202 namespaces, classes, enums, functions). */
const VSCODE_API_NAMES = 200;

/** The extension bundle as esbuild made it before the one-vscode-namespace plugin (same minify setting). */
async function bundleWithPerModuleVscode(b) {
  const { extensionOptions } = await import('../scripts/build.mjs');
  const esbuild = await import('esbuild');
  const outfile = path.join(b.workDir, 'per-module-vscode', 'extension.js');
  await esbuild.build({
    ...extensionOptions,
    minify: b.config.packageVsix,
    sourcemap: false,
    outfile,
    plugins: extensionOptions.plugins.filter((p) => p.name !== 'one-vscode-namespace'),
  });
  return outfile;
}
