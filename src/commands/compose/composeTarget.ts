import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeNameProblem } from './nameProblems';
import { composeFileSet, isComposeFileName, serviceNameProblem } from '../../docker/composeTool';
import { printable } from '../../docker/shell';
import type { CommandContext } from '../context';

/** A compose file of the workspace and what the caller asked for with it. */
export interface ComposeFileTarget {
  file: vscode.Uri;
  folder: vscode.WorkspaceFolder;
  /** `-f` each: the main file, then the override. */
  files: string[];
  directory: string;
  services?: string[];
  profiles?: string[];
  volumes?: boolean;
}

interface PlainArgument {
  file?: unknown;
  services?: unknown;
  profiles?: unknown;
  volumes?: unknown;
}

function stringList(value: unknown): string[] | undefined | null {
  if (value === undefined) {
    return undefined;
  }
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : null;
}

/**
 * The compose file a command acts on: a URI (the Explorer's or editor title's), a path,
 * `{ file, services?, profiles?, volumes? }`, or nothing (the active editor's compose file, else a
 * quick pick of the workspace's). Refused with a message, before anything runs: a file outside the
 * workspace or not on disk, an untrusted workspace, a service or profile name compose would refuse.
 */
export async function composeFileTarget(ctx: CommandContext, args: unknown[]): Promise<ComposeFileTarget | undefined> {
  const [first] = args;
  const plain: PlainArgument = first && typeof first === 'object' && !(first instanceof vscode.Uri) ? (first as PlainArgument) : {};
  let file: vscode.Uri | undefined;
  const given = first instanceof vscode.Uri || typeof first === 'string' ? first : plain.file;
  if (given instanceof vscode.Uri) {
    file = given;
  } else if (typeof given === 'string' && given !== '') {
    file = path.isAbsolute(given)
      ? vscode.Uri.file(given)
      : vscode.workspace.workspaceFolders?.[0] && vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, given);
  } else if (given !== undefined || (first !== undefined && !(first && typeof first === 'object'))) {
    void ctx.ui.error(vscode.l10n.t('Give a compose file as its URI, its path or {0}.', '{ file, services?, profiles?, volumes? }'));
    return undefined;
  }
  const services = stringList(plain.services);
  const profiles = stringList(plain.profiles);
  if (services === null || profiles === null || (plain.volumes !== undefined && typeof plain.volumes !== 'boolean')) {
    void ctx.ui.error(vscode.l10n.t('services and profiles must be lists of names, and volumes true or false.'));
    return undefined;
  }
  for (const name of [...(services ?? []), ...(profiles ?? [])]) {
    const problem = serviceNameProblem(name);
    if (problem) {
      void ctx.ui.error(vscode.l10n.t('"{0}" is not a service or profile name compose accepts: {1}.', printable(name), describeNameProblem(problem)));
      return undefined;
    }
  }
  file ??= await pickComposeFile(ctx);
  if (!file) {
    return undefined;
  }
  if (file.scheme !== 'file') {
    void ctx.ui.error(vscode.l10n.t('{0} is not a file on this machine: the compose tool reads files from disk.', file.toString()));
    return undefined;
  }
  const folder = vscode.workspace.getWorkspaceFolder(file);
  if (!folder) {
    void ctx.ui.error(vscode.l10n.t('{0} is outside the workspace: open its folder first, then run the compose command on it.', file.fsPath));
    return undefined;
  }
  if (!vscode.workspace.isTrusted) {
    void ctx.ui.error(vscode.l10n.t('The workspace is not trusted: a compose file can run any image and mount any folder. Trust the workspace first.'));
    return undefined;
  }
  if (!fs.existsSync(file.fsPath) || !fs.statSync(file.fsPath).isFile()) {
    void ctx.ui.error(vscode.l10n.t('{0} does not exist.', file.fsPath));
    return undefined;
  }
  return {
    file,
    folder,
    files: composeFileSet(file.fsPath, (p) => fs.existsSync(p)),
    directory: path.dirname(file.fsPath),
    services,
    profiles,
    volumes: plain.volumes as boolean | undefined,
  };
}

/** The active editor's compose file, else one of the workspace's, picked. */
async function pickComposeFile(ctx: CommandContext): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && isComposeFileName(active.path)) {
    return active;
  }
  const found = (await vscode.workspace.findFiles('**/{compose,docker-compose}*.{yaml,yml}', '**/node_modules/**', 200)).filter((u) => isComposeFileName(u.path));
  if (found.length === 0) {
    void ctx.ui.info(vscode.l10n.t('No compose file in the workspace (compose.yaml, compose.yml, docker-compose.yml or docker-compose.yaml).'));
    return undefined;
  }
  return ctx.ui.pick(
    found.sort((a, b) => a.path.localeCompare(b.path)).map((u) => ({ label: vscode.workspace.asRelativePath(u), value: u })),
    { placeHolder: vscode.l10n.t('Compose file') },
  );
}
