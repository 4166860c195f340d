#!/usr/bin/env node
// Reads a CPU profile of the extension host (DX_BENCH_CPU_PROFILE, bench/vscode/cpuProfile.ts) and
// says where the time went: busy time by origin (our src/ files and each bundled package, read from
// the bundle's esbuild module comments; VS Code; Node; GC) and what ran in the longest busy stretches.
// Usage: node bench/openProfile.mjs PROFILE.cpuprofile [dist/extension.js] [--top N] [--blocks RESULTS.json]
// A non-minified bundle (npm run build) names functions and modules; for the production (minified) one,
// the same build is made again with a source map (checked to be the same code) and frames are read through it.
// --blocks: the long event-loop blocks the open bench recorded (its results.json, bench/vscode/loopBlocks.ts),
// each with what ran in it, instead of guessing from busy stretches (which run across turns that yielded).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const base64 = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** A source map's segments per generated line: [column, source, original line], decoded from its VLQ mappings. */
export function sourceMapLines(map) {
  const lines = [];
  let source = 0;
  let line = 0;
  for (const text of map.mappings.split(';')) {
    const segments = [];
    let generated = 0;
    for (const segment of text ? text.split(',') : []) {
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const c of segment) {
        const digit = base64.get(c);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = shift = 0;
        }
      }
      generated += fields[0];
      if (fields.length < 4) continue;
      source += fields[1];
      line += fields[2]; // fields[3], the original column, is not needed
      segments.push([generated, source, line]);
    }
    lines.push(segments);
  }
  return (genLine, genColumn) => {
    const segments = lines[genLine] ?? [];
    let lo = 0;
    let hi = segments.length - 1;
    let found;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (segments[mid][0] <= genColumn) {
        found = segments[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found && { module: map.sources[found[1]].replace(/^.*?\/(src|node_modules)\//, '$1/'), line: found[2] + 1 };
  };
}

/**
 * The production bundle built again, with a source map, by the checkout it is in (`<root>/dist/extension.js`, so
 * another branch's build is read by its own sources); the map's reader, or undefined when the code differs.
 */
async function productionSourceMap(bundleText, bundlePath) {
  const root = path.resolve(path.dirname(bundlePath), '..');
  const esbuild = await import(pathToFileURL(path.join(root, 'node_modules', 'esbuild', 'lib', 'main.js')).href);
  const { extensionOptions } = await import(pathToFileURL(path.join(root, 'scripts', 'build.mjs')).href);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-open-profile-'));
  try {
    await esbuild.build({ ...extensionOptions, absWorkingDir: root, minify: true, sourcemap: true, outfile: path.join(dir, 'extension.js') });
    const code = fs.readFileSync(path.join(dir, 'extension.js'), 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n');
    return code === bundleText ? sourceMapLines(JSON.parse(fs.readFileSync(path.join(dir, 'extension.js.map'), 'utf8'))) : undefined;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Line ranges of the bundle's modules, from esbuild's `// path` comments (one per module). */
export function bundleModules(bundleText) {
  const starts = [];
  bundleText.split('\n').forEach((line, i) => {
    const m = /^\/\/ ((?:src|node_modules)\/\S+)$/.exec(line);
    if (m) starts.push({ line: i, module: m[1] });
  });
  return starts;
}

function moduleAt(starts, line) {
  let lo = 0;
  let hi = starts.length - 1;
  let found;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid].line <= line) {
      found = starts[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found?.module;
}

/** What a profile node's code is: 'ours src/...', a package, VS Code, Node, or a V8 pseudo-frame. */
function origin(frame, starts, mapped) {
  const url = frame.url ?? '';
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : `(native) ${frame.functionName}`;
  // Built-in extensions (typescript-language-features...) ship a dist/extension.js too: only ours is outside an extensions folder.
  if (url.includes('/dist/extension.js') && !url.includes('/extensions/')) {
    const module = mapped?.(frame.lineNumber, frame.columnNumber)?.module ?? moduleAt(starts, frame.lineNumber) ?? 'bundle';
    const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module);
    return pkg ? `pkg ${pkg[1]}` : `ours ${module}`;
  }
  if (url.startsWith('node:')) return `node ${url.slice(5).split('/')[0]}`;
  if (url.includes('/vs/')) return 'VS Code';
  if (url.includes('/out/bench/') || url.includes('/out/test/')) return 'bench payload';
  const extension = /\/extensions\/([^/]+)\//.exec(url);
  return extension ? `extension ${extension[1]}` : `other ${url.split('/').slice(-2).join('/')}`;
}

/**
 * Time under each bundled module's wrapper (esbuild names it after the module's path in a
 * non-minified bundle), given to the innermost one on the stack: what requiring it cost.
 */
function moduleLoadTimes(profile, nodes) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const owner = new Map();
  const ownerOf = (id) => {
    if (owner.has(id)) return owner.get(id);
    const name = nodes.get(id).callFrame.functionName;
    const m = /^(src\/\S+|node_modules\/((?:@[^/]+\/)?[^/]+))/.exec(name);
    const found = m ? (m[2] ? `pkg ${m[2]}` : `ours ${m[1]}`) : parent.has(id) ? ownerOf(parent.get(id)) : undefined;
    owner.set(id, found);
    return found;
  };
  const times = new Map();
  profile.samples.forEach((id, i) => {
    const who = ownerOf(id);
    if (who) times.set(who, (times.get(who) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return times;
}

export function summarize(profile, bundleText = '', top = 5, { mapped, blocks } = {}) {
  const starts = bundleModules(bundleText);
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const where = (f) => mapped?.(f.lineNumber, f.columnNumber)?.line ?? f.lineNumber + 1;
  const label = (n) => `${n.callFrame.functionName || '(anonymous)'} ${origin(n.callFrame, starts, mapped)}:${where(n.callFrame)}`;
  const sampleAt = [];
  const byOrigin = new Map();
  const stretches = [];
  let current;
  let at = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    const node = nodes.get(profile.samples[i]);
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const o = origin(node.callFrame, starts, mapped);
    sampleAt.push({ atUs: profile.startTime + at, node, dt, o });
    byOrigin.set(o, (byOrigin.get(o) ?? 0) + dt);
    if (o === '(idle)') {
      current = undefined;
      continue;
    }
    if (!current) stretches.push((current = { ms: 0, startMs: at / 1000, self: new Map() }));
    current.ms += dt;
    current.self.set(label(node), (current.self.get(label(node)) ?? 0) + dt);
    const o2 = `[${o}]`;
    current.self.set(o2, (current.self.get(o2) ?? 0) + dt);
  }
  const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  const loading = moduleLoadTimes(profile, nodes);
  const total = (profile.endTime - profile.startTime) / 1000;
  const lines = [`profile ${total.toFixed(0)} ms; self time by origin:`];
  for (const [o, ms] of sorted(byOrigin).slice(0, 25)) lines.push(`  ${ms.toFixed(1).padStart(8)} ms  ${o}`);
  if (loading.size) {
    lines.push('loading the bundle, by the module whose top-level code ran (its requires of Node built-ins included; ms):');
    for (const [what, ms] of sorted(loading).slice(0, 20)) lines.push(`  ${ms.toFixed(1).padStart(8)} ms  ${what}`);
  }
  lines.push(`longest busy stretches (no idle sample between):`);
  for (const s of [...stretches].sort((a, b) => b.ms - a.ms).slice(0, top)) {
    lines.push(`  ${s.ms.toFixed(1)} ms at +${s.startMs.toFixed(0)} ms:`);
    for (const [what, ms] of sorted(s.self).slice(0, 14)) lines.push(`    ${ms.toFixed(1).padStart(7)} ms  ${what}`);
  }
  if (blocks?.length) {
    lines.push('the long event-loop blocks the bench recorded, and what ran in each (self time; [origin] totals):');
    for (const b of [...blocks].sort((x, y) => y.ms - x.ms).slice(0, top)) {
      const self = new Map();
      for (const s of sampleAt) {
        if (s.atUs < b.endUs - b.ms * 1000 || s.atUs > b.endUs || s.o === '(idle)') continue;
        for (const key of [label(s.node), `[${s.o}]`]) self.set(key, (self.get(key) ?? 0) + s.dt);
      }
      lines.push(`  ${b.ms.toFixed(1)} ms block, ending +${((b.endUs - profile.startTime) / 1000).toFixed(0)} ms:`);
      for (const [what, ms] of sorted(self).slice(0, 14)) lines.push(`    ${ms.toFixed(1).padStart(7)} ms  ${what}`);
    }
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, bundle = 'dist/extension.js'] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !['--top', '--blocks'].includes(all[i - 1]));
  const topAt = process.argv.indexOf('--top');
  const top = topAt > 0 ? Number(process.argv[topAt + 1]) : 5;
  const blocksAt = process.argv.indexOf('--blocks');
  const blocks = blocksAt > 0 ? JSON.parse(fs.readFileSync(process.argv[blocksAt + 1], 'utf8')).bench?.longBlocks : undefined;
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const bundleText = fs.existsSync(bundle) ? fs.readFileSync(bundle, 'utf8') : '';
  const mapped = bundleText && bundleModules(bundleText).length === 0 ? await productionSourceMap(bundleText, bundle) : undefined;
  if (bundleText && !bundleModules(bundleText).length && !mapped) console.log('(a minified bundle this checkout does not build: modules unnamed)');
  console.log(summarize(profile, bundleText, top, { mapped, blocks }));
}
