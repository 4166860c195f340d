import * as vscode from 'vscode';
import type { DockerService } from '../docker/service';
import { LogCursor, LogLine } from './logLines';
import { formatLogLine, readLogStream } from './logStream';
import { delay, destroyStream, streamEnd, TerminalSession } from './session';
import { ansi } from './streamDecoding';

export interface LogsOptions {
  /** How many lines from before the follow starts (`--tail`). */
  tail: number;
  /** Whether each line shows its timestamp (`-t`). */
  timestamps: boolean;
}

/**
 * `docker logs -f`: stdout and stderr (in red), following the container across restarts. The
 * engine is always asked for timestamps, so a resumed follow starts after the last line shown.
 */
export class LogsTerminal extends TerminalSession {
  readonly kind = 'logs';
  private stream: NodeJS.ReadableStream | undefined;
  private readonly cursor = new LogCursor();

  constructor(
    private readonly service: DockerService,
    readonly containerId: string,
    containerName: string,
    private readonly options: LogsOptions,
    engineDescription: string,
  ) {
    super(containerName, engineDescription);
  }

  protected async begin(): Promise<void> {
    let first = true;
    while (this.active) {
      const info = await this.service.inspectContainer(this.containerId);
      const since = this.cursor.resume();
      const stream = await this.service.followLogs(this.containerId, { tail: first ? this.options.tail : undefined, since, timestamps: true });
      first = false;
      if (!this.active) {
        destroyStream(stream);
        return;
      }
      this.stream = stream;
      this.pump(stream, info.Config.Tty);
      await streamEnd(stream);
      this.stream = undefined;
      if (!this.active) {
        return;
      }
      await this.waitUntilRunning();
    }
  }

  private pump(stream: NodeJS.ReadableStream, tty: boolean): void {
    readLogStream(
      stream,
      tty,
      (lines) => this.show(lines),
      (err) => this.fail(err),
    );
  }

  private show(lines: LogLine[]): void {
    for (const line of lines) {
      if (this.cursor.accept(line.timestamp)) {
        this.write(`${formatLogLine(line, this.options.timestamps)}${line.text.endsWith('\n') ? '\r\n' : ''}`);
      }
    }
  }

  /** The follow ended: the container stopped. Say so once, then wait for it to run again. */
  private async waitUntilRunning(): Promise<void> {
    let said = false;
    while (this.active) {
      const info = await this.service.inspectContainer(this.containerId);
      if (info.State.Running) {
        if (said) {
          this.say(ansi.note(vscode.l10n.t('{0} started again; following its logs.', this.containerName)) + '\n');
        }
        return;
      }
      if (!said) {
        said = true;
        this.say(
          ansi.note(
            vscode.l10n.t(
              '{0} is not running (exit code {1}); waiting for it to start again. Close the terminal to stop following.',
              this.containerName,
              info.State.ExitCode,
            ),
          ) + '\n',
        );
      }
      await delay(300);
    }
  }

  protected release(): void {
    destroyStream(this.stream);
    this.stream = undefined;
  }
}
