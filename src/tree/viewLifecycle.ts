import * as vscode from 'vscode';
import type { EngineStore } from '../docker/store';

/**
 * Runs the events stream only while one of the views is visible: hidden views cost the engine
 * nothing. A short grace period keeps a quick switch of sidebar from relisting everything.
 */
export class ViewLifecycle implements vscode.Disposable {
  private readonly visible = new Set<string>();
  private stopTimer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly store: EngineStore, views: vscode.TreeView<unknown>[], private readonly graceMs = 10_000) {
    views.forEach((view, i) => {
      const key = String(i);
      if (view.visible) {
        this.visible.add(key);
      }
      this.subscriptions.push(view.onDidChangeVisibility((e) => this.update(key, e.visible)));
    });
    if (this.visible.size > 0) {
      store.start();
    }
  }

  private update(key: string, visible: boolean): void {
    if (visible) {
      this.visible.add(key);
      clearTimeout(this.stopTimer);
      this.stopTimer = undefined;
      this.store.start();
    } else {
      this.visible.delete(key);
      if (this.visible.size === 0) {
        clearTimeout(this.stopTimer);
        this.stopTimer = setTimeout(() => this.store.stop(), this.graceMs);
      }
    }
  }

  dispose(): void {
    clearTimeout(this.stopTimer);
    this.subscriptions.forEach((s) => s.dispose());
  }
}
