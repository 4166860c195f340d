import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { cleanupRun, createContainer, testDocker, testImage, uniqueName } from './support/testEngine';
import { ui, waitFor } from './support/uiBridge';

/** The text of a rendered row's part (label or description), read from the page. */
async function rowPart(name: string, part: 'label-name' | 'label-description'): Promise<string | undefined> {
  const texts = await ui.texts(`.monaco-list-row[aria-label^="${name}, "] .${part}`);
  return texts[0];
}

// What a sidebar of the workbench's default width shows of a container row: what changes comes first.
describe('container row text on the page', function () {
  this.timeout(60_000);
  const docker = testDocker();

  after(() => cleanupRun(docker));

  it('shows the status before the image in the description and the aria-label, at the default sidebar width', async () => {
    const api = await activateExtension();
    const running = uniqueName('status-first');
    const created = uniqueName('status-created');
    await (await createContainer(docker, running)).start();
    await createContainer(docker, created);
    const exited = uniqueName('status-exited');
    const stopped = await createContainer(docker, exited);
    await stopped.start();
    await stopped.stop();
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    await vscode.commands.executeCommand('dockerExplorer.containers.focus');
    await api.store.whenIdle();

    // The page may still show the create for one of VS Code's 200 ms tree refresh batches after the start.
    const statusFirst = new RegExp(`^Up [^·]+ · ${escapeRegExp(testImage)}$`);
    let runningText: string | undefined;
    await waitFor(async () => statusFirst.test((runningText = await rowPart(running, 'label-description')) ?? ''), `the description of ${running} on the page`).catch(
      () => undefined,
    );
    // Nothing here resizes the sidebar: the screenshot shows what the default width shows (the
    // text read here is the whole description; whether the end is cut off shows only in the picture).
    const shot = await ui.screenshot('containers-status-first');
    assert.match(runningText ?? '', statusFirst, `status first, then the image: "${runningText}" (${shot.path})`);
    const createdText = await waitFor(async () => rowPart(created, 'label-description'), `the description of ${created} on the page`);
    assert.equal(createdText, `Created · ${testImage}`);
    assert.equal(await rowPart(running, 'label-name'), running);

    // In English the rows say the status in docker ps's own words: what the engine listed, rebuilt from its parts.
    for (const name of [running, created, exited]) {
      const model = [...api.store.containers.values()].find((c) => c.name === name);
      assert.ok(model, `${name} in the store`);
      // The page may lag the store by one of VS Code's 200 ms tree refresh batches: wait for it to agree.
      const wanted = `${model.status} · ${testImage}`;
      let seen: string | undefined;
      await waitFor(async () => (seen = await rowPart(name, 'label-description')) === wanted, `the description of ${name} to read "${wanted}"`).catch(() => undefined);
      assert.equal(seen, wanted, `${name} (${model.state})`);
    }
    assert.match(await waitFor(async () => rowPart(exited, 'label-description'), exited), /^Exited \(\d+\) /);

    const labels = (await ui.attributes(`.monaco-list-row[aria-label^="${running}, "]`, 'aria-label')).filter((l): l is string => !!l);
    assert.equal(labels.length, 1, JSON.stringify(labels));
    assert.match(
      labels[0],
      new RegExp(`^${running}, running, Up [^,]+, ${escapeRegExp(testImage)}$`),
      `a screen reader hears the status before the image too: "${labels[0]}"`,
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
