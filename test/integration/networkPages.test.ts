import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { containersFirstPageRows } from '../../src/tree/containersProvider';
import type { NetworksTreeNode } from '../../src/tree/networksProvider';
import { activateExtension } from './support/extension';
import { cleanupRun, createContainer, createNetwork, testDocker, testSubnet, uniqueName } from './support/testEngine';
import { expandOnPage, pageRowOnPage } from './support/pageRows';
import { ui, waitFor } from './support/uiBridge';

// A network with more members than a level holds lists them as the Containers view does (its first rows,
// then page rows), and a member's own change redraws its row without fetching the network's members again.
describe('a network with more members than a level holds', function () {
  this.timeout(300_000);
  const docker = testDocker();
  after(() => cleanupRun(docker));

  it('shows its first members and a page row on the page; a member that starts shows it on its row, the network not fetched again', async () => {
    const api = await activateExtension();
    const views = api.views.networks;
    const name = uniqueName('crowd');
    const { subnet, gateway } = testSubnet();
    await createNetwork(docker, name, { IPAM: { Driver: 'default', Config: [{ Subnet: subnet, Gateway: gateway }] } });
    const extra = 3;
    const total = containersFirstPageRows + extra;
    // Zero-padded, so the members' order by name is the order they were made in.
    const member = (i: number) => `${name}-${String(i).padStart(3, '0')}`;
    for (let i = 0; i < total; i += 20) {
      await Promise.all(Array.from({ length: Math.min(20, total - i) }, (_, j) => createContainer(docker, member(i + j), { HostConfig: { NetworkMode: name } })));
    }
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    await vscode.commands.executeCommand('dockerExplorer.networks.focus');
    const row = await waitFor(
      async () => {
        await api.store.whenIdle();
        const found = (await views.getChildren()).find((r) => r.kind === 'network' && r.model.name === name);
        return found && (await views.getChildren(found)).length === containersFirstPageRows + 1 && found;
      },
      `${name} listed with its ${total} members`,
      120_000,
    );
    assert.match(String(views.getTreeItem(row).description), new RegExp(`${total} containers`));
    const page = (await views.getChildren(row)).at(-1)!;
    assert.equal(page.kind, 'page');
    const label = `Containers ${containersFirstPageRows + 1} to ${total}`;
    assert.equal(views.getTreeItem(page).accessibilityInformation?.label, label);

    const selector = await pageRowOnPage(api.treeViews.networks, page, label);
    await expandOnPage(selector);
    const rows = await views.getChildren(page);
    assert.deepEqual(
      rows.map((r) => (r.kind === 'networkContainer' ? r.member.name : r.kind)),
      [member(total - 3), member(total - 2), member(total - 1)],
    );
    const last = rows[2];
    await api.treeViews.networks.reveal(last, { select: false, focus: false });
    const onPage = (state: RegExp) => async () =>
      (await ui.attributes(`.monaco-list-row[aria-label^="${member(total - 1)}, "]`, 'aria-label')).some((l) => state.test(l ?? ''));
    await waitFor(onPage(/, not running$/), `${member(total - 1)} on the page, not running`, 20_000);
    await ui.screenshot('network-page-row');

    // Count what VS Code asks of the network from here: a member's start (and the connect the engine sends with it) asks nothing of it.
    const asked: NetworksTreeNode[] = [];
    const getChildren = views.getChildren.bind(views);
    views.getChildren = (node?: NetworksTreeNode) => (node && asked.push(node), getChildren(node));
    try {
      await docker.getContainer(member(total - 1)).start();
      await waitFor(onPage(/ · running$/), `${member(total - 1)} running on the page`, 20_000);
      await waitFor(
        async () => (await ui.attributes(`.monaco-list-row[aria-label^="${member(total - 1)}, ${subnet.split('.').slice(0, 3).join('.')}."]`, 'aria-label')).length === 1,
        'its address on its row',
        20_000,
      );
      await ui.screenshot('network-page-member-started');
      assert.deepEqual(
        asked.map((n) => (n.kind === 'network' ? n.model.name : n.kind === 'page' ? 'a page row' : n.member.name)),
        [],
        'VS Code fetched no member of the network again',
      );
    } finally {
      views.getChildren = getChildren;
    }

    // Show More Containers takes a network's page row too, and expands it in the Networks view as a click would.
    await ui.click(selector);
    await waitFor(async () => (await ui.attributes(selector, 'aria-expanded')).join() === 'false', 'the page row collapsed', 20_000);
    await vscode.commands.executeCommand('dockerExplorer.containers.showMore', page);
    await waitFor(async () => (await ui.attributes(selector, 'aria-expanded')).join() === 'true', 'the page row expanded by Show More Containers', 20_000);
  });
});
