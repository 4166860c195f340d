import Module from 'node:module';
import * as path from 'node:path';
import { Emitter } from '../../../src/docker/event';

/**
 * The members of 'vscode' the tree modules read, enough to build tree items in plain Node:
 * l10n.t with no bundle loaded (English), env.language, EventEmitter and the tree item classes.
 * One object for every unit test, because Node caches a module with the 'vscode' it first got.
 */
export const fakeVscode = {
  l10n: { t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])) },
  env: { language: 'en' },
  EventEmitter: Emitter,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  TreeItem: class {
    id?: string;
    description?: string;
    contextValue?: string;
    iconPath?: unknown;
    tooltip?: unknown;
    accessibilityInformation?: { label: string };
    constructor(
      public label: string,
      public collapsibleState?: number,
    ) {}
  },
  ThemeIcon: class {
    constructor(
      readonly id: string,
      readonly color?: unknown,
    ) {}
  },
  ThemeColor: class {
    constructor(readonly id: string) {}
  },
  MarkdownString: class {
    value = '';
    isTrusted = false;
    supportThemeIcons = false;
    constructor(value = '') {
      this.value = value;
    }
    appendMarkdown(text: string) {
      this.value += text;
      return this;
    }
    appendText(text: string) {
      this.value += text;
      return this;
    }
  },
};

/** Loads a module that imports 'vscode' with the fake above, for this one require only. */
export function requireWithFakeVscode<T>(modulePath: string): T {
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = loader._resolveFilename;
  const fakePath = path.join(__dirname, 'fake-vscode.js');
  require.cache[fakePath] = { id: fakePath, filename: fakePath, loaded: true, exports: fakeVscode } as unknown as NodeJS.Module;
  loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? fakePath : resolve.call(this, request, ...rest);
  };
  try {
    return Module.createRequire(path.join(__dirname, '..', 'index.js'))(modulePath) as T;
  } finally {
    loader._resolveFilename = resolve;
  }
}
