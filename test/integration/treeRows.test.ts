import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { cleanupRun, createContainer, testDocker, uniqueName } from './support/testEngine';
import { ui, waitFor } from './support/uiBridge';

// What a user sees: the rows the workbench renders, read from the page, against the engine.
describe('tree rows on the page', function () {
  this.timeout(60_000);
  const docker = testDocker();

  after(() => cleanupRun(docker));

  it('renders one row per container the engine has, with its state', async () => {
    await cleanupRun(docker);
    const api = await activateExtension();
    const running = uniqueName('shown-running');
    const created = uniqueName('shown-created');
    await (await createContainer(docker, running)).start();
    await createContainer(docker, created);
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    await vscode.commands.executeCommand('dockerExplorer.containers.focus');
    await api.store.whenIdle();

    const engine = await docker.listContainers({ all: true });
    const expected = engine.map((c) => `${c.Names[0].replace(/^\//, '')}, ${c.State}`).sort();
    const rows = await waitFor(
      async () => {
        const labels = (await ui.attributes('.monaco-list-row[aria-level]', 'aria-label')).filter((l): l is string => !!l);
        const containerRows = labels
          .filter((l) => engine.some((c) => l.startsWith(`${c.Names[0].replace(/^\//, '')}, `)))
          .map((l) => l.split(', ').slice(0, 2).join(', '))
          .sort();
        return JSON.stringify(containerRows) === JSON.stringify(expected) && containerRows;
      },
      `rows ${expected.join(' | ')} on the page`,
    );
    assert.ok(rows.includes(`${running}, running`));
    assert.ok(rows.includes(`${created}, created`));
    // The activity-bar badge counts running containers, in words that agree with the number.
    const runningCount = engine.filter((c) => c.State === 'running').length;
    const badge = await waitFor(async () => api.treeViews.containers.badge?.value === runningCount && api.treeViews.containers.badge, `a badge of ${runningCount}`);
    assert.equal(badge.tooltip, runningCount === 1 ? '1 running container' : `${runningCount} running containers`);
    // The start-up benchmark's marks: rows reached VS Code after activate() began.
    const { activateStartedAt, containersFirstRowsAt } = api.startup;
    assert.ok(containersFirstRowsAt !== undefined && containersFirstRowsAt >= activateStartedAt, `marks ${activateStartedAt} -> ${containersFirstRowsAt}`);
    await ui.screenshot('containers-rows');
  });
});
