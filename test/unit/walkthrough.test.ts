import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The walkthrough "Get started with Docker" as the manifest declares it, in every language the
// manifest has: nine steps in the tutorial's order, each with a button that runs our command,
// completion events on commands that exist, and media files that are there.

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const languages: Record<string, Record<string, string>> = {
  en: JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')),
  ko: JSON.parse(fs.readFileSync(path.join(root, 'package.nls.ko.json'), 'utf8')),
};

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string };
  completionEvents?: string[];
}

const [walkthrough] = manifest.contributes.walkthroughs as { id: string; title: string; steps: Step[] }[];
const ourCommands = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
/** A manifest string with its %key% replaced, as VS Code does for the display language. */
const localized = (value: string, language: string) => value.replace(/^%(.+)%$/, (_, key: string) => languages[language][key] ?? languages.en[key] ?? value);
const commandLinks = (text: string) => [...text.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);

describe('the walkthrough (contributes.walkthroughs)', () => {
  it('has the nine steps of the tutorial, in its order', () => {
    assert.equal(walkthrough.id, 'getStarted');
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['connect', 'images', 'run', 'leave', 'exec', 'list', 'writableLayer', 'volumes', 'cleanUp'],
    );
  });

  for (const language of Object.keys(languages)) {
    it(`gives every step a title, a text and a button that runs one of our commands (${language})`, () => {
      for (const step of walkthrough.steps) {
        assert.match(localized(step.title, language), /^\d\. \S/, step.id);
        const description = localized(step.description, language);
        assert.ok(!/^%.*%$/.test(description), `${step.id}: ${description}`);
        const links = commandLinks(description);
        assert.ok(links.length > 0, `${step.id} has no button`);
        assert.deepEqual(
          links.filter((c) => !ourCommands.has(c)),
          [],
          `${step.id}'s buttons run commands the extension does not contribute`,
        );
      }
    });

    it(`shows each step's media from a file that exists (${language})`, () => {
      for (const step of walkthrough.steps) {
        const file = localized(step.media.markdown ?? step.media.image ?? '', language);
        assert.ok(fs.existsSync(path.join(root, file)), `${step.id}: ${file} is missing`);
        if (language !== 'en') {
          assert.notEqual(file, localized(step.media.markdown ?? '', 'en'), `${step.id}: the ${language} media is the English file`);
        }
      }
    });
  }

  it('marks a step done by doing it: each completion event names one of our commands or our engine state', () => {
    for (const step of walkthrough.steps) {
      assert.ok(step.completionEvents?.length, `${step.id} has no completion event`);
      for (const event of step.completionEvents ?? []) {
        const command = /^onCommand:(.+)$/.exec(event)?.[1];
        assert.ok(command ? ourCommands.has(command) : /^onContext:dockerExplorer\./.test(event), `${step.id}: ${event}`);
      }
      // A button's command completes its own step, so clicking the button is doing the step.
      const links = commandLinks(localized(step.description, 'en'));
      assert.ok(
        step.completionEvents?.some((e) => links.includes(e.replace(/^onCommand:/, ''))),
        `${step.id}: none of its buttons completes it`,
      );
    }
  });

  it('opens from the Containers view: a title action, and a link in its empty welcome', () => {
    const opener = 'dockerExplorer.walkthrough.open';
    assert.ok(ourCommands.has(opener));
    assert.ok(
      manifest.contributes.menus['view/title'].some((m: { command: string; when: string }) => m.command === opener && m.when === 'view == dockerExplorer.containers'),
    );
    const empty = manifest.contributes.viewsWelcome.find(
      (w: { view: string; contents: string }) => w.view === 'dockerExplorer.containers' && w.contents === '%welcome.empty.containers%',
    );
    for (const language of Object.keys(languages)) {
      assert.ok(commandLinks(localized(empty.contents, language)).includes(opener), language);
    }
    const source = fs.readFileSync(path.join(root, 'src/commands/help/openWalkthrough.ts'), 'utf8');
    assert.ok(source.includes(`'${manifest.publisher}.${manifest.name}#${walkthrough.id}'`), 'openWalkthrough.ts names another walkthrough');
  });
});
