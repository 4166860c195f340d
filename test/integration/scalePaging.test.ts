import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { composeProjectLabel } from '../../src/docker/models';
import { containersPageSize } from '../../src/tree/containersProvider';
import { activateExtension } from './support/extension';
import { cleanupRun, createContainer, runId, runLabel, testDocker, uniqueName } from './support/testEngine';
import { ui, waitFor } from './support/uiBridge';

// A level longer than a page: VS Code fetches every row of a level on each change to it, so the view shows a page and a Show more row.
describe('a compose project longer than a page', function () {
  this.timeout(300_000);
  const docker = testDocker();
  after(() => cleanupRun(docker));

  it('shows its first page and a Show more row on the page, and the next page when that row is clicked', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    await vscode.commands.executeCommand('dockerExplorer.containers.focus');
    const project = uniqueName('paged');
    const extra = 3;
    const total = containersPageSize + extra;
    for (let i = 0; i < total; i += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, total - i) }, (_, j) =>
          createContainer(docker, `${project}-${i + j}`, { Labels: { [runLabel]: runId, [composeProjectLabel]: project } }),
        ),
      );
    }
    const group = await waitFor(
      async () => {
        await api.store.whenIdle();
        // Every create's event has reached the store: 501 rows show as soon as 501 are known, before the last two.
        if ([...api.store.containers.values()].filter((c) => c.composeProject === project).length !== total) return undefined;
        const roots = await api.views.containers.getChildren();
        const found = roots.find((n) => n.kind === 'group' && n.label === project);
        return found && (await api.views.containers.getChildren(found)).length === containersPageSize + 1 && found;
      },
      `${project} listed with its ${total} containers`,
      120_000,
    );
    const rows = await api.views.containers.getChildren(group);
    const more = rows.at(-1)!;
    assert.equal(more.kind, 'more');
    const label = `Show ${extra} more, ${containersPageSize} of ${total} shown`;
    assert.equal(more.getTreeItem().accessibilityInformation?.label, label);

    // VS Code may still be fetching the rows of the last refreshes of the fill: reveal once it knows the row.
    await waitFor(
      () =>
        Promise.resolve(api.treeViews.containers.reveal(more, { select: false, focus: false })).then(
          () => true,
          () => false,
        ),
      'the Show more row revealed',
      20_000,
    );
    const selector = `.monaco-list-row[aria-label="${label}"]`;
    await waitFor(async () => (await ui.attributes(selector, 'aria-label')).length === 1, 'the Show more row on the page', 20_000);
    await ui.screenshot('show-more-row');
    await ui.click(selector);
    await waitFor(async () => (await api.views.containers.getChildren(group)).length === total, 'every member listed after the click', 20_000);
    // The next page's last row: brought into view as a user scrolling down would, it is on the page.
    const lastRow = (await api.views.containers.getChildren(group)).at(-1)!;
    assert.ok(lastRow.kind === 'container');
    // The click's refresh may still be on its way to VS Code: reveal once it knows the row, as for the Show more row.
    await waitFor(
      () =>
        Promise.resolve(api.treeViews.containers.reveal(lastRow, { select: false, focus: false })).then(
          () => true,
          () => false,
        ),
      'the last row revealed',
      20_000,
    );
    const lastLabel = `${lastRow.model.name}, created, `;
    await waitFor(async () => (await ui.attributes(`.monaco-list-row[aria-label^="${lastLabel}"]`, 'aria-label')).length === 1, `${lastLabel} on the page`, 20_000);
    await ui.screenshot('show-more-clicked');
    assert.equal((await ui.attributes(selector, 'aria-label')).length, 0, 'the Show more row is gone');
  });
});
