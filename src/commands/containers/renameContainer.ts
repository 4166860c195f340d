import * as vscode from 'vscode';
import { containerNameProblem } from '../../docker/containerName';
import { scrubSecrets } from '../../docker/maskSecrets';
import type { ContainerModel } from '../../docker/models';
import { printable } from '../../docker/shell';
import { actOnce } from '../act';
import type { CommandContext } from '../context';
import { containerTargets } from '../targets';

/** What is wrong with `name` as the new name of `container`, in words; undefined when fine. */
function nameProblem(ctx: CommandContext, container: ContainerModel, typed: string): string | undefined {
  // Quoted back to the user: never a pasted password or a raw control character.
  const name = printable(scrubSecrets(typed));
  switch (containerNameProblem(typed)) {
    case 'empty':
      return vscode.l10n.t('Type a new name for the container.');
    case 'tooShort':
      return vscode.l10n.t('A container name needs at least two characters.');
    case 'badFirst':
      return vscode.l10n.t('"{0}" is not a valid container name: it must start with a letter or a digit.', name);
    case 'badCharacters':
      return vscode.l10n.t('"{0}" is not a valid container name: use only letters, digits, "_", "." and "-".', name);
  }
  if (typed === container.name) {
    return vscode.l10n.t('The container is already named "{0}".', name);
  }
  const holder = [...ctx.store.containers.values()].find((c) => c.name === typed && c.id !== container.id);
  if (holder) {
    return vscode.l10n.t(
      'The name "{0}" is already taken by another container ({1}). Choose another name, or rename or remove that container first.',
      name,
      holder.id.slice(0, 12),
    );
  }
  return undefined;
}

/** `docker rename OLD NEW`: the new name from the second argument or an input box, checked before any request. */
export async function renameContainer(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await containerTargets(ctx, args, {
    action: 'dockerExplorer.containers.rename',
    many: false,
    placeHolder: vscode.l10n.t('Container to rename'),
    noneMessage: vscode.l10n.t('No containers to rename.'),
  });
  const container = targets?.[0];
  if (!container) {
    return;
  }
  let name: string | undefined;
  if (typeof args[1] === 'string') {
    name = args[1].trim();
    const problem = nameProblem(ctx, container, name);
    if (problem) {
      void ctx.ui.error(problem);
      return;
    }
  } else {
    name = (
      await ctx.ui.input({
        title: vscode.l10n.t('Rename container {0}', container.name),
        prompt: vscode.l10n.t('Letters, digits, "_", "." and "-"; it must start with a letter or a digit.'),
        value: container.name,
        validateInput: (value) => nameProblem(ctx, container, value.trim()),
      })
    )?.trim();
    if (name === undefined || nameProblem(ctx, container, name)) {
      return;
    }
  }
  await actOnce(ctx, ['docker', 'rename', container.name, name], () => ctx.service.renameContainer(container.id, name));
}
