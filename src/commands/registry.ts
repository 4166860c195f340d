import * as vscode from 'vscode';
import { describeFailure, showFailure } from '../errorMessages';
import { CommandContext, CommandHandler, CommandScope } from './context';
import { refreshContainers } from './containers/refreshContainers';
import { startContainer } from './containers/startContainer';
import { copyRunCommand } from './containers/copyRunCommand';
import { createContainer } from './containers/createContainer';
import { runContainer } from './containers/runContainer';
import { pullImage } from './images/pullImage';
import { stopContainer } from './containers/stopContainer';
import { containerStats } from './containers/containerStats';
import { commitContainer } from './containers/commitContainer';
import { openInBrowser } from './containers/openInBrowser';
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
import { buildImage } from './images/buildImage';
import { refreshVolumes } from './volumes/refreshVolumes';
import { createVolume } from './volumes/createVolume';
import { pruneVolumes } from './volumes/pruneVolumes';
import { removeVolume } from './volumes/removeVolume';
import { startProject } from './projects/startProject';
import { stopProject } from './projects/stopProject';
import { restartProject } from './projects/restartProject';
import { pauseProject } from './projects/pauseProject';
import { unpauseProject } from './projects/unpauseProject';
import { removeProject } from './projects/removeProject';
import { projectLogs } from './projects/projectLogs';
import { composeUp } from './compose/composeUp';
import { composeUpSelect } from './compose/composeUpSelect';
import { composeDown } from './compose/composeDown';
import { composeRestart } from './compose/composeRestart';
import { composePull } from './compose/composePull';
import { composeLogs } from './compose/composeLogs';
import { showChanges } from './containers/showChanges';
import { showLayers } from './images/showLayers';
import { openContainerFile } from './files/openContainerFile';
import { downloadFromContainer } from './files/downloadFromContainer';
import { uploadToContainer } from './files/uploadToContainer';
import { newFileInContainer, newFolderInContainer } from './files/createInContainer';
import { deleteInContainer } from './files/deleteInContainer';
import { compareWithImage } from './files/compareWithImage';
import { pushImage } from './images/pushImage';
import { addRegistry } from './registries/addRegistry';
import { copyReference } from './registries/copyReference';
import { logIn } from './registries/logIn';
import { logOut } from './registries/logOut';
import { pullTag } from './registries/pullTag';
import { refreshRegistries } from './registries/refreshRegistries';
import { removeRegistry } from './registries/removeRegistry';
import { showMoreContainers } from './containers/showMoreContainers';
import { connectNetwork } from './networks/connectNetwork';
import { createNetwork } from './networks/createNetwork';
import { disconnectNetwork } from './networks/disconnectNetwork';
import { inspectNetwork } from './networks/inspectNetwork';
import { pruneNetworks } from './networks/pruneNetworks';
import { refreshNetworks } from './networks/refreshNetworks';
import { removeNetwork } from './networks/removeNetwork';
import { openWalkthrough } from './help/openWalkthrough';

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
  'dockerExplorer.containers.run': runContainer,
  'dockerExplorer.containers.create': createContainer,
  'dockerExplorer.containers.copyRunCommand': copyRunCommand,
  'dockerExplorer.images.pull': pullImage,
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
  'dockerExplorer.containers.openInBrowser': openInBrowser,
  'dockerExplorer.containers.commit': commitContainer,
  'dockerExplorer.containers.stats': containerStats,
  'dockerExplorer.images.inspect': inspectImage,
  'dockerExplorer.volumes.inspect': inspectVolume,
  'dockerExplorer.containers.openShell': openShell,
  'dockerExplorer.containers.execCommand': execCommand,
  'dockerExplorer.containers.attach': attachContainer,
  'dockerExplorer.containers.logs': containerLogs,
  'dockerExplorer.networks.refresh': refreshNetworks,
  'dockerExplorer.networks.create': createNetwork,
  'dockerExplorer.networks.remove': removeNetwork,
  'dockerExplorer.networks.prune': pruneNetworks,
  'dockerExplorer.networks.inspect': inspectNetwork,
  'dockerExplorer.networks.connect': connectNetwork,
  'dockerExplorer.networks.disconnect': disconnectNetwork,
  'dockerExplorer.containers.connectNetwork': connectNetwork,
  'dockerExplorer.projects.start': startProject,
  'dockerExplorer.projects.stop': stopProject,
  'dockerExplorer.projects.restart': restartProject,
  'dockerExplorer.projects.pause': pauseProject,
  'dockerExplorer.projects.unpause': unpauseProject,
  'dockerExplorer.projects.remove': removeProject,
  'dockerExplorer.projects.logs': projectLogs,
  'dockerExplorer.compose.up': composeUp,
  'dockerExplorer.compose.upSelect': composeUpSelect,
  'dockerExplorer.compose.down': composeDown,
  'dockerExplorer.compose.restart': composeRestart,
  'dockerExplorer.compose.pull': composePull,
  'dockerExplorer.compose.logs': composeLogs,
  // Inside images and containers (issue 13).
  'dockerExplorer.containers.showChanges': showChanges,
  'dockerExplorer.images.showLayers': showLayers,
  'dockerExplorer.files.open': openContainerFile,
  'dockerExplorer.files.download': downloadFromContainer,
  'dockerExplorer.files.upload': uploadToContainer,
  'dockerExplorer.files.newFile': newFileInContainer,
  'dockerExplorer.files.newFolder': newFolderInContainer,
  'dockerExplorer.files.delete': deleteInContainer,
  'dockerExplorer.changes.open': openContainerFile,
  'dockerExplorer.changes.compareWithImage': compareWithImage,
  'dockerExplorer.changes.download': downloadFromContainer,
  'dockerExplorer.images.build': buildImage,
  // Push and registries (issue 15)
  'dockerExplorer.images.push': pushImage,
  'dockerExplorer.registries.add': addRegistry,
  'dockerExplorer.registries.remove': removeRegistry,
  'dockerExplorer.registries.logIn': logIn,
  'dockerExplorer.registries.logOut': logOut,
  'dockerExplorer.registries.refresh': refreshRegistries,
  'dockerExplorer.registries.pullTag': pullTag,
  'dockerExplorer.registries.copyReference': copyReference,
  'dockerExplorer.containers.showMore': showMoreContainers,
  'dockerExplorer.walkthrough.open': openWalkthrough,
};

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return Object.entries(commandHandlers).map(([id, handler]) => vscode.commands.registerCommand(id, (...args: unknown[]) => runCommand(ctx, id, handler, args)));
}

/**
 * Every invocation runs here: with its own scope (what it holds, such as the store's lease, is
 * let go of when the handler settles), and one path for an error no handler expected: our own
 * message with Show Details, the stack in the output channel, never VS Code's generic failure.
 */
export async function runCommand(ctx: CommandContext, id: string, handler: CommandHandler, args: unknown[]): Promise<unknown> {
  const scope = new CommandScope();
  // The invocation's context: everything else (ui, which tests replace) is read through to ctx.
  const invocation = Object.create(ctx, { scope: { value: scope } }) as CommandContext;
  try {
    return await handler(invocation, ...args);
  } catch (err) {
    const message = describeFailure(err, ctx.engineDescription || vscode.l10n.t('(no engine configured)'));
    ctx.log.error(`${id}: ${message}${err instanceof Error && err.stack ? `\n${err.stack}` : ''}`);
    void showFailure(ctx.ui, ctx.log, message);
    return undefined;
  } finally {
    scope.dispose();
  }
}
