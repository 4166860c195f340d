import * as vscode from 'vscode';
import type { TerminalSession } from './session';

export interface OpenSession {
  session: TerminalSession;
  terminal: vscode.Terminal;
}

/** The terminal sessions open now; each is forgotten when its terminal closes. */
export class TerminalSessions implements vscode.Disposable {
  private readonly open = new Set<OpenSession>();
  private readonly subscription = vscode.window.onDidCloseTerminal((terminal) => {
    for (const entry of this.open) {
      if (entry.terminal === terminal) {
        this.open.delete(entry);
      }
    }
  });

  get sessions(): readonly OpenSession[] {
    return [...this.open];
  }

  show(session: TerminalSession, name: string, icon: string): OpenSession {
    const terminal = vscode.window.createTerminal({ name, pty: session, iconPath: new vscode.ThemeIcon(icon) });
    const entry = { session, terminal };
    this.open.add(entry);
    terminal.show();
    return entry;
  }

  dispose(): void {
    this.subscription.dispose();
    for (const { terminal } of this.open) {
      terminal.dispose();
    }
    this.open.clear();
  }
}
