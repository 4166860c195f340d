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

/** Why the engine is unreachable, for the welcome text that says what to do. */
export type UnreachableReason = 'socketMissing' | 'refused' | 'timeout' | 'other';

export function unreachableReason(status: StoreStatus): UnreachableReason | '' {
  if (status.state !== 'failed' || engineStateKey(status) !== 'unreachable') {
    return '';
  }
  const cause = status.error.cause as { code?: string } | undefined;
  switch (cause?.code) {
    case 'ENOENT':
      return 'socketMissing';
    case 'ECONNREFUSED':
      return 'refused';
    default:
      return status.error.code === 'timeout' ? 'timeout' : 'other';
  }
}

/**
 * Publishes whether the engine answers: context keys for the views' welcome content (which
 * carries the advice and the Retry button), the engine tried as the views' description, and the
 * full reason in the output channel, once per change. Nothing pops up.
 */
export class EngineState implements vscode.Disposable {
  private key: EngineStateKey | undefined;
  private readonly subscription: { dispose(): void };

  /** The full text of the current failure, as written to the output channel. */
  lastMessage: string | undefined;

  constructor(
    store: EngineStore,
    private readonly engineDescriptionOf: () => string,
    private readonly views: vscode.TreeView<unknown>[],
    private readonly report: (message: string) => void,
  ) {
    this.subscription = store.onStatus((status) => this.publish(status));
    this.publish(store.status);
  }

  get current(): EngineStateKey | undefined {
    return this.key;
  }

  private get engineDescription(): string {
    return this.engineDescriptionOf();
  }

  private publish(status: StoreStatus): void {
    const key = engineStateKey(status);
    const message = status.state === 'failed' ? describeError(status.error, this.engineDescription || vscode.l10n.t('(no engine configured)')) : undefined;
    const failed = status.state === 'failed';
    for (const view of this.views) {
      view.description = failed ? this.engineDescription : undefined;
    }
    if (message && message !== this.lastMessage) {
      this.report(message);
    }
    this.lastMessage = message;
    void vscode.commands.executeCommand('setContext', 'dockerExplorer.engineReason', unreachableReason(status));
    if (key !== this.key) {
      this.key = key;
      void vscode.commands.executeCommand('setContext', 'dockerExplorer.engineState', key);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
