import * as vscode from 'vscode';
import type { DockerService } from '../docker/service';
import { DetachMatcher } from './detachKeys';
import { delay, destroyStream, streamEnd, TerminalSession } from './session';
import { ansi, StreamDemultiplexer, Utf8Streams } from './streamDecoding';

/**
 * `docker attach`: the container's main process, with the container's own TTY settings. The
 * detach sequence leaves it running; the process ending (e.g. `exit` in a shell) stops it.
 */
export class AttachTerminal extends TerminalSession {
  readonly kind = 'attach';
  private stream: NodeJS.ReadWriteStream | undefined;
  private tty = false;
  private stdinOpen = false;
  private detached = false;
  private readonly matcher: DetachMatcher;
  private readonly decoder = new Utf8Streams();

  constructor(
    private readonly service: DockerService,
    readonly containerId: string,
    containerName: string,
    /** The sequence as bytes, and as docker writes it (passed to the engine). */
    private readonly detach: { bytes: string; spec: string },
    engineDescription: string,
  ) {
    super(containerName, engineDescription);
    this.matcher = new DetachMatcher(detach.bytes);
  }

  protected async begin(): Promise<void> {
    const info = await this.service.inspectContainer(this.containerId);
    if (!info.State.Running) {
      this.finishAfterKey(vscode.l10n.t('{0} is not running: start it, then attach.', this.containerName), 1);
      return;
    }
    this.tty = info.Config.Tty;
    this.stdinOpen = info.Config.OpenStdin;
    const stream = await this.service.attachContainer(this.containerId, { stdin: this.stdinOpen, detachKeys: this.detach.spec });
    if (!this.active) {
      destroyStream(stream);
      return;
    }
    this.stream = stream;
    if (!this.stdinOpen) {
      this.say(ansi.note(vscode.l10n.t('Read-only: {0} was not started with -i (interactive), so what you type is not sent.', this.containerName)) + '\n');
    }
    if (this.tty) {
      stream.on('data', (chunk: Buffer) => this.write(this.decoder.decode('tty', chunk)));
      void this.applySize();
    } else {
      const demux = new StreamDemultiplexer();
      stream.on('data', (chunk: Buffer) => {
        try {
          for (const frame of demux.push(chunk)) {
            const text = this.decoder.decode(frame.stream, frame.data);
            // Without a TTY nothing turns LF into CR LF: the terminal needs it.
            const lines = text.replace(/\r?\n/g, '\r\n');
            this.write(frame.stream === 'stderr' ? ansi.stderr(lines) : lines);
          }
        } catch (err) {
          this.fail(err);
        }
      });
    }
    const err = await streamEnd(stream);
    if (!this.active || this.detached) {
      return;
    }
    destroyStream(stream);
    await this.mainProcessEnded(err);
  }

  /** The attach ended without a detach: the main process ended, or the connection dropped. */
  private async mainProcessEnded(streamError: Error | undefined): Promise<void> {
    try {
      for (let i = 0; i < 60; i++) {
        const info = await this.service.inspectContainer(this.containerId);
        if (!info.State.Running) {
          const code = info.State.ExitCode;
          this.finishAfterKey(vscode.l10n.t('{0} stopped: its main process exited with code {1}.', this.containerName, code), code);
          return;
        }
        await delay(100);
      }
      this.fail(streamError ?? new Error(vscode.l10n.t('the connection to the engine closed while {0} kept running', this.containerName)));
    } catch (err) {
      this.fail(err);
    }
  }

  protected override input(data: string): void {
    if (!this.stream || !this.stdinOpen) {
      return;
    }
    const { forward, detach } = this.matcher.feed(data);
    if (forward) {
      this.stream.write(forward);
    }
    if (detach) {
      this.detached = true;
      this.say(`\n${vscode.l10n.t('Detached from {0}; it keeps running.', this.containerName)}\n`);
      this.finish(0);
    }
  }

  protected override resized(): void {
    void this.applySize();
  }

  private async applySize(): Promise<void> {
    const size = this.dimensions;
    if (!size || !this.tty || !this.stream) {
      return;
    }
    try {
      await this.service.resizeContainer(this.containerId, size.rows, size.columns);
    } catch {
      // A container that stops meanwhile cannot be resized; the end of the stream says so.
    }
  }

  protected release(): void {
    destroyStream(this.stream);
    this.stream = undefined;
  }
}
