import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import type { BuildTerminal } from '../../src/terminal/buildTerminal';
import { commandSuiteHooks, ScriptedUi } from './support/scriptedUi';
import { cleanupRun, createContainer, runId, runLabel, testDocker, testImage, uniqueName } from './support/testEngine';
import { ui as page, waitFor } from './support/uiBridge';

/** Builds FROM the test image (busybox, local): the engine here reaches no registry. */
describe('Build Image: docker build over the Engine API', function () {
  this.timeout(120_000);
  const docker = testDocker();
  let api: DockerExplorerApi;
  let ui: ScriptedUi;
  commandSuiteHooks((a, u) => {
    api = a;
    ui = u;
  });
  const folders: string[] = [];
  const tags: string[] = [];

  afterEach(() => {
    for (const { terminal, session } of api.terminals.sessions) {
      if (session.kind === 'build') terminal.dispose();
    }
  });
  after(async () => {
    for (const tag of tags)
      await docker
        .getImage(tag)
        .remove({ force: true })
        .catch(() => undefined);
    await cleanupRun(docker);
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });

  /** A context folder inside the workspace (so the palette finds its Dockerfile) with the given files. */
  function contextWith(files: Record<string, string>): string {
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(workspace, 'the test window has a workspace folder');
    const dir = path.join(workspace, uniqueName('build'));
    folders.push(dir);
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
  }

  function newTag(prefix: string): string {
    const tag = `${uniqueName(prefix)}:t1`;
    tags.push(tag);
    return tag;
  }

  function lastBuild(): BuildTerminal {
    const session = api.terminals.sessions
      .map((s) => s.session)
      .filter((s) => s.kind === 'build')
      .at(-1);
    assert.ok(session, 'a build terminal opened');
    return session as BuildTerminal;
  }

  async function tagExists(tag: string): Promise<boolean> {
    return docker
      .getImage(tag)
      .inspect()
      .then(
        () => true,
        () => false,
      );
  }

  /** Runs `sh -c script` in a container of `image` to its end and returns what it printed. */
  async function output(image: string, script: string): Promise<string> {
    const container = await createContainer(docker, uniqueName('out'), { Image: image, Cmd: ['sh', '-c', script], Tty: true });
    await container.start();
    await container.wait();
    return (await container.logs({ stdout: true, stderr: true })).toString();
  }

  const twoStages = (greetingDefault: string) =>
    [
      `FROM ${testImage} AS build`,
      `ARG GREETING=${greetingDefault}`,
      'RUN echo "greeting=$GREETING" > /greeting.txt',
      'COPY app/ /app/',
      'FROM build AS final',
      'RUN echo final > /final.txt',
      '',
    ].join('\n');

  it('builds a Dockerfile with an ARG, two stages and a COPY, with a build argument and a target', async () => {
    const dir = contextWith({
      Dockerfile: twoStages('hello'),
      'app/kept.txt': 'kept\n',
      'app/secret.txt': 'must not be sent\n',
      '.dockerignore': 'app/secret.txt\n',
    });
    const tag = newTag('built');
    const logged: string[] = [];
    const original = api.commands.log.command;
    api.commands.log.command = (line: string) => {
      logged.push(line);
      original.call(api.commands.log, line);
    };
    let id: string | undefined;
    try {
      id = (await vscode.commands.executeCommand('dockerExplorer.images.build', {
        dockerfile: path.join(dir, 'Dockerfile'),
        tag,
        buildArgs: ['GREETING=from-the-test'],
        target: 'build',
        labels: [`${runLabel}=${runId}`],
      })) as string | undefined;
    } finally {
      api.commands.log.command = original;
    }
    const info = await docker.getImage(tag).inspect();
    assert.equal(id, info.Id, 'the command returns the new image id, which the tag names');
    assert.equal(info.Config.Labels?.[runLabel], runId, 'the label was given');
    assert.deepEqual(logged, [
      `docker build -t ${tag} -f ${path.join(dir, 'Dockerfile')} --build-arg GREETING=from-the-test --target build --label ${runLabel}=${runId} ${dir}`,
    ]);

    const history = (await docker.getImage(tag).history()) as { CreatedBy: string }[];
    const steps = history.map((h) => h.CreatedBy).join('\n');
    assert.match(steps, /GREETING=from-the-test \/bin\/sh -c echo "greeting=\$GREETING" > \/greeting.txt/, 'the RUN step, with the build argument');
    assert.match(steps, /COPY dir:\w+ in \/app\//, 'the COPY step');
    assert.doesNotMatch(steps, /final/, 'the target stopped at the first stage');
    const printed = await output(tag, 'cat /greeting.txt; ls /app; test -e /final.txt && echo has-final || echo no-final');
    assert.match(printed, /greeting=from-the-test/, "the ARG's value is in the layer");
    assert.match(printed, /kept\.txt/);
    assert.doesNotMatch(printed, /secret\.txt/, 'the .dockerignore-d file is not in the image');
    assert.match(printed, /no-final/);

    const session = lastBuild();
    assert.equal(session.exitCode, 0);
    assert.match(session.transcript, /Step 1\/\d+ : FROM/);
    assert.match(session.transcript, /Step \d+\/\d+ : RUN echo "greeting=\$GREETING"/);
    assert.match(session.transcript, new RegExp(`Successfully tagged ${tag}`));
    assert.match(session.transcript, new RegExp(`Built ${info.Id}, tagged ${tag}`));

    // The selection reaches the extension host from the workbench a moment after the reveal.
    const selected = await waitFor(async () => {
      const rows = api.treeViews.images.selection as { model?: { id: string } }[];
      return rows[0]?.model?.id === info.Id && rows;
    }, 'the new image revealed and selected in the Images view');
    assert.ok(ui.messages.some((m) => m.kind === 'info' && m.message.startsWith(`Built ${tag}`)));

    // What a user sees: the build terminal beside the revealed row.
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    await api.treeViews.images.reveal(selected[0] as never, { select: true, focus: true });
    vscode.window.terminals.find((t) => t.name === `docker build ${tag}`)?.show();
    await waitFor(
      async () => (await page.texts('.terminal-wrapper .xterm-rows')).some((t) => t.includes('Successfully tagged')),
      'the build output on the page',
      15_000,
    ).catch(() => undefined);
    await waitFor(async () => (await page.texts('.monaco-list-row.selected')).some((t) => t.includes('t1')), 'the selected image row on the page', 10_000).catch(
      () => undefined,
    );
    await page.screenshot('build-terminal-and-image');
  });

  it('a failing RUN: the terminal shows the step and the error, closes with 1, and no tag is made', async () => {
    const dir = contextWith({ Dockerfile: `FROM ${testImage}\nRUN echo before-the-failure && exit 3\nRUN echo never\n` });
    const tag = newTag('fails');
    const id = await vscode.commands.executeCommand('dockerExplorer.images.build', { dockerfile: path.join(dir, 'Dockerfile'), tag });
    assert.equal(id, undefined);
    const session = lastBuild();
    assert.equal(session.exitCode, 1);
    assert.match(session.transcript, /Step 2\/3 : RUN echo before-the-failure && exit 3/);
    assert.match(session.transcript, /before-the-failure/);
    // eslint-disable-next-line no-control-regex -- the red is the point
    assert.match(session.transcript, /\x1b\[31mThe command '\/bin\/sh -c echo before-the-failure && exit 3' returned a non-zero code: 3/, 'the error in red');
    assert.match(session.transcript, /Step 2\/3 failed: RUN echo before-the-failure && exit 3/);
    assert.ok(!(await tagExists(tag)), 'no tag was made');
    assert.ok(ui.messages.some((m) => m.kind === 'error' && /failed at step 2\/3/.test(m.message)));
  });

  /** Starts a build whose RUN step sleeps, and waits until the step runs. */
  async function slowBuild(prefix: string, signal?: AbortSignal): Promise<{ tag: string; result: Thenable<unknown>; session: BuildTerminal; marker: string }> {
    const marker = `dx-slow-${Math.random().toString(36).slice(2, 8)}`;
    const dir = contextWith({ Dockerfile: `FROM ${testImage}\nRUN echo ${marker} && sleep 60\n` });
    const tag = newTag(prefix);
    const result = vscode.commands.executeCommand('dockerExplorer.images.build', { dockerfile: path.join(dir, 'Dockerfile'), tag }, { signal });
    const session = await waitFor(
      async () => api.terminals.sessions.map((s) => s.session as BuildTerminal).find((s) => s.kind === 'build' && s.spec.tag === tag),
      'the build terminal',
    );
    // The marker on a line of its own is the step's output (the Step line only names it): the step's container runs.
    await waitFor(async () => new RegExp(`\\n${marker}\\r?\\n`).test(session.transcript), 'the RUN step running', 60_000);
    return { tag, result, session, marker };
  }

  /** The engine's containers running the marked step. */
  async function stepsRunning(marker: string): Promise<number> {
    const running = await docker.listContainers();
    return running.filter((c) => c.Command.includes(marker)).length;
  }

  /**
   * The step's output comes from its running process, but the engine's list may show its container
   * running a moment later (dockerd's list view lags its state under load): wait until it does.
   */
  async function stepRunningInList(marker: string): Promise<void> {
    await waitFor(async () => (await stepsRunning(marker)) === 1, 'the step running in the engine`s list');
  }

  it('Cancel mid-build: the engine stops the build, no step runs on and no tag is made', async () => {
    const abort = new AbortController();
    const { tag, result, session, marker } = await slowBuild('cancel', abort.signal);
    await stepRunningInList(marker);
    abort.abort();
    assert.equal(await result, undefined);
    assert.equal(await stepsRunning(marker), 0, 'when the command returns, the step no longer runs');
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await stepsRunning(marker), 0, 'and nothing runs on a moment later');
    assert.ok(!(await tagExists(tag)), 'no tag was made');
    assert.equal(session.exitCode, 1);
    assert.match(session.transcript, /Build cancelled/);
    assert.ok(ui.messages.some((m) => m.kind === 'info' && /cancelled; nothing was tagged/.test(m.message)));
  });

  it('closing the build terminal stops the build too', async () => {
    const { tag, result, marker } = await slowBuild('close');
    await stepRunningInList(marker);
    const entry = api.terminals.sessions.find((s) => (s.session as BuildTerminal).spec?.tag === tag);
    entry?.terminal.dispose();
    assert.equal(await result, undefined);
    await waitFor(async () => (await stepsRunning(marker)) === 0, 'the step to stop in the engine', 20_000);
    assert.ok(!(await tagExists(tag)), 'no tag was made');
  });

  describe('bad input: a message, nothing sent', () => {
    const refusals: [string, () => Record<string, unknown>, RegExp][] = [];
    let dir = '';
    before(() => {
      dir = contextWith({
        Dockerfile: twoStages('x'),
        'buildkit/Dockerfile': `# syntax=docker/dockerfile:1\nFROM ${testImage}\nRUN --mount=type=cache,target=/c true\n`,
      });
    });
    const dockerfile = () => path.join(dir, 'Dockerfile');
    refusals.push(
      ['an empty tag', () => ({ dockerfile: dockerfile(), tag: '' }), /image name is empty/],
      ['an uppercase tag', () => ({ dockerfile: dockerfile(), tag: 'My/App' }), /must be lowercase/],
      ['a digest as tag', () => ({ dockerfile: dockerfile(), tag: `app@sha256:${'a'.repeat(64)}` }), /digest/],
      ['a tag with a control character', () => ({ dockerfile: dockerfile(), tag: 'app\x1b:1' }), /control characters/],
      ['a build argument without =', () => ({ dockerfile: dockerfile(), tag: 'app:1', buildArgs: ['GREETING'] }), /has no "="/],
      ['a build argument name Docker cannot use', () => ({ dockerfile: dockerfile(), tag: 'app:1', buildArgs: ['1X=1'] }), /not a build argument name/],
      ['a build argument with a line break', () => ({ dockerfile: dockerfile(), tag: 'app:1', buildArgs: ['A=1\n2'] }), /line break/],
      ['build arguments that are not a list', () => ({ dockerfile: dockerfile(), tag: 'app:1', buildArgs: 'A=1' }), /must be a list of strings/],
      ['a target that is not a stage name', () => ({ dockerfile: dockerfile(), tag: 'app:1', target: '1st' }), /not a stage name/],
      ['a target the Dockerfile lacks', () => ({ dockerfile: dockerfile(), tag: 'app:1', target: 'test' }), /no stage "test"; its stages are build, final/],
      ['a label without a key', () => ({ dockerfile: dockerfile(), tag: 'app:1', labels: ['=x'] }), /no name before "="/],
      ['an unknown option', () => ({ dockerfile: dockerfile(), tag: 'app:1', buildarg: ['A=1'] }), /does not know buildarg/],
      ['no Dockerfile', () => ({ tag: 'app:1' }), /needs "dockerfile"/],
      ['a missing Dockerfile', () => ({ dockerfile: path.join(dir, 'Nope.Dockerfile'), tag: 'app:1' }), /cannot be read \(ENOENT\)/],
      [
        'a Dockerfile needing BuildKit',
        () => ({ dockerfile: path.join(dir, 'buildkit/Dockerfile'), tag: 'app:1' }),
        /needs BuildKit \(line 1: # syntax=docker\/dockerfile:1; line 3: RUN --mount/,
      ],
      ['a Dockerfile outside the context', () => ({ dockerfile: dockerfile(), context: path.join(dir, 'buildkit'), tag: 'app:1' }), /is outside the build context/],
      ['a missing context folder', () => ({ dockerfile: dockerfile(), context: path.join(dir, 'missing'), tag: 'app:1' }), /context folder .* does not exist/],
    );
    for (const [what, given, message] of refusals) {
      it(`refuses ${what}`, async () => {
        await api.store.whenIdle();
        const before = api.service.requestsSentOutsideStores;
        const id = await vscode.commands.executeCommand('dockerExplorer.images.build', given());
        assert.equal(id, undefined);
        assert.equal(api.service.requestsSentOutsideStores - before, 0, 'no request reached the engine');
        const errors = ui.messages.filter((m) => m.kind === 'error');
        assert.equal(errors.length, 1, JSON.stringify(ui.asked));
        assert.match(errors[0].message, message);
      });
    }

    it('refuses a context with a file it cannot pack (a named pipe), naming it', async () => {
      const context = contextWith({ Dockerfile: `FROM ${testImage}\n` });
      execFileSync('mkfifo', [path.join(context, 'a.pipe')]);
      await api.store.whenIdle();
      const before = api.service.requestsSentOutsideStores;
      const id = await vscode.commands.executeCommand('dockerExplorer.images.build', { dockerfile: path.join(context, 'Dockerfile'), tag: 'app:1' });
      assert.equal(id, undefined);
      assert.equal(api.service.requestsSentOutsideStores - before, 0);
      assert.match(ui.messages[0]?.message ?? '', /a\.pipe is a named pipe or a device/);
    });
  });

  it('a context over 100 MB: says its size first, and Cancel sends nothing', async () => {
    const dir = contextWith({ Dockerfile: `FROM ${testImage}\n` });
    // Sparse: 150 MB by its size, nothing on disk.
    fs.truncateSync((fs.writeFileSync(path.join(dir, 'big.bin'), ''), path.join(dir, 'big.bin')), 150_000_000);
    let asked: { message: string; detail?: string; options?: string[] } | undefined;
    ui.answer((a) => {
      asked = a;
      return undefined;
    });
    await api.store.whenIdle();
    const before = api.service.requestsSentOutsideStores;
    const id = await vscode.commands.executeCommand('dockerExplorer.images.build', { dockerfile: path.join(dir, 'Dockerfile'), tag: 'app:1' });
    assert.equal(id, undefined);
    assert.equal(api.service.requestsSentOutsideStores - before, 0, 'nothing sent');
    // The size as the window's language (English here) writes it through Intl.
    assert.match(asked?.message ?? '', /is 150 MB \(2 files\)/);
    assert.match(asked?.detail ?? '', /\.dockerignore/);
    assert.deepEqual(asked?.options, ['Send 150 MB']);
  });

  it('asks from the Dockerfile: the tag, its ARGs and stages offered, and remembers the choices for next time', async () => {
    const dir = contextWith({ Dockerfile: twoStages('hello'), 'app/kept.txt': 'k\n' });
    const uri = vscode.Uri.file(path.join(dir, 'Dockerfile'));
    const tag = newTag('asked');
    // What each input box offers as its value, in order.
    const values: (string | undefined)[] = [];
    const input = ui.input.bind(ui);
    ui.input = async (options: vscode.InputBoxOptions) => {
      values.push(options.value);
      return input(options);
    };
    let offered: string[] = [];
    ui.answer(tag, (asked) => {
      offered = asked.options ?? [];
      return undefined;
    });
    // The tag question, then the options; Escape at the options sends nothing.
    await api.store.whenIdle();
    const before = api.service.requestsSentOutsideStores;
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.images.build', uri), undefined);
    assert.equal(api.service.requestsSentOutsideStores, before, 'nothing sent when the questions are left');
    assert.equal(values[0], `${path.basename(dir)}:latest`, 'the tag defaults to <folder name>:latest');
    assert.deepEqual(offered.slice(0, 4), ['--no-cache', '--pull', '--build-arg GREETING', '--target']);

    ui.answer(tag, '--build-arg GREETING,--target,--label', 'asked-value', 'build', `${runLabel}=${runId} note='two words'`);
    const id = (await vscode.commands.executeCommand('dockerExplorer.images.build', uri)) as string;
    const info = await docker.getImage(tag).inspect();
    assert.equal(id, info.Id);
    assert.equal(info.Config.Labels?.note, 'two words');
    assert.match(await output(tag, 'cat /greeting.txt'), /greeting=asked-value/);

    // The next time starts from these choices.
    values.length = 0;
    let picked: string[] = [];
    ui.answer(tag, (_asked, items) => {
      picked = (items ?? []).filter((i) => i.picked).map((i) => i.label);
      return undefined;
    });
    await vscode.commands.executeCommand('dockerExplorer.images.build', uri);
    assert.equal(values[0], tag, 'the last tag is offered');
    assert.deepEqual(picked, ['--build-arg GREETING', '--target', '--label'], 'the last options are picked');
  });

  it('from the palette: a pick of the workspace Dockerfiles', async () => {
    const dir = contextWith({ 'web.Dockerfile': `FROM ${testImage}\n` });
    let listed: string[] = [];
    ui.answer((asked) => {
      listed = asked.options ?? [];
      return undefined;
    });
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.images.build'), undefined);
    assert.ok(
      listed.some((l) => l.endsWith(`${path.basename(dir)}/web.Dockerfile`)),
      `the pick lists ${path.basename(dir)}/web.Dockerfile: ${listed.join(', ')}`,
    );
  });
});
