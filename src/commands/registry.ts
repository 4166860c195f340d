import * as vscode from 'vscode';
import type { CommandContext, CommandHandler } from './context';
import { refreshContainers } from './containers/refreshContainers';
import { startContainer } from './containers/startContainer';
import { stopContainer } from './containers/stopContainer';
import { copyContainerId } from './containers/copyContainerId';
import { inspectContainer } from './containers/inspectContainer';
import { killContainer } from './containers/killContainer';
import { pauseContainer } from './containers/pauseContainer';
import { pruneContainers } from './containers/pruneContainers';
import { removeAllContainers } from './containers/removeAllContainers';
import { removeContainer } from './containers/removeContainer';
import { renameContainer } from './containers/renameContainer';
import { restartContainer } from './containers/restartContainer';
import { stopAllContainers } from './containers/stopAllContainers';
import { unpauseContainer } from './containers/unpauseContainer';
import { inspectImage } from './images/inspectImage';
import { inspectVolume } from './volumes/inspectVolume';
import { retryConnection } from './engine/retryConnection';
import { refreshImages } from './images/refreshImages';
import { refreshVolumes } from './volumes/refreshVolumes';

/** Every command id the extension contributes, mapped to its handler (one file per verb). */
export const commandHandlers: Record<string, CommandHandler> = {
  'dockerExplorer.containers.refresh': refreshContainers,
  'dockerExplorer.containers.start': startContainer,
  'dockerExplorer.containers.stop': stopContainer,
  'dockerExplorer.images.refresh': refreshImages,
  'dockerExplorer.volumes.refresh': refreshVolumes,
  'dockerExplorer.engine.retry': retryConnection,
  'dockerExplorer.containers.restart': restartContainer,
  'dockerExplorer.containers.pause': pauseContainer,
  'dockerExplorer.containers.unpause': unpauseContainer,
  'dockerExplorer.containers.kill': killContainer,
  'dockerExplorer.containers.rename': renameContainer,
  'dockerExplorer.containers.remove': removeContainer,
  'dockerExplorer.containers.prune': pruneContainers,
  'dockerExplorer.containers.stopAll': stopAllContainers,
  'dockerExplorer.containers.removeAll': removeAllContainers,
  'dockerExplorer.containers.inspect': inspectContainer,
  'dockerExplorer.containers.copyId': copyContainerId,
  'dockerExplorer.images.inspect': inspectImage,
  'dockerExplorer.volumes.inspect': inspectVolume,
};

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return Object.entries(commandHandlers).map(([id, handler]) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => handler(ctx, ...args)),
  );
}
