import * as vscode from 'vscode';
import { displayFormat, type DisplayFormat } from './format';

/** Ages, sizes, counts and dates as VS Code's display language writes them: the one place that reads it. */
export function display(): DisplayFormat {
  return displayFormat(vscode.env.language);
}
