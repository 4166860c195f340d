// Drives Docker Explorer in a Korean window, one step at a time: before each step it tells the
// runner (DX_PROBE_URL) what is on the screen and waits for its answer, so the runner reads the
// page (titles, a row, a real confirmation dialog, the walkthrough, a welcome text) in between.
// An ordinary extension, not a test run: the workbench shows real modal dialogs only outside tests.
const http = require('node:http');
const vscode = require('vscode');

/** Posts one step and resolves with the runner's answer when it has looked at the page. */
function step(name, body = {}) {
  return new Promise((resolve) => {
    const req = http.request(process.env.DX_PROBE_URL, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve(text));
    });
    req.on('error', (err) => resolve(`error: ${err.message}`));
    req.end(JSON.stringify({ step: name, ...body }));
  });
}

exports.activate = async function activate() {
  try {
    const extension = vscode.extensions.getExtension('docker-explorer.docker-explorer');
    if (!extension) {
      await step('done', { error: 'docker-explorer.docker-explorer is not in this window' });
      return;
    }
    await extension.activate();
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    await vscode.commands.executeCommand('dockerExplorer.containers.focus');
    await step('views', { language: vscode.env.language });

    // A real confirmation: the runner reads it from the page and cancels it.
    const removal = vscode.commands.executeCommand('dockerExplorer.containers.remove', process.env.DX_KO_CONTAINER);
    await step('dialog');
    await removal;

    await vscode.commands.executeCommand('dockerExplorer.walkthrough.open');
    await step('walkthrough');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    // No engine at this address: the Containers view's welcome says so.
    const settings = vscode.workspace.getConfiguration('dockerExplorer');
    await settings.update('host', process.env.DX_KO_MISSING_HOST, vscode.ConfigurationTarget.Global);
    await step('welcome');
    await settings.update('host', undefined, vscode.ConfigurationTarget.Global);
    // A parser's message (built in src/docker) for a bad image name, as a notification.
    void vscode.commands.executeCommand('dockerExplorer.images.pull', 'Bad Name');
    await step('parserError');
    // Other parsers' messages, each refused before any request: a subnet with host bits set, a host port out of range.
    const name = process.env.DX_KO_CONTAINER;
    await vscode.commands.executeCommand('notifications.clearAll');
    void vscode.commands.executeCommand('dockerExplorer.networks.create', { name: `${name}-net`, subnet: '10.10.0.1/24' });
    await step('networkError');
    await vscode.commands.executeCommand('notifications.clearAll');
    void vscode.commands.executeCommand('dockerExplorer.containers.run', { image: process.env.DX_KO_IMAGE, name: `${name}-run`, ports: ['70000:80'] });
    await step('runError');
    await step('done', {});
  } catch (err) {
    await step('done', { error: String((err && err.stack) || err) });
  }
};
