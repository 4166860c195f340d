import * as vscode from 'vscode';
import { DockerError, toDockerError } from '../docker/errors';
import { describeError } from '../errorMessages';
import { terminalText } from './streamDecoding';
import { TextTail } from './textTail';

/** How much of the latest output `transcript` keeps; a session that prints for hours stays small. */
const transcriptLimit = 1 << 20;

export type SessionKind = 'exec' | 'attach' | 'logs' | 'build' | 'stats';

/**
 * One terminal session over the Engine API, with its own emitters (never shared between
 * terminals). Nothing is written before `open`; the engine work starts there.
 */
export abstract class TerminalSession implements vscode.Pseudoterminal {
  abstract readonly kind: SessionKind;
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  protected dimensions: vscode.TerminalDimensions | undefined;
  private readonly output = new TextTail(transcriptLimit);
  private state: 'new' | 'open' | 'waitingForKey' | 'ended' = 'new';
  private exitCodeAfterKey = 0;
  /** The exit code the terminal closed with, once it did. */
  exitCode: number | undefined;

  constructor(
    readonly containerName: string,
    protected readonly engineDescription: string,
  ) {}

  /** The last MiB or so written to the terminal, as written (for tests and diagnostics). */
  get transcript(): string {
    return this.output.text;
  }

  get ended(): boolean {
    return this.state === 'ended';
  }

  open(initialDimensions: vscode.TerminalDimensions | undefined): void {
    if (this.state !== 'new') {
      return;
    }
    this.state = 'open';
    this.dimensions = initialDimensions;
    this.begin().catch((err) => this.fail(err));
  }

  /** The user closed the terminal: end the session and free its connection. */
  close(): void {
    if (this.state === 'ended') {
      return;
    }
    this.state = 'ended';
    this.release();
    this.writeEmitter.dispose();
    this.closeEmitter.dispose();
  }

  handleInput(data: string): void {
    if (this.state === 'waitingForKey') {
      this.finish(this.exitCodeAfterKey);
    } else if (this.state === 'open') {
      this.input(data);
    }
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.dimensions = dimensions;
    if (this.state === 'open') {
      this.resized(dimensions);
    }
  }

  /** Starts the engine work; called once, on open. */
  protected abstract begin(): Promise<void>;
  /** Frees the engine connection; may be called more than once. */
  protected abstract release(): void;
  protected input(_data: string): void {}
  protected resized(_dimensions: vscode.TerminalDimensions): void {}

  protected get active(): boolean {
    return this.state === 'open';
  }

  /** Output of the process, passed through as it came (already decoded). */
  protected write(text: string): void {
    if (this.state === 'new' || this.state === 'ended' || text === '') {
      return;
    }
    this.output.push(text);
    this.writeEmitter.fire(text);
  }

  /** A message of ours: its line feeds become CR LF. */
  protected say(message: string): void {
    this.write(terminalText(message));
  }

  /** Closes the terminal now with the given exit code. */
  protected finish(code: number): void {
    if (this.state === 'ended') {
      return;
    }
    this.state = 'ended';
    this.exitCode = code;
    this.release();
    this.closeEmitter.fire(code);
  }

  /** Says why the session is over and keeps the terminal open until a key is pressed. */
  protected finishAfterKey(message: string, code: number): void {
    if (this.state !== 'open') {
      return;
    }
    this.release();
    this.say(`\n${message}\n${vscode.l10n.t('Press any key to close the terminal.')}\n`);
    this.exitCodeAfterKey = code;
    this.exitCode = code;
    this.state = 'waitingForKey';
  }

  /** An engine failure during the session: a clear line, then a non-zero exit code. */
  protected fail(err: unknown): void {
    if (this.state !== 'open') {
      return;
    }
    this.finishAfterKey(this.describe(toDockerError(err)), 1);
  }

  protected describe(error: DockerError): string {
    if (error.code === 'notFound') {
      return vscode.l10n.t('The container {0} no longer exists: it was removed.', this.containerName);
    }
    return describeError(error, this.engineDescription);
  }
}

/** Waits for a stream to be over, whichever way it ends. */
export function streamEnd(stream: NodeJS.ReadableStream): Promise<Error | undefined> {
  return new Promise((resolve) => {
    let done = false;
    const settle = (err?: Error) => {
      if (!done) {
        done = true;
        resolve(err);
      }
    };
    stream.on('end', () => settle());
    stream.on('close', () => settle());
    stream.on('error', (err: Error) => settle(err));
  });
}

export function destroyStream(stream: NodeJS.ReadableStream | undefined): void {
  (stream as unknown as { destroy?: () => void } | undefined)?.destroy?.();
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
