import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { type ComposeRun } from './composeRun';
import { composeStart, composeTitle, composeVerb, projectOfFile, revealProjectWhenShown, type ComposeStart } from './composeFlow';

/**
 * `docker compose -f FILE --project-directory DIR [-p NAME] up -d [SERVICE...]` in a terminal; the
 * project then shows in the Containers view, revealed and expanded. `up` attached when
 * dockerExplorer.compose.detached is off (the terminal then runs until stopped).
 */
export async function composeUp(ctx: CommandContext, ...args: unknown[]): Promise<ComposeRun | undefined> {
  const start = await composeStart(ctx, args);
  return start && up(ctx, start, start.target.services ?? [], start.target.profiles ?? []);
}

export async function up(ctx: CommandContext, start: ComposeStart, services: string[], profiles: string[]): Promise<ComposeRun | undefined> {
  const detached = vscode.workspace.getConfiguration('dockerExplorer.compose', start.target.file).get<boolean>('detached', true);
  const run = await composeVerb(ctx, start, ['up', ...(detached ? ['-d'] : []), ...services], composeTitle('Up', start), { follow: !detached, profiles });
  if (run && (run.exitCode === 0 || !detached)) {
    await revealProjectWhenShown(ctx, await projectOfFile(ctx, start));
  }
  return run;
}
