import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as vscode from 'vscode';
import { containerNameProblem } from '../../src/docker/containerName';
import { parseImageRef } from '../../src/docker/imageRef';
import { volumeNameProblem } from '../../src/docker/volumeName';
import type { DockerExplorerApi } from '../../src/extension';
import { activateExtension } from './support/extension';
import { commandSuiteHooks, useScriptedUi } from './support/scriptedUi';
import { cleanupRun, createContainer, runId, runLabel, testDocker, testImage, uniqueName } from './support/testEngine';
import { waitFor } from './support/uiBridge';

/** Counts the requests the extension's own service sends to the engine from now on. */
function countRequests(api: DockerExplorerApi): { readonly count: number; restore(): void } {
  const before = api.service.requestsSentOutsideStores;
  return {
    get count() {
      return api.service.requestsSentOutsideStores - before;
    },
    restore: () => undefined,
  };
}

describe('bad input through the commands: refused with the reason, no request reaches the engine', function () {
  this.timeout(120_000);
  const docker = testDocker();
  let api: DockerExplorerApi;
  let ui: ReturnType<typeof useScriptedUi>;
  let running: string;

  commandSuiteHooks((a, u) => {
    api = a;
    ui = u;
  });
  before(async () => {
    running = uniqueName('bad');
    await (await createContainer(docker, running)).start();
    const live = await activateExtension();
    await waitFor(async () => [...live.store.containers.values()].some((c) => c.name === running && c.state === 'running'), `${running} running`);
  });
  after(() => cleanupRun(docker));

  const run = { image: testImage, labels: [`${runLabel}=${runId}`] };
  /** [what, command, args, answers for the questions, what the message must say]. */
  const cases: [string, string, () => unknown[], string[], RegExp][] = [
    ['rename: empty name (input)', 'dockerExplorer.containers.rename', () => [running], [''], /validation: Type a new name/],
    ['rename: control characters (argument)', 'dockerExplorer.containers.rename', () => [running, 'we\x07b'], [], /not a valid container name/],
    ['rename: a URL with a password (argument)', 'dockerExplorer.containers.rename', () => [running, 'http://u:pw@x'], [], /not a valid container name/],
    ['run --name: whitespace (object)', 'dockerExplorer.containers.run', () => [{ ...run, name: 'my web' }], [], /not a valid container name/],
    [
      'run --name: wrong shape (options line)',
      'dockerExplorer.containers.run',
      () => [testImage],
      ['--name -web'],
      /validation: --name "-web" is not a valid container name/,
    ],
    ['run -e: no name (object)', 'dockerExplorer.containers.run', () => [{ ...run, env: ['=1'] }], [], /has no name before "="/],
    [
      'run -e: control characters (options line)',
      'dockerExplorer.containers.run',
      () => [testImage],
      ['-e "A\x01B=1"'],
      /validation: .*contains spaces or control characters/,
    ],
    ['run -p: out of range (object)', 'dockerExplorer.containers.run', () => [{ ...run, ports: ['8080:65536'] }], [], /65536 is out of range/],
    ['run -p: wrong characters (options line)', 'dockerExplorer.containers.run', () => [testImage], ['-p 80x:80'], /validation: .*not a port number/],
    ['run -v: relative target (object)', 'dockerExplorer.containers.run', () => [{ ...run, volumes: ['data:data'] }], [], /must be absolute/],
    ['run -v: too many parts (options line)', 'dockerExplorer.containers.run', () => [testImage], ['-v a:/b:ro:x'], /validation: .*too many ":"/],
    ['run --link: wrong shape (object)', 'dockerExplorer.containers.run', () => [{ ...run, links: ['a:b:c'] }], [], /container\[:alias\]/],
    ['run --restart: unknown policy (object)', 'dockerExplorer.containers.run', () => [{ ...run, restart: 'sometimes' }], [], /use no, always/],
    ['run --restart: wrong count (options line)', 'dockerExplorer.containers.run', () => [testImage], ['--restart on-failure:x'], /validation: .*whole number/],
    [
      'run: command with an unclosed quote (options line)',
      'dockerExplorer.containers.run',
      () => [testImage],
      ['-- sh -c "echo'],
      /validation: A double quote is not closed/,
    ],
    ['run image: whitespace (argument)', 'dockerExplorer.containers.run', () => ['Busy Box'], [], /spaces or control characters/],
    ['run image: too long (object)', 'dockerExplorer.containers.create', () => [{ ...run, image: 'a'.repeat(300) }], [], /longer than 255/],
    ['pull: empty (argument)', 'dockerExplorer.images.pull', () => ['  '], [], /image name is empty/],
    [
      'pull: a registry URL with a password (input)',
      'dockerExplorer.images.pull',
      () => [],
      ['https://bob:hunter2@registry.example.com/app'],
      /validation: .*not a valid/,
    ],
    ['pull: tag too long (argument)', 'dockerExplorer.images.pull', () => [`app:${'t'.repeat(129)}`], [], /up to 128/],
    ['tag: wrong shape (input)', 'dockerExplorer.images.tag', () => [testImage], ['app:'], /validation: "" is not a valid tag|validation: .*not a valid tag/],
    ['tag: a digest (input)', 'dockerExplorer.images.tag', () => [testImage], [`app@sha256:${'a'.repeat(64)}`], /validation: A digest/],
    ['volume create: too long (input)', 'dockerExplorer.volumes.create', () => [], ['v'.repeat(256)], /validation: The volume name is 256 characters long/],
    ['volume create: control characters (input)', 'dockerExplorer.volumes.create', () => [], ['da\x00ta'], /validation: "da\\x00ta" contains \\x00/],
    ['exec: empty command (input)', 'dockerExplorer.containers.execCommand', () => [running], ['  '], /validation: Type a command/],
    ['exec: a line break (argument)', 'dockerExplorer.containers.execCommand', () => [running, 'ls\nrm -rf /'], [], /control characters/],
  ];

  for (const [what, command, args, answers, expected] of cases) {
    it(`refuses ${what}`, async () => {
      ui.answer(...answers);
      const requests = countRequests(api);
      try {
        await vscode.commands.executeCommand(command, ...args());
      } finally {
        requests.restore();
      }
      const refusal = ui.asked.find((a) => a.kind === 'error');
      assert.ok(refusal, `no refusal; asked: ${JSON.stringify(ui.asked)}`);
      assert.match(refusal.message, expected);
      assert.ok(!refusal.message.includes('hunter2') && !refusal.message.includes('u:pw@'), `a password repeated: ${refusal.message}`);
      assert.equal(ui.unanswered, 0, 'every scripted answer was asked for');
      assert.equal(requests.count, 0, `${requests.count} request(s) reached the engine`);
    });
  }

  it('the engine accepts what the parsers accept: 30 generated image references, container and volume names', async () => {
    const component = fc.stringMatching(/^[a-z0-9]{1,6}(?:(?:[._]|__|-{1,2})[a-z0-9]{1,6}){0,2}$/);
    const refArb = fc
      .record({
        domain: fc.constantFrom(undefined, 'localhost:5000', 'registry.example.com', 'reg-1.internal:443'),
        path: fc.array(component, { minLength: 1, maxLength: 3 }),
        tag: fc.option(fc.stringMatching(/^[\w][\w.-]{0,40}$/), { nil: undefined }),
      })
      .map(({ domain, path, tag }) => `${domain ? `${domain}/` : ''}dxt-prop/${path.join('/')}${tag ? `:${tag}` : ''}`)
      .filter((ref) => {
        try {
          parseImageRef(ref);
          return true;
        } catch {
          return false;
        }
      });
    const refs = [...new Set(fc.sample(refArb, { numRuns: 30, seed: 7 }))];
    for (const ref of refs) {
      const parsed = parseImageRef(ref);
      const repo = ref.slice(0, ref.length - (parsed.tag ? parsed.tag.length + 1 : 0));
      await docker.getImage(testImage).tag({ repo, tag: parsed.tag ?? 'latest' });
      try {
        const tags = (await docker.getImage(testImage).inspect()).RepoTags ?? [];
        assert.ok(
          tags.some((t) => t === `${repo}:${parsed.tag ?? 'latest'}`),
          `${ref} tagged: ${tags.join(', ')}`,
        );
      } finally {
        await docker.getImage(`${repo}:${parsed.tag ?? 'latest'}`).remove({ noprune: true });
      }
    }

    const nameArb = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{1,80}$/).filter((n) => containerNameProblem(n) === undefined);
    for (const name of new Set(fc.sample(nameArb, { numRuns: 30, seed: 11 }))) {
      const id = await vscode.commands.executeCommand<string | undefined>('dockerExplorer.containers.create', { ...run, name });
      assert.ok(id, `create ${name}: ${JSON.stringify(ui.messages)}`);
      assert.equal((await docker.getContainer(id).inspect()).Name, `/${name}`);
      await docker.getContainer(id).remove({ force: true });
    }

    const volumeArb = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{1,254}$/).filter((n) => n.length <= 255 && volumeNameProblem(n) === undefined);
    for (const name of new Set(fc.sample(volumeArb, { numRuns: 30, seed: 13 }))) {
      await docker.createVolume({ Name: name, Labels: { [runLabel]: runId } });
      await docker.getVolume(name).remove();
    }
    assert.deepEqual(ui.messages, []);
  });
});
