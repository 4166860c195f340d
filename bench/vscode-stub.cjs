// Plain-object stand-ins for the few 'vscode' members the benchmarked code touches outside
// VS Code: our tree nodes (TreeItem, ThemeIcon, ThemeColor, MarkdownString, l10n, env.language), our terminal
// sessions and the Open Shell command (EventEmitter, window.createTerminal, workspace settings)
// and @microsoft/vscode-container-client (ShellQuoting, FileType). Installed by install().
const Module = require('node:module');

class TreeItem {
  constructor(label, collapsibleState) {
    this.label = label;
    this.collapsibleState = collapsibleState;
  }
}
class ThemeIcon {
  constructor(id, color) {
    this.id = id;
    this.color = color;
  }
}
class ThemeColor {
  constructor(id) {
    this.id = id;
  }
}
class MarkdownString {
  constructor(value = '', supportThemeIcons = false) {
    this.value = value;
    this.supportThemeIcons = supportThemeIcons;
  }
  appendMarkdown(text) {
    this.value += text;
    return this;
  }
  appendText(text) {
    this.value += text.replace(/[\\`*_{}[\]()#+\-.!]/g, '\\$&');
    return this;
  }
  appendCodeblock(code, language = '') {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}

/** As VS Code's: listeners are called synchronously, in the order they subscribed. */
class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener, thisArg) => {
      const entry = { fn: listener, thisArg };
      this.listeners.add(entry);
      return { dispose: () => this.listeners.delete(entry) };
    };
  }
  fire(value) {
    for (const { fn, thisArg } of [...this.listeners]) fn.call(thisArg, value);
  }
  dispose() {
    this.listeners.clear();
  }
}

/** The size a new terminal panel reports to its Pseudoterminal in the benchmark. */
const terminalDimensions = { columns: 80, rows: 24 };
const closeTerminal = new EventEmitter();

/**
 * A terminal without a renderer: the Pseudoterminal is opened on the next turn of the event
 * loop (VS Code opens it once its terminal exists, after a round trip to the window), closing
 * it calls close() as VS Code does, and its exit fires onDidCloseTerminal.
 */
function createTerminal(options) {
  const pty = options.pty;
  const terminal = {
    name: options.name,
    creationOptions: options,
    exitStatus: undefined,
    show() {},
    dispose() {
      if (terminal.exitStatus) return;
      terminal.exitStatus = { code: undefined };
      pty.close();
      closeTerminal.fire(terminal);
    },
  };
  pty.onDidClose?.((code) => {
    if (terminal.exitStatus) return;
    terminal.exitStatus = { code: typeof code === 'number' ? code : undefined };
    closeTerminal.fire(terminal);
  });
  setImmediate(() => pty.open(terminalDimensions));
  return terminal;
}

/** Every setting reads as its default (what a fresh profile has). */
const workspace = {
  getConfiguration: () => ({ get: (_key, defaultValue) => defaultValue, has: () => false }),
};

const stub = {
  EventEmitter,
  window: { createTerminal, onDidCloseTerminal: closeTerminal.event },
  workspace,
  TreeItem,
  ThemeIcon,
  ThemeColor,
  MarkdownString,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  l10n: { t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)])) },
  env: { language: 'en' },
  ShellQuoting: { Escape: 1, Strong: 2, Weak: 3 },
  FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
};

let installed = false;

/** Makes require('vscode') resolve to this file, for this process. */
function install() {
  if (installed) return;
  installed = true;
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? __filename : resolve.call(this, request, ...rest);
  };
}

module.exports = stub;
// Not enumerable on the stub itself, so it looks like the 'vscode' module and nothing more.
Object.defineProperty(module.exports, 'install', { value: install, enumerable: false });
