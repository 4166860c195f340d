import * as vscode from 'vscode';
import { actOnce } from '../act';
import type { CommandContext } from '../context';
import { containerTargets } from '../targets';

/** `docker inspect`: the container's JSON as a read-only document, secrets masked. */
export async function inspectContainer(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await containerTargets(ctx, args, {
    action: 'dockerExplorer.containers.inspect',
    many: true,
    placeHolder: vscode.l10n.t('Containers to inspect'),
    noneMessage: vscode.l10n.t('No containers to inspect.'),
  });
  for (const c of targets ?? []) {
    const answer = await actOnce(ctx, ['docker', 'inspect', c.name], () => ctx.service.inspectContainer(c.id));
    if (answer) {
      await ctx.inspect.show('container', c.id, c.name, answer);
    }
  }
}
