import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// contextValues.ts imports nothing from vscode, so the grammar and the table are checked in plain Node.
import {
  accepts,
  ActionId,
  actions,
  containerStates,
  ContextValues,
  imageStates,
  menuWhen,
  registryStates,
  registryTagStates,
  volumeStates,
} from '../../src/tree/contextValues';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

function rowMenus(): MenuEntry[] {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
  return manifest.contributes.menus['view/item/context'] as MenuEntry[];
}

/** Every contextValue a row can carry. */
const allContextValues = [
  ...containerStates.map(ContextValues.container),
  ...imageStates.map((s) => `image.${s}`),
  ...volumeStates.map((s) => `volume.${s}`),
  ContextValues.group('containers'),
  ContextValues.group('images'),
  ...registryStates.map((s) => `registry.${s}`),
  ...registryTagStates.map((s) => `registryTag.${s}`),
];

/** The contextValues a clause's `viewItem =~ /.../` matches, as VS Code would evaluate it. */
function matchedBy(when: string): string[] {
  const found = /viewItem =~ \/(.+?)\/(\s|$)/.exec(when);
  assert.ok(found, `no viewItem regex in: ${when}`);
  const regex = new RegExp(found[1]);
  return allContextValues.filter((v) => regex.test(v));
}

describe('the contextValue grammar and the table of actions', () => {
  it('names container rows kind.state for every state the views show', () => {
    for (const state of containerStates) {
      assert.equal(ContextValues.container(state), `container.${state}`);
    }
  });

  it('names images and volumes by what decides their actions', () => {
    assert.equal(ContextValues.image(true), 'image.dangling');
    assert.equal(ContextValues.image(false), 'image.tagged');
    assert.equal(ContextValues.volume(true), 'volume.inUse');
    assert.equal(ContextValues.volume(false), 'volume.unused');
  });

  it('accepts the states Docker itself accepts for each action', () => {
    const yes: [ActionId, string][] = [
      ['dockerExplorer.containers.start', 'exited'],
      ['dockerExplorer.containers.start', 'created'],
      ['dockerExplorer.containers.kill', 'paused'],
      ['dockerExplorer.containers.kill', 'restarting'],
      ['dockerExplorer.containers.stop', 'unhealthy'],
      ['dockerExplorer.containers.pause', 'unhealthy'],
      ['dockerExplorer.containers.unpause', 'paused'],
      ['dockerExplorer.containers.remove', 'dead'],
      ['dockerExplorer.containers.logs', 'created'],
      ['dockerExplorer.volumes.remove', 'unused'],
    ];
    const no: [ActionId, string][] = [
      ['dockerExplorer.containers.start', 'running'],
      ['dockerExplorer.containers.start', 'paused'],
      ['dockerExplorer.containers.start', 'dead'],
      ['dockerExplorer.containers.pause', 'paused'],
      ['dockerExplorer.containers.pause', 'restarting'],
      ['dockerExplorer.containers.unpause', 'running'],
      ['dockerExplorer.containers.kill', 'exited'],
      ['dockerExplorer.containers.stop', 'created'],
      ['dockerExplorer.containers.execCommand', 'paused'],
      ['dockerExplorer.containers.attach', 'restarting'],
      ['dockerExplorer.containers.remove', 'removing'],
      ['dockerExplorer.volumes.remove', 'inUse'],
    ];
    for (const [action, state] of yes) {
      assert.ok(accepts(action, state), `${action} accepts ${state}`);
    }
    for (const [action, state] of no) {
      assert.ok(!accepts(action, state), `${action} refuses ${state}`);
    }
  });

  it('names only states that exist in its rules', () => {
    const statesOf = { container: containerStates, image: imageStates, volume: volumeStates, registry: registryStates, registryTag: registryTagStates } as Record<
      string,
      readonly string[]
    >;
    for (const [action, rule] of Object.entries(actions)) {
      assert.ok(rule.states.length > 0, `${action} accepts some state`);
      for (const state of rule.states) {
        assert.ok(statesOf[rule.kind].includes(state), `${action}: ${rule.kind} has no state "${state}"`);
      }
    }
  });

  it('has every row menu clause in package.json spelled exactly as the table generates it', () => {
    const entries = rowMenus();
    assert.ok(entries.length >= 20, 'the row menus are there');
    for (const entry of entries) {
      assert.ok(entry.command in actions, `${entry.command} has a row menu entry but no rule in src/tree/contextValues.ts`);
      assert.equal(entry.when, menuWhen(entry.command as ActionId), `the menu entry of ${entry.command} (${entry.group}) disagrees with the table`);
    }
  });

  it('has every row menu clause match exactly the rows whose state the table accepts', () => {
    for (const entry of rowMenus()) {
      const rule = actions[entry.command as ActionId];
      const expected = rule.states.map((s) => `${rule.kind}.${s}`);
      assert.deepEqual(matchedBy(entry.when ?? '').sort(), [...expected].sort(), `${entry.command} (${entry.group}): ${entry.when}`);
    }
  });

  it('hides an action on one thing from a multi-selection, and only those', () => {
    for (const entry of rowMenus()) {
      const hidden = / && !listMultiSelection$/.test(entry.when ?? '');
      assert.equal(hidden, actions[entry.command as ActionId].one, `${entry.command} (${entry.group}): ${entry.when}`);
    }
    for (const one of ['rename', 'copyRunCommand', 'openShell', 'execCommand', 'attach', 'logs'] as const) {
      assert.ok(actions[`dockerExplorer.containers.${one}`].one, one);
    }
    assert.ok(actions['dockerExplorer.images.tag'].one);
  });
});
