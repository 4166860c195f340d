import * as vscode from 'vscode';
import { ComposeTool, defaultProjectName } from '../../docker/composeTool';
import type { CommandContext } from '../context';
import { engineReady } from '../engineReady';
import { composeTool, projectNameSetting, runCompose, type ComposeRun } from './composeRun';
import { composeFileTarget, type ComposeFileTarget } from './composeTarget';

/** What every compose file command needs, checked in this order: the file, the project-name setting, the tool. */
export interface ComposeStart {
  target: ComposeFileTarget;
  tool: ComposeTool;
  /** `-p NAME` from the setting, or undefined (compose then names the project itself). */
  projectName: string | undefined;
}

export async function composeStart(ctx: CommandContext, args: unknown[]): Promise<ComposeStart | undefined> {
  const target = await composeFileTarget(ctx, args);
  if (!target) {
    return undefined;
  }
  const projectName = projectNameSetting(ctx, target.file);
  if (projectName === null) {
    return undefined;
  }
  const tool = composeTool(ctx);
  return tool && { target, tool, projectName };
}

/** Runs one compose subcommand on the file and returns when the tool is done. */
export function composeVerb(
  ctx: CommandContext,
  start: ComposeStart,
  verb: string[],
  title: string,
  options: { follow?: boolean; profiles?: string[] } = {},
): Promise<ComposeRun | undefined> {
  return runCompose(ctx, start.tool, start.target, { verb, projectName: start.projectName, title, ...options });
}

/**
 * The project the file's containers belong to: the setting's name, else the one compose labelled
 * with this working directory (several: the one compose would name after it), else that default name.
 */
export async function projectOfFile(ctx: CommandContext, start: ComposeStart): Promise<string> {
  const fallback = defaultProjectName(start.target.directory, start.tool.kind);
  if (start.projectName) {
    return start.projectName;
  }
  const found = await ctx.service.projectsFromDirectory(start.target.directory);
  return found.includes(fallback) ? fallback : (found[0] ?? fallback);
}

/** Waits (events, not polling) until the store shows the project, then reveals and expands its row. */
export async function revealProjectWhenShown(ctx: CommandContext, project: string, timeoutMs = 5_000): Promise<boolean> {
  if (!(await engineReady(ctx, { quiet: true }))) {
    return false;
  }
  const shown = () => [...ctx.store.containers.values()].some((c) => c.composeProject === project);
  if (!shown()) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const subscription = ctx.store.onChange(() => shown() && done());
      function done() {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      }
    });
  }
  return shown() && ((await ctx.revealProject?.(project)) ?? false);
}

export const composeTitle = (verb: string, start: ComposeStart) => vscode.l10n.t('Compose {0}: {1}', verb, vscode.workspace.asRelativePath(start.target.file));
