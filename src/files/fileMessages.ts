import * as vscode from 'vscode';
import { ContainerFileError } from '../docker/containerFiles';
import type { ContainerPathProblem } from '../docker/containerPath';
import { describeFailure } from '../errorMessages';
import { displayFormat } from '../tree/format';

/** What the user reads for a path that is refused before any request. */
export function describePathProblem(problem: ContainerPathProblem, path: string): string {
  const shown = JSON.stringify(path);
  switch (problem) {
    case 'empty':
      return vscode.l10n.t('Type a path in the container, for example /etc/hosts.');
    case 'relative':
      return vscode.l10n.t('{0} is not an absolute path: a path in a container starts with /, for example /etc/hosts.', shown);
    case 'dotDot':
      return vscode.l10n.t('{0} contains "..": name the path itself, without going up a folder.', shown);
    case 'controlCharacters':
      return vscode.l10n.t('{0} contains control characters (a line break or similar); no file is named so here.', shown);
    case 'tooLong':
      return vscode.l10n.t('The path is longer than 4096 characters, more than Linux allows.');
  }
}

/** A name typed for a new file or folder, refused before any request. */
export function describeNameProblem(problem: ContainerPathProblem, name: string): string {
  const shown = JSON.stringify(name);
  switch (problem) {
    case 'empty':
      return vscode.l10n.t('Type a name.');
    case 'dotDot':
    case 'relative':
      return vscode.l10n.t('{0} is not a single name: it may not contain "/" or be "..".', shown);
    case 'controlCharacters':
      return vscode.l10n.t('{0} contains control characters (a line break or similar).', shown);
    case 'tooLong':
      return vscode.l10n.t('The name is longer than 255 characters, more than Linux allows.');
  }
}

/** What the user reads for a failed file operation: the path, what happened, what to do. */
export function describeFileError(err: unknown, engine: string): string {
  if (!(err instanceof ContainerFileError)) {
    return describeFailure(err, engine);
  }
  const path = err.path;
  switch (err.code) {
    case 'notFound':
      return vscode.l10n.t('{0} does not exist in the container (it may have been removed meanwhile).', path);
    case 'containerGone':
      return vscode.l10n.t('The container does not exist any more: it was removed meanwhile. The views show what is there now.');
    case 'notAFolder':
      return vscode.l10n.t('{0} is not a folder.', path);
    case 'isAFolder':
      return vscode.l10n.t('{0} is a folder: open a file in it, or download the folder.', path);
    case 'readOnly':
      return vscode.l10n.t('The engine refused to write {0}: {1}', path, err.message);
    case 'permission':
      return vscode.l10n.t('Permission denied for {0}: {1}', path, err.message);
    case 'tooLarge':
      return vscode.l10n.t('{0} is {1}, too large to open in an editor. Download it instead.', path, displayFormat(vscode.env.language).size(err.size ?? 0));
    case 'notRunning':
      return vscode.l10n.t(
        'The container is not running, so {0} cannot be deleted: the Engine API can copy files into a stopped container but not delete them. Start it first.',
        path,
      );
    case 'exists':
      return vscode.l10n.t('{0} exists already; nothing was changed.', path);
    default:
      return vscode.l10n.t('{0} could not be used: {1}', path, err.message);
  }
}
