import * as vscode from 'vscode';

/** The walkthrough's id as VS Code knows it: publisher.name#id (package.json contributes.walkthroughs). */
export const walkthroughId = 'docker-explorer.docker-explorer#getStarted';

/** "Get Started with Docker": opens the walkthrough that follows the docker tutorial's order. */
export async function openWalkthrough(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', walkthroughId, false);
}
