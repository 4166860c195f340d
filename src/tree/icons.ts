import * as vscode from 'vscode';

const icons = new Map<string, vscode.ThemeIcon>();

/**
 * One ThemeIcon per icon and colour, shared by every row that shows it: VS Code only reads it when
 * it converts a tree item, and a new pair of objects per row was ~70 bytes a row for nothing.
 */
export function themeIcon(id: string, color?: string): vscode.ThemeIcon {
  const key = color ? `${id} ${color}` : id;
  let icon = icons.get(key);
  if (!icon) {
    icon = new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
    icons.set(key, icon);
  }
  return icon;
}
