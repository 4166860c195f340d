import * as vscode from 'vscode';
import { DockerError } from '../docker/errors';

export type EngineStateKind = 'connecting' | 'connected' | 'unreachable' | 'permission' | 'error';

/**
 * Whether the engine answers, published as context keys so the views' welcome content
 * (not notifications) explains a failure, once.
 */
export class EngineState implements vscode.Disposable {
  private current: EngineStateKind = 'connecting';
  private readonly changed = new vscode.EventEmitter<EngineStateKind>();
  readonly onDidChange = this.changed.event;

  constructor(readonly engineDescription: string) {
    void this.publish();
  }

  get kind(): EngineStateKind {
    return this.current;
  }

  connected(): void {
    this.set('connected');
  }

  failed(err: DockerError): void {
    this.set(err.code === 'permission' ? 'permission' : err.code === 'unreachable' || err.code === 'timeout' ? 'unreachable' : 'error', err.message);
  }

  private set(kind: EngineStateKind, reason = ''): void {
    if (kind === this.current && reason === this.reason) {
      return;
    }
    this.current = kind;
    this.reason = reason;
    void this.publish();
    this.changed.fire(kind);
  }

  private reason = '';

  private async publish(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'dockerExplorer.engineState', this.current);
    await vscode.commands.executeCommand('setContext', 'dockerExplorer.engineReason', this.reason);
    await vscode.commands.executeCommand('setContext', 'dockerExplorer.engineHost', this.engineDescription);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
