import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import { commandSuiteHooks, useScriptedUi } from './support/scriptedUi';
import { ui as page, waitFor } from './support/uiBridge';

// "Get started with Docker" as a user meets it: opened from the Containers view's title, its steps
// on the page, a step's button running our command, and the step marked done once it was done.

const stepSelector = (id: string) => `button.getting-started-step[data-step-id$="${id}"]`;

/** The walkthrough's step rows on the page, in order. */
const stepTitles = () => page.texts('button.getting-started-step .step-title');

describe('the walkthrough on the page', function () {
  this.timeout(120_000);
  let api: DockerExplorerApi;
  let ui: ReturnType<typeof useScriptedUi>;
  commandSuiteHooks((a, u) => {
    api = a;
    ui = u;
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("opens from the Containers view's title action, with the tutorial's nine steps, the first done by connecting", async () => {
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    await vscode.commands.executeCommand('dockerExplorer.containers.focus');
    const action = '.pane-header .action-label[aria-label="Get Started with Docker"]';
    await waitFor(async () => (await page.attributes(action, 'aria-label')).length > 0, 'the title action on the Containers view');
    // Title actions are drawn only while the pane is hovered or focused; after earlier suites the focus may be elsewhere.
    await page.hover('.pane-header[aria-label^="Containers"]');
    await page.click(action);
    const titles = await waitFor(async () => {
      const t = await stepTitles();
      return t.length === 9 && t;
    }, 'the nine steps on the page');
    assert.deepEqual(
      titles.map((t) => t.replace(/\s+/g, ' ')),
      [
        '1. Connect to a Docker Engine',
        '2. Images and their names',
        '3. Run a container',
        '4. Leave a container, and come back',
        '5. Run a shell in a running container',
        '6. See every container, stopped ones too',
        '7. The writable layer',
        '8. Volumes: data that outlives the container',
        '9. Stop, remove and prune',
      ],
    );
    assert.ok((await page.texts('.gettingStartedDetailsContent h2, .gettingStartedSlideDetails h2')).some((t) => t.includes('Get started with Docker')));
    await page.screenshot('walkthrough');
    // The first step is done when the engine answers: Retry Connection (its button) connects again.
    const connect = stepSelector('#connect');
    await page.click(connect);
    await page.click('.getting-started-step.expanded .monaco-button:has-text("Retry Connection")');
    await waitFor(async () => (await page.attributes(connect, 'aria-checked'))[0] === 'true', 'the connect step marked done');
  });

  it("runs our command from a step's button, and marks the step done once it ran", async () => {
    await vscode.commands.executeCommand('dockerExplorer.walkthrough.open');
    const step = stepSelector('#images');
    await waitFor(async () => (await page.attributes(step, 'aria-checked')).length === 1, 'the images step on the page');
    // Other suites ran Pull already, which counts: the user's own "mark as not done" checkbox resets it.
    const checkbox = `[data-done-step-id$="#images"]`;
    if ((await page.attributes(step, 'aria-checked'))[0] === 'true') {
      await page.click(step);
      await page.click(checkbox);
    }
    await waitFor(async () => (await page.attributes(step, 'aria-checked'))[0] === 'false', 'the images step not done before its button is clicked');
    await page.click(step);
    // The button a step's "[Pull an Image](command:dockerExplorer.images.pull)" line becomes.
    const button = '.getting-started-step.expanded .monaco-button, .getting-started-step.expanded a[href^="command:"]';
    const labels = await waitFor(async () => {
      const texts = await page.texts(button);
      return texts.includes('Pull an Image') && texts;
    }, 'the Pull an Image button in the expanded step');
    assert.ok(labels.includes('Pull an Image'));
    // Pull asks which image: the scripted user cancels, so nothing is pulled.
    ui.answer(undefined);
    await page.click(`${button.split(', ')[0]}:has-text("Pull an Image")`);
    await waitFor(async () => ui.asked.some((a) => a.kind === 'input') && true, 'the pull command asking for an image');
    assert.match(ui.asked[0].message, /Pull Image/);
    await waitFor(async () => (await page.attributes(step, 'aria-checked'))[0] === 'true', 'the images step marked done');
    await page.screenshot('walkthrough-step-done');
    void api;
  });
});
