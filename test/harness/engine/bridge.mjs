// The engine's own network bridge, marked with its root so that a crash's leftover is recognised.
import fs from 'node:fs';
import { run } from '../processes.mjs';

// The alias marks a bridge as this root's, so a leftover from a crash is reused, then deleted.
const bridgeMark = (L) => `dx-engine ${L.root}`;
const bridgeOwner = (name) => {
  try {
    return fs.readFileSync(`/sys/class/net/${name}/ifalias`, 'utf8').trim();
  } catch {
    return null;
  }
};

export function ensureBridge(L) {
  const owner = bridgeOwner(L.bridge);
  if (owner === bridgeMark(L)) return;
  if (owner !== null) throw new Error(`bridge ${L.bridge} exists but is not this engine's; set DX_ENGINE_BRIDGE and DX_ENGINE_CIDR`);
  run('ip', ['link', 'add', 'name', L.bridge, 'type', 'bridge']);
  run('ip', ['link', 'set', 'dev', L.bridge, 'alias', bridgeMark(L)]);
  run('ip', ['addr', 'add', L.cidr, 'dev', L.bridge]);
  run('ip', ['link', 'set', 'dev', L.bridge, 'up']);
}

export function deleteBridge(L) {
  if (bridgeOwner(L.bridge) === bridgeMark(L)) run('ip', ['link', 'del', 'dev', L.bridge]);
}
