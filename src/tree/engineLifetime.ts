import * as vscode from 'vscode';
import { FileWatch, ProcessConnection } from '../docker/hostEnvironment';
import type { DockerService } from '../docker/service';
import type { EngineStore } from '../docker/store';

/**
 * The one place that decides when the events stream runs, and which engine it talks to:
 * - while a view is visible, or a command holds a lease (taken by engineReady, released when the
 *   command ends); a grace period after the last one goes keeps a quick switch from relisting all;
 * - another engine when the user's host setting changes, or the docker CLI's own configuration
 *   ($DOCKER_CONFIG or ~/.docker: currentContext, the context's store) says so, without a reload.
 * Precedence stays the CLI's (resolveEndpoint): the setting and DOCKER_HOST win over a context.
 */
export class EngineLifetime implements vscode.Disposable {
  private readonly visible = new Set<vscode.TreeView<unknown>>();
  private leases = 0;
  private stopTimer: NodeJS.Timeout | undefined;
  private readonly cliFiles: FileWatch;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** performance.now() when the stream was first started: the start-up benchmark reads it. */
  firstStartAt: number | undefined;

  constructor(
    private readonly store: EngineStore,
    private readonly service: DockerService,
    private readonly connection: ProcessConnection,
    views: vscode.TreeView<unknown>[],
    private readonly graceMs = 10_000,
  ) {
    for (const view of views) {
      if (view.visible) {
        this.visible.add(view);
      }
      this.subscriptions.push(
        view.onDidChangeVisibility((e) => {
          if (e.visible) {
            this.visible.add(view);
          } else {
            this.visible.delete(view);
          }
          this.update();
        }),
      );
    }
    this.cliFiles = new FileWatch(() => this.resolveEngine());
    this.cliFiles.set(connection.watchedFiles());
    this.subscriptions.push(
      this.cliFiles,
      vscode.workspace.onDidChangeConfiguration((e) => {
        // Machine scope: resolving again reads only the user's own value, so a workspace changes nothing.
        if (e.affectsConfiguration('dockerExplorer.host')) {
          this.resolveEngine();
        }
      }),
    );
    if (this.wanted) {
      this.start();
    }
  }

  /** Keeps the stream running until disposed (a command that needs the store's picture). */
  lease(): vscode.Disposable {
    this.leases++;
    this.update();
    let released = false;
    return {
      dispose: () => {
        if (!released) {
          released = true;
          this.leases--;
          this.update();
        }
      },
    };
  }

  private get wanted(): boolean {
    return this.visible.size > 0 || this.leases > 0;
  }

  private update(): void {
    if (this.wanted) {
      clearTimeout(this.stopTimer);
      this.stopTimer = undefined;
      this.start();
    } else if (!this.stopTimer) {
      this.stopTimer = setTimeout(() => {
        this.stopTimer = undefined;
        if (!this.wanted) {
          this.store.stop();
        }
      }, this.graceMs);
    }
  }

  private start(): void {
    this.firstStartAt ??= performance.now();
    this.store.start();
  }

  /** Another engine: connect to it in place; the store lists it at once if the stream runs. */
  private resolveEngine(): void {
    if (this.connection.resolve()) {
      this.service.reconnect();
      this.store.switchEngine();
    }
    this.cliFiles.set(this.connection.watchedFiles());
  }

  dispose(): void {
    clearTimeout(this.stopTimer);
    this.subscriptions.forEach((s) => s.dispose());
  }
}
