import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// contextValues.ts imports nothing from vscode, so the grammar is checked in plain Node.
import { ContextPatterns, ContextValues } from '../../src/tree/contextValues';

describe('the contextValue grammar', () => {
  it('names container rows kind.state for every state the views show', () => {
    for (const state of ['running', 'paused', 'restarting', 'exited', 'created', 'dead', 'unhealthy']) {
      assert.equal(ContextValues.container(state), `container.${state}`);
      assert.match(ContextValues.container(state), ContextPatterns.anyContainer);
    }
  });

  it('tells running, paused and stopped containers apart with the same patterns menus use', () => {
    assert.match(ContextValues.container('running'), ContextPatterns.runningContainer);
    assert.match(ContextValues.container('unhealthy'), ContextPatterns.runningContainer);
    assert.doesNotMatch(ContextValues.container('paused'), ContextPatterns.runningContainer);
    assert.match(ContextValues.container('paused'), ContextPatterns.pausedContainer);
    for (const state of ['exited', 'created', 'dead']) {
      assert.match(ContextValues.container(state), ContextPatterns.stoppedContainer);
    }
  });

  it('names images and volumes by what decides their actions', () => {
    assert.equal(ContextValues.image(true), 'image.dangling');
    assert.equal(ContextValues.image(false), 'image.tagged');
    assert.equal(ContextValues.volume(true), 'volume.inUse');
    assert.equal(ContextValues.volume(false), 'volume.unused');
  });

  it('matches only contextValues that exist in the package.json menu clauses', () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
    const clauses: string[] = Object.values(manifest.contributes.menus as Record<string, { when?: string }[]>)
      .flat()
      .map((m) => m.when ?? '')
      .filter((w) => w.includes('viewItem'));
    const known = /viewItem\s*(==|=~)\s*\/?\^?\(?(container|image|volume|group|imageRepository)/;
    for (const clause of clauses) {
      assert.match(clause, known, clause);
    }
  });
});
