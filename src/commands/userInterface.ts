import * as vscode from 'vscode';

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

/**
 * Every question a command asks goes through here, so tests can answer them (the modal
 * dialogs of the real workbench cannot be clicked from the extension host).
 */
export interface UserInterface {
  /** A modal warning; resolves to the action chosen, or undefined for Cancel and Escape. */
  choose(message: string, detail: string, actions: string[]): Promise<string | undefined>;
  pick<T>(items: PickItem<T>[], options: vscode.QuickPickOptions & { canPickMany: true }): Promise<T[] | undefined>;
  pick<T>(items: PickItem<T>[], options: vscode.QuickPickOptions & { canPickMany?: false }): Promise<T | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  info(message: string, ...actions: string[]): Promise<string | undefined>;
  error(message: string, ...actions: string[]): Promise<string | undefined>;
  /** Opens an address outside VS Code (a browser); resolves to whether it was opened. */
  openExternal(uri: vscode.Uri): Promise<boolean>;
}

export const vscodeUserInterface: UserInterface = {
  async choose(message, detail, actions) {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
  },
  async pick<T>(items: PickItem<T>[], options: vscode.QuickPickOptions & { canPickMany?: boolean }) {
    const picked = await vscode.window.showQuickPick(items, { ...options, canPickMany: options.canPickMany ?? false } as vscode.QuickPickOptions);
    if (!picked) {
      return undefined;
    }
    return Array.isArray(picked) ? (picked as PickItem<T>[]).map((p) => p.value) : (picked as PickItem<T>).value;
  },
  async input(options) {
    return vscode.window.showInputBox(options);
  },
  async info(message, ...actions) {
    return vscode.window.showInformationMessage(message, ...actions);
  },
  async error(message, ...actions) {
    return vscode.window.showErrorMessage(message, ...actions);
  },
  async openExternal(uri) {
    return vscode.env.openExternal(uri);
  },
} as UserInterface;
