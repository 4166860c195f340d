import * as vscode from 'vscode';
import type { EngineStore } from '../docker/store';

/** The Containers view's badge: how many containers run, the store's own count (no pass over every container per change). */
export class RunningBadge implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly store: Pick<EngineStore, 'containers' | 'onChange'>,
    private readonly view: { badge?: vscode.ViewBadge },
  ) {
    this.subscription = store.onChange((change) => change.kind === 'containers' && this.update());
  }

  private shown = 0;

  private update(): void {
    const running = this.store.containers.running;
    if (running === this.shown) {
      return; // most changes leave the count as it was: nothing to send to the window
    }
    this.shown = running;
    this.view.badge =
      running > 0 ? { value: running, tooltip: running === 1 ? vscode.l10n.t('1 running container') : vscode.l10n.t('{0} running containers', running) } : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
