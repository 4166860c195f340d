import * as vscode from 'vscode';
import type { CommandContext, CommandHandler } from './context';
import { refreshContainers } from './containers/refreshContainers';
import { retryConnection } from './engine/retryConnection';
import { refreshImages } from './images/refreshImages';
import { refreshVolumes } from './volumes/refreshVolumes';

/** Every command id the extension contributes, mapped to its handler (one file per verb). */
export const commandHandlers: Record<string, CommandHandler> = {
  'dockerExplorer.containers.refresh': refreshContainers,
  'dockerExplorer.images.refresh': refreshImages,
  'dockerExplorer.volumes.refresh': refreshVolumes,
  'dockerExplorer.engine.retry': retryConnection,
};

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return Object.entries(commandHandlers).map(([id, handler]) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => handler(ctx, ...args)),
  );
}
