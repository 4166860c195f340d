// Another extension in an ordinary window (no extensionTestsPath): what can it reach of Docker
// Explorer? It reports to the runner over loopback (DX_PROBE_URL), since a window outside a test
// run has no results file.
const http = require('node:http');
const vscode = require('vscode');

function report(body) {
  const req = http.request(process.env.DX_PROBE_URL, { method: 'POST', headers: { 'content-type': 'application/json' } });
  req.on('error', () => undefined);
  req.end(JSON.stringify(body));
}

exports.activate = async function activate(context) {
  try {
    const extension = vscode.extensions.getExtension('docker-explorer.docker-explorer');
    if (!extension) {
      report({ error: 'docker-explorer.docker-explorer is not in this window' });
      return;
    }
    const exported = await extension.activate();
    let refresh = 'ok';
    try {
      await vscode.commands.executeCommand('dockerExplorer.containers.refresh');
    } catch (err) {
      refresh = String(err && err.message);
    }
    report({
      probeMode: context.extensionMode,
      isActive: extension.isActive,
      exportedType: typeof exported,
      exportsType: typeof extension.exports,
      exportedKeys: exported && typeof exported === 'object' ? Object.keys(exported) : [],
      refresh,
    });
  } catch (err) {
    report({ error: String((err && err.stack) || err) });
  }
};
