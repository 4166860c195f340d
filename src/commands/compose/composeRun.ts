import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeNameProblem } from './nameProblems';
import { ComposeTool, composeCommand, describeTool, displayWords, engineEnvironment, findComposeTool, projectNameProblem } from '../../docker/composeTool';
import { commandLine, printable } from '../../docker/shell';
import type { CommandContext } from '../context';
import type { ComposeFileTarget } from './composeTarget';

function isExecutable(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() && (stat.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

let found: { key: string; tool: ComposeTool | undefined } | undefined;

/**
 * The compose tool, looked for without running anything (PATH and the docker CLI's plugin
 * folders); found once per PATH and DOCKER_CONFIG, and named in the output channel. When it is
 * missing, the user is told how to install it and undefined comes back.
 */
export function composeTool(ctx: CommandContext): ComposeTool | undefined {
  const key = `${process.env.PATH ?? ''}\0${process.env.DOCKER_CONFIG ?? ''}`;
  if (found?.key !== key) {
    found = { key, tool: findComposeTool({ env: process.env, homedir: os.homedir(), isExecutable }) };
    ctx.log.info(found.tool ? vscode.l10n.t('Compose tool: {0}', describeTool(found.tool)) : vscode.l10n.t('Compose tool: none found'));
  }
  if (!found.tool) {
    void ctx.ui.error(
      vscode.l10n.t(
        'No compose tool was found: neither the docker compose plugin (docker CLI plugins folder, e.g. ~/.docker/cli-plugins) nor docker-compose on PATH. Install Docker Compose (the docker-compose-plugin or docker-compose package) and try again.',
      ),
    );
  }
  return found.tool;
}

/** `-p NAME` from dockerExplorer.compose.projectName, validated as compose would; null when it is wrong (said). */
export function projectNameSetting(ctx: CommandContext, file: vscode.Uri): string | undefined | null {
  const name = vscode.workspace.getConfiguration('dockerExplorer.compose', file).get<string>('projectName', '').trim();
  if (name === '') {
    return undefined;
  }
  const problem = projectNameProblem(name);
  if (problem) {
    void ctx.ui.error(
      vscode.l10n.t('The setting dockerExplorer.compose.projectName "{0}" is not a project name compose accepts: {1}.', printable(name), describeNameProblem(problem)),
    );
    return null;
  }
  return name;
}

export interface ComposeRun {
  /** The compose tool's exit code, once it ended; undefined for a run that keeps going (logs -f). */
  exitCode: number | undefined;
  /** The line shown in the terminal and the output channel. */
  commandLine: string;
}

let runs = 0;

/**
 * Runs the compose tool in a VS Code terminal (a task whose command line the user reads), against
 * the engine the views use, and resolves when it ends (or, with `follow`, when it started).
 */
export async function runCompose(
  ctx: CommandContext,
  tool: ComposeTool,
  target: ComposeFileTarget,
  options: { verb: string[]; projectName: string | undefined; profiles?: string[]; title: string; follow?: boolean },
): Promise<ComposeRun | undefined> {
  const endpoint = ctx.endpoint?.();
  if (!endpoint) {
    void ctx.ui.error(vscode.l10n.t('No Docker Engine is configured: the views show why. The compose tool would not know which engine to use.'));
    return undefined;
  }
  const command = composeCommand(tool, {
    files: target.files,
    projectDirectory: target.directory,
    projectName: options.projectName,
    profiles: options.profiles,
    verb: options.verb,
  });
  const line = commandLine(displayWords(tool, command));
  ctx.log.command(line);
  const id = `compose-${process.pid}-${++runs}`;
  const execution = new vscode.ProcessExecution(command.program, command.args, { cwd: target.directory, env: engineEnvironment(endpoint, process.env) });
  const task = new vscode.Task({ type: 'dockerExplorer.compose', file: target.file.fsPath, run: id }, target.folder, options.title, 'Docker', execution, []);
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, echo: true, clear: true, showReuseMessage: false };
  const isOurs = (e: { execution: vscode.TaskExecution }) => e.execution.task.definition.run === id;
  const ended = new Promise<number | undefined>((resolve) => {
    const subscription = vscode.tasks.onDidEndTaskProcess((e) => {
      if (isOurs(e)) {
        subscription.dispose();
        resolve(e.exitCode);
      }
    });
  });
  const started = new Promise<void>((resolve) => {
    const subscription = vscode.tasks.onDidStartTaskProcess((e) => {
      if (isOurs(e)) {
        subscription.dispose();
        resolve();
      }
    });
  });
  await vscode.tasks.executeTask(task);
  if (options.follow) {
    await started;
    return { exitCode: undefined, commandLine: line };
  }
  const exitCode = await ended;
  if (exitCode !== 0) {
    const message = vscode.l10n.t(
      '{0} ended with exit code {1}; its terminal shows why.',
      path.basename(command.program) === 'docker' ? 'docker compose' : 'docker-compose',
      String(exitCode),
    );
    ctx.log.error(message);
    void ctx.ui.error(message);
  }
  return { exitCode, commandLine: line };
}
