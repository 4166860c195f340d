import * as vscode from 'vscode';

/**
 * The "Docker Explorer" output channel: each action writes the docker command it stands for,
 * so people learn the CLI while they click.
 */
export class DockerLog implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Docker Explorer', { log: true });

  command(line: string): void {
    this.channel.info(`$ ${line}`);
  }

  info(message: string): void {
    this.channel.info(message);
  }

  error(message: string): void {
    this.channel.error(message);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
