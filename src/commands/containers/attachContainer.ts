import * as vscode from 'vscode';
import { commandLine } from '../../docker/shell';
import { DetachKeysError, parseDetachKeys } from '../../terminal/detachKeys';
import { AttachTerminal } from '../../terminal/attachTerminal';
import type { CommandContext } from '../context';
import { containerTargets } from '../targets';

const defaultDetachKeys = 'ctrl-p,ctrl-q';

/** `docker attach`: the main process of a running container, in a terminal. */
export async function attachContainer(ctx: CommandContext, ...args: unknown[]): Promise<AttachTerminal | undefined> {
  const [target] =
    (await containerTargets(ctx, args, {
      many: false,
      action: 'dockerExplorer.containers.attach',
      placeHolder: vscode.l10n.t('Container to attach to'),
      noneMessage: vscode.l10n.t('No running containers to attach to.'),
    })) ?? [];
  if (!target) {
    return undefined;
  }
  return openAttachTerminal(ctx, target.id, target.name);
}

/**
 * Opens an attach terminal on a container (also used right after `docker run -it`). Returns
 * undefined, having said why, when the detach keys setting is not valid.
 */
export function openAttachTerminal(ctx: CommandContext, containerIdOrName: string, displayName = containerIdOrName): AttachTerminal | undefined {
  const spec = vscode.workspace.getConfiguration('dockerExplorer.terminal').get<string>('detachKeys', defaultDetachKeys).trim() || defaultDetachKeys;
  let bytes: string;
  try {
    bytes = parseDetachKeys(spec);
  } catch (err) {
    if (!(err instanceof DetachKeysError)) {
      throw err;
    }
    void ctx.ui.error(
      vscode.l10n.t('The setting dockerExplorer.terminal.detachKeys is not valid: {0}. Use keys separated by commas, such as ctrl-p,ctrl-q.', err.message),
    );
    return undefined;
  }
  const detachFlag = spec === defaultDetachKeys ? [] : ['--detach-keys', spec];
  ctx.log.command(commandLine(['docker', 'attach', ...detachFlag, displayName]));
  const session = new AttachTerminal(ctx.service, containerIdOrName, displayName, { bytes, spec }, ctx.engineDescription);
  ctx.terminals.show(session, vscode.l10n.t('{0} (attach)', displayName), 'plug');
  return session;
}
