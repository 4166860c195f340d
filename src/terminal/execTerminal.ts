import * as vscode from 'vscode';
import type { DockerService } from '../docker/service';
import { delay, destroyStream, streamEnd, TerminalSession } from './session';
import { Utf8Streams } from './streamDecoding';

/** `docker exec -it`: a command with a TTY in a running container; closes with its exit code. */
export class ExecTerminal extends TerminalSession {
  readonly kind = 'exec';
  private execId: string | undefined;
  private stream: NodeJS.ReadWriteStream | undefined;
  private readonly decoder = new Utf8Streams();

  constructor(
    private readonly service: DockerService,
    readonly containerId: string,
    containerName: string,
    readonly command: string[],
    engineDescription: string,
  ) {
    super(containerName, engineDescription);
  }

  protected async begin(): Promise<void> {
    const execId = await this.service.createExec(this.containerId, this.command, { tty: true });
    const stream = await this.service.startExec(execId, true);
    if (!this.active) {
      destroyStream(stream);
      return;
    }
    this.execId = execId;
    this.stream = stream;
    stream.on('data', (chunk: Buffer) => this.write(this.decoder.decode('tty', chunk)));
    const ended = streamEnd(stream);
    void this.applySize();
    const err = await ended;
    this.write(this.decoder.end('tty'));
    if (!this.active) {
      return;
    }
    destroyStream(stream);
    await this.exited(err);
  }

  private async exited(streamError: Error | undefined): Promise<void> {
    try {
      // The connection can close a moment before the engine records the exit code.
      for (let i = 0; i < 40; i++) {
        const { running, exitCode } = await this.service.inspectExec(this.execId!);
        if (!running && exitCode !== null) {
          this.finish(exitCode);
          return;
        }
        await delay(50);
      }
      this.fail(streamError ?? new Error(vscode.l10n.t('the exec ended without an exit code')));
    } catch (err) {
      this.fail(err);
    }
  }

  protected override input(data: string): void {
    this.stream?.write(data);
  }

  protected override resized(): void {
    void this.applySize();
  }

  /** The first size is applied as soon as both the size and the started exec are known. */
  private async applySize(): Promise<void> {
    const size = this.dimensions;
    if (!size || !this.execId) {
      return;
    }
    // Right after start the engine may not have the TTY yet: retry briefly, as the docker CLI does.
    for (let attempt = 0; attempt < 5 && this.active; attempt++) {
      try {
        await this.service.resizeExec(this.execId, size.rows, size.columns);
        return;
      } catch {
        await delay(100 * (attempt + 1));
      }
    }
  }

  protected release(): void {
    destroyStream(this.stream);
    this.stream = undefined;
  }
}
