import * as vscode from 'vscode';
import { scrubSecrets } from '../docker/maskSecrets';

/** How many lines the in-memory copy keeps (for tests and diagnostics); older ones are dropped. */
const keptLines = 2000;

/**
 * The "Docker Explorer" output channel: each action writes the docker command it stands for,
 * so people learn the CLI while they click. Everything written is scrubbed first: URL
 * passwords, private keys and secret-looking KEY=VALUE values never reach the channel.
 */
export class DockerLog implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Docker Explorer', { log: true });
  /** The last lines written, exactly as the channel got them. */
  readonly lines: string[] = [];

  command(line: string): void {
    this.channel.info(this.keep(`$ ${line}`));
  }

  info(message: string): void {
    this.channel.info(this.keep(message));
  }

  error(message: string): void {
    this.channel.error(this.keep(message));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private keep(text: string): string {
    const scrubbed = scrubSecrets(text);
    this.lines.push(scrubbed);
    if (this.lines.length > keptLines) {
      this.lines.splice(0, this.lines.length - keptLines);
    }
    return scrubbed;
  }
}
