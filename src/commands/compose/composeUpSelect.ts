import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { composeProfiles, composeServices } from '../../docker/composeFile';
import type { CommandContext } from '../context';
import { composeStart } from './composeFlow';
import type { ComposeRun } from './composeRun';
import { up } from './composeUp';

/** Compose Up with the services (and profiles) chosen in quick picks, or given as `{ file, services, profiles }`. */
export async function composeUpSelect(ctx: CommandContext, ...args: unknown[]): Promise<ComposeRun | undefined> {
  const start = await composeStart(ctx, args);
  if (!start) {
    return undefined;
  }
  let { services, profiles } = start.target;
  if (!services && !profiles) {
    const entries = composeServices(fs.readFileSync(start.target.file.fsPath, 'utf8'));
    const offered = composeProfiles(entries);
    profiles = [];
    if (offered.length > 0) {
      const picked = await ctx.ui.pick(
        offered.map((p) => ({ label: p, value: p })),
        { placeHolder: vscode.l10n.t('Profiles to enable (none: only the services without a profile)'), canPickMany: true },
      );
      if (!picked) {
        return undefined;
      }
      profiles = picked;
    }
    const chosenProfiles = profiles;
    const available = entries.filter((s) => s.profiles.length === 0 || s.profiles.some((p) => chosenProfiles.includes(p)));
    if (available.length === 0) {
      void ctx.ui.info(vscode.l10n.t('No services found in {0}; use Compose Up to let the compose tool read it.', vscode.workspace.asRelativePath(start.target.file)));
      return undefined;
    }
    const picked = await ctx.ui.pick(
      available.map((s) => ({ label: s.name, description: s.profiles.join(', '), value: s.name, picked: true })),
      { placeHolder: vscode.l10n.t('Services to start'), canPickMany: true },
    );
    if (!picked || picked.length === 0) {
      return undefined;
    }
    services = picked;
  }
  return up(ctx, start, services ?? [], profiles ?? []);
}
