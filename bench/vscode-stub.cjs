// Plain-object stand-ins for the few 'vscode' members the benchmarked code touches outside
// VS Code: our tree nodes (TreeItem, ThemeIcon, ThemeColor, MarkdownString, l10n) and
// @microsoft/vscode-container-client (ShellQuoting, FileType). Installed by install().
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

const stub = {
  TreeItem,
  ThemeIcon,
  ThemeColor,
  MarkdownString,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  l10n: { t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)])) },
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
