import * as vscode from 'vscode';
import type { EngineStore, StoreStatus } from '../docker/store';
import { describeError } from '../errorMessages';

/** The value of the `dockerExplorer.engineState` context key that viewsWelcome content binds to. */
export type EngineStateKey = 'idle' | 'connecting' | 'ready' | 'unreachable' | 'permission' | 'config' | 'error';

export function engineStateKey(status: StoreStatus): EngineStateKey {
  if (status.state !== 'failed') {
    return status.state;
  }
  switch (status.error.code) {
    case 'unreachable':
    case 'timeout':
      return 'unreachable';
    case 'permission':
    case 'config':
      return status.error.code;
    default:
      return 'error';
  }
}

/**
 * Publishes whether the engine answers: a context key for the views' welcome content, and the
 * reason with the engine tried as each view's message. A failure is shown once, in the views.
 */
export class EngineState implements vscode.Disposable {
  private key: EngineStateKey | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    store: EngineStore,
    private readonly engineDescription: string,
    private readonly views: vscode.TreeView<unknown>[],
  ) {
    this.unsubscribe = store.onStatus((status) => this.publish(status));
    this.publish(store.status);
  }

  get current(): EngineStateKey | undefined {
    return this.key;
  }

  private publish(status: StoreStatus): void {
    const key = engineStateKey(status);
    const message = status.state === 'failed' ? describeError(status.error, this.engineDescription || vscode.l10n.t('(no engine configured)')) : undefined;
    for (const view of this.views) {
      view.message = message;
    }
    if (key !== this.key) {
      this.key = key;
      void vscode.commands.executeCommand('setContext', 'dockerExplorer.engineState', key);
    }
  }

  dispose(): void {
    this.unsubscribe();
  }
}
