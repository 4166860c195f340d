import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { composeProjectLabel } from '../../src/docker/models';
import { containersFirstPageRows } from '../../src/tree/containersProvider';
import { activateExtension } from './support/extension';
import { cleanupRun, createContainer, runId, runLabel, testDocker, uniqueName } from './support/testEngine';
import { useScriptedUi } from './support/scriptedUi';
import { expandOnPage, pageRowOnPage } from './support/pageRows';
import { ui, waitFor } from './support/uiBridge';

// A level longer than a page: VS Code fetches every row of a level on each change to it, so the view shows
// the level's first rows and then collapsed page rows, each fetching only its own rows when expanded.
describe('a compose project longer than a page', function () {
  this.timeout(300_000);
  const docker = testDocker();
  after(() => cleanupRun(docker));

  it('shows its first rows and a page row on the page; the expanded page shows its rows, and a remove or rename inside it', async () => {
    const api = await activateExtension();
    const views = api.views.containers;
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    await vscode.commands.executeCommand('dockerExplorer.containers.focus');
    const project = uniqueName('paged');
    const extra = 3;
    const total = containersFirstPageRows + extra;
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
        // Every create's event has reached the store: the page row shows as soon as 501 are known, before the last two.
        if ([...api.store.containers.values()].filter((c) => c.composeProject === project).length !== total) return undefined;
        const roots = await views.getChildren();
        const found = roots.find((n) => n.kind === 'group' && n.label === project);
        return found && (await views.getChildren(found)).length === containersFirstPageRows + 1 && found;
      },
      `${project} listed with its ${total} containers`,
      120_000,
    );
    const page = (await views.getChildren(group)).at(-1)!;
    assert.equal(page.kind, 'page');
    const label = `Containers ${(containersFirstPageRows + 1).toLocaleString('en')} to ${total.toLocaleString('en')}`;
    assert.equal(page.getTreeItem().accessibilityInformation?.label, label);

    const selector = await pageRowOnPage(api.treeViews.containers, page, label);
    await ui.screenshot('page-row');
    await expandOnPage(selector);
    const rows = await views.getChildren(page);
    assert.equal(rows.length, extra, 'the page holds the rows past the first page');
    const onPage = async (name: string) => (await ui.attributes(`.monaco-list-row[aria-label^="${name}, created, "]`, 'aria-label')).length === 1;
    const [first, , last] = rows.map((r) => (r.kind === 'container' ? r.model : assert.fail(`${r.kind} in a page`)));
    // Brought into view as a user scrolling down would (reveal goes through getParent: the page row).
    await api.treeViews.containers.reveal(rows[2], { select: false, focus: false });
    await waitFor(() => onPage(last.name), `${last.name}, in the page, on the page`, 20_000);
    await ui.screenshot('page-row-expanded');
    assert.equal((await views.getChildren(group)).length, containersFirstPageRows + 1, "the project's own rows did not grow");

    // Live inside the page: a rename shows in its row, a remove takes its row off the page, the page stays.
    await docker.getContainer(first.id).rename({ name: `${first.name}-r` });
    await waitFor(() => onPage(`${first.name}-r`), `${first.name}-r on the page`, 20_000);
    await docker.getContainer(last.id).remove({ force: true });
    await waitFor(async () => !(await onPage(last.name)), `${last.name} gone from the page`, 20_000);
    assert.deepEqual(
      (await views.getChildren(page)).map((r) => (r.kind === 'container' ? r.model.name : r.kind)),
      [`${first.name}-r`, rows[1].kind === 'container' ? rows[1].model.name : ''],
    );
    // The pane may be a few rows high: the shorter list can scroll the page row out of the DOM, so bring it into view first.
    // Its numbers may be cut again to the rows left ("to 102"): the row, not its label, is what must stay.
    const samePage = `.monaco-list-row[aria-label^="Containers ${(containersFirstPageRows + 1).toLocaleString('en')} to "]`;
    await api.treeViews.containers.reveal(page, { select: false, focus: false });
    await waitFor(async () => (await ui.attributes(samePage, 'aria-expanded')).join() === 'true', 'the page row still there, expanded', 20_000);

    // Show More Containers takes the page row as its argument and expands it, as a click would; bad input asks nothing of the engine.
    await ui.click(samePage);
    await waitFor(async () => (await ui.attributes(samePage, 'aria-expanded')).join() === 'false', 'the page row collapsed again', 20_000);
    await vscode.commands.executeCommand('dockerExplorer.containers.showMore', page);
    await waitFor(async () => (await ui.attributes(samePage, 'aria-expanded')).join() === 'true', 'the page row expanded by Show More Containers', 20_000);
    const scripted = useScriptedUi(api);
    const sent = api.service.requestsSentOutsideStores;
    try {
      await vscode.commands.executeCommand('dockerExplorer.containers.showMore', 'not a page row');
      assert.deepEqual(
        scripted.messages.map((m) => m.kind),
        ['error'],
      );
      assert.match(scripted.messages[0].message, /page row/);
      assert.equal(api.service.requestsSentOutsideStores, sent, 'no request reached the engine');
    } finally {
      scripted.restore();
    }
  });
});
