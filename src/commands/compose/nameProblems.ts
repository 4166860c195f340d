import * as vscode from 'vscode';
import type { NameProblem } from '../../docker/composeTool';

/** A name compose would refuse, said in the user's language. */
export function describeNameProblem(problem: NameProblem): string {
  switch (problem) {
    case 'empty':
      return vscode.l10n.t('it is empty');
    case 'tooLong':
      return vscode.l10n.t('it is longer than 200 characters');
    case 'projectStart':
      return vscode.l10n.t('it must start with a lowercase letter or a digit');
    case 'projectCharacters':
      return vscode.l10n.t('it may contain only lowercase letters, digits, dashes and underscores');
    case 'serviceCharacters':
      return vscode.l10n.t('it may contain only letters, digits, dots, dashes and underscores, and must start with a letter or digit');
  }
}
