import * as vscode from 'vscode';
import type { Disposable } from '../docker/event';
import type { ContainerModel } from '../docker/models';
import type { DockerService } from '../docker/service';
import { LogCursor, LogLine } from './logLines';
import { formatLogLine, readLogStream } from './logStream';
import type { LogsOptions } from './logsTerminal';
import { linePrefix, prefixNames } from './projectLogPrefix';
import { delay, destroyStream, streamEnd, TerminalSession } from './session';
import { ansi } from './streamDecoding';

/** What the terminal needs of the store: the project's containers now, and a call when they change. */
export interface ProjectMembers {
  current(): ContainerModel[];
  onChange(listener: () => void): Disposable;
}

/** One container's follow: the same cursor as Follow Logs, so a restart repeats and loses no line. */
interface Follower {
  container: ContainerModel;
  cursor: LogCursor;
  stream: NodeJS.ReadableStream | undefined;
  /** Resolves when the store shows the container running again (or gone). */
  wake: (() => void) | undefined;
  colour: number;
}

/**
 * `docker compose -p NAME logs -f`: every container of the project in one terminal, each line
 * prefixed with its service in its own colour and aligned; containers that appear later join,
 * a container that stops is followed again when it starts. Lines are written whole, so two
 * services never interleave within a line.
 */
export class ProjectLogsTerminal extends TerminalSession {
  readonly kind = 'logs';
  private readonly followers = new Map<string, Follower>();
  private names = new Map<string, string>();
  private width = 0;
  private subscription: Disposable | undefined;

  constructor(
    private readonly service: DockerService,
    readonly project: string,
    private readonly members: ProjectMembers,
    private readonly options: LogsOptions,
    engineDescription: string,
  ) {
    super(project, engineDescription);
  }

  protected async begin(): Promise<void> {
    this.subscription = this.members.onChange(() => this.sync());
    this.sync();
  }

  /** Starts a follow for each container not followed yet and wakes those that run again. */
  private sync(): void {
    if (!this.active) {
      return;
    }
    const current = this.members.current();
    this.names = prefixNames(current);
    this.width = Math.max(this.width, ...[...this.names.values()].map((n) => n.length));
    for (const container of current) {
      const known = this.followers.get(container.id);
      if (known) {
        known.container = container;
        known.wake?.();
        continue;
      }
      const follower: Follower = { container, cursor: new LogCursor(), stream: undefined, wake: undefined, colour: this.followers.size };
      this.followers.set(container.id, follower);
      this.follow(follower).catch((err) => this.followFailed(follower, err));
    }
    for (const [id, follower] of this.followers) {
      if (!current.some((c) => c.id === id)) {
        follower.wake?.();
      }
    }
  }

  private async follow(f: Follower): Promise<void> {
    let first = true;
    while (this.active && this.followers.has(f.container.id)) {
      const info = await this.service.inspectContainer(f.container.id);
      const stream = await this.service.followLogs(f.container.id, { tail: first ? this.options.tail : undefined, since: f.cursor.resume(), timestamps: true });
      first = false;
      if (!this.active) {
        destroyStream(stream);
        return;
      }
      f.stream = stream;
      this.pump(f, stream, info.Config.Tty);
      await streamEnd(stream);
      f.stream = undefined;
      if (!(await this.untilRunning(f))) {
        return;
      }
    }
  }

  /**
   * Waits until the engine says the container runs again, asking when the store shows a change
   * (or after a second: a change may come between the answer and the wait); false when it is gone
   * or the terminal closed.
   */
  private async untilRunning(f: Follower): Promise<boolean> {
    while (this.active) {
      if (!this.members.current().some((c) => c.id === f.container.id)) {
        this.followers.delete(f.container.id);
        return false;
      }
      const info = await this.service.inspectContainer(f.container.id);
      if (info.State.Running) {
        return true;
      }
      await Promise.race([new Promise<void>((resolve) => (f.wake = resolve)), delay(1000)]);
      f.wake = undefined;
    }
    return false;
  }

  private pump(f: Follower, stream: NodeJS.ReadableStream, tty: boolean): void {
    readLogStream(
      stream,
      tty,
      (lines) => this.show(f, lines),
      (err) => this.followFailed(f, err),
    );
  }

  /** Whole lines only, each with its prefix: two services never interleave within a line. */
  private show(f: Follower, lines: LogLine[]): void {
    const prefix = linePrefix(this.names.get(f.container.id) ?? f.container.name, this.width, f.colour);
    for (const line of lines) {
      if (f.cursor.accept(line.timestamp)) {
        this.write(`${prefix}${formatLogLine(line, this.options.timestamps)}\r\n`);
      }
    }
  }

  /** One container's follow failed (it was removed meanwhile, say): the others go on. */
  private followFailed(f: Follower, err: unknown): void {
    this.followers.delete(f.container.id);
    if (this.active && this.members.current().some((c) => c.id === f.container.id)) {
      this.say(ansi.note(vscode.l10n.t('Stopped following {0}: {1}', f.container.name, err instanceof Error ? err.message : String(err))) + '\n');
    }
  }

  protected release(): void {
    this.subscription?.dispose();
    this.subscription = undefined;
    for (const f of this.followers.values()) {
      destroyStream(f.stream);
      f.wake?.();
    }
    this.followers.clear();
  }
}
