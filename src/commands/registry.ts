import * as vscode from 'vscode';
import type { CommandContext, CommandHandler } from './context';
import { refreshContainers } from './containers/refreshContainers';
import { startContainer } from './containers/startContainer';
import { stopContainer } from './containers/stopContainer';
import { openShell } from './containers/openShell';
import { execCommand } from './containers/execCommand';
import { attachContainer } from './containers/attachContainer';
import { containerLogs } from './containers/containerLogs';
import { retryConnection } from './engine/retryConnection';
import { showEngineLog } from './engine/showEngineLog';
import { refreshImages } from './images/refreshImages';
import { pruneImages } from './images/pruneImages';
import { removeImage } from './images/removeImage';
import { tagImage } from './images/tagImage';
import { refreshVolumes } from './volumes/refreshVolumes';
import { createVolume } from './volumes/createVolume';
import { pruneVolumes } from './volumes/pruneVolumes';
import { removeVolume } from './volumes/removeVolume';

/** Every command id the extension contributes, mapped to its handler (one file per verb). */
export const commandHandlers: Record<string, CommandHandler> = {
  'dockerExplorer.containers.refresh': refreshContainers,
  'dockerExplorer.containers.start': startContainer,
  'dockerExplorer.containers.stop': stopContainer,
  'dockerExplorer.images.refresh': refreshImages,
  'dockerExplorer.volumes.refresh': refreshVolumes,
  'dockerExplorer.engine.retry': retryConnection,
  'dockerExplorer.engine.showLog': showEngineLog,
  'dockerExplorer.images.remove': removeImage,
  'dockerExplorer.images.tag': tagImage,
  'dockerExplorer.images.prune': pruneImages,
  'dockerExplorer.volumes.create': createVolume,
  'dockerExplorer.volumes.remove': removeVolume,
  'dockerExplorer.volumes.prune': pruneVolumes,
  'dockerExplorer.containers.openShell': openShell,
  'dockerExplorer.containers.execCommand': execCommand,
  'dockerExplorer.containers.attach': attachContainer,
  'dockerExplorer.containers.logs': containerLogs,
};

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return Object.entries(commandHandlers).map(([id, handler]) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => handler(ctx, ...args)),
  );
}
