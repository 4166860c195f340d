import * as vscode from 'vscode';
import { DockerError, toDockerError } from './docker/errors';

/** What the user reads for each error code: what happened, then what to do. */
export function describeError(error: DockerError, engine: string): string {
  switch (error.code) {
    case 'unreachable':
      return vscode.l10n.t(
        'Cannot reach the Docker Engine at {0} ({1}). Start Docker, or point the extension at another engine with the dockerExplorer.host setting.',
        engine,
        error.message,
      );
    case 'permission':
      return vscode.l10n.t(
        'Permission denied on the Docker socket at {0}. Add your user to the docker group (sudo usermod -aG docker $USER, then log in again), or use rootless Docker.',
        engine,
      );
    case 'timeout':
      return vscode.l10n.t('The Docker Engine at {0} did not answer in time ({1}). Check that it is not overloaded, then retry.', engine, error.message);
    case 'config':
      return error.message;
    case 'notFound':
      return vscode.l10n.t('{0} It may have been removed meanwhile; the views show what is there now.', error.message);
    case 'conflict':
      return vscode.l10n.t('The Docker Engine refused: {0}', error.message);
    case 'cancelled':
      return vscode.l10n.t('Cancelled.');
    default:
      return vscode.l10n.t('The Docker Engine at {0} answered with an error: {1}', engine, error.message);
  }
}

/**
 * What the user reads for anything a command threw: an engine's error by its code, else the
 * error's own message (the parsers' errors, e.g. ImageRefError, are written for people).
 */
export function describeFailure(err: unknown, engine: string): string {
  const e = err as { statusCode?: unknown; code?: unknown } | undefined;
  if (err instanceof DockerError || typeof e?.statusCode === 'number' || typeof e?.code === 'string') {
    return describeError(toDockerError(err), engine);
  }
  const message = err instanceof Error ? err.message : String(err);
  return message || vscode.l10n.t('Something went wrong; Show Details has what is known.');
}

/** A failure notification with Show Details, which opens the output channel where the whole story is. */
export async function showFailure(
  ui: { error(message: string, ...actions: string[]): Promise<string | undefined> },
  log: { show(): void },
  message: string,
): Promise<void> {
  const details = vscode.l10n.t('Show Details');
  if ((await ui.error(message, details)) === details) {
    log.show();
  }
}
