import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import type { TerminalSession } from '../../src/terminal/session';
import { activateExtension } from './support/extension';
import { failUnlessAllAsked, useScriptedUi } from './support/scriptedUi';
import { cleanupRun, createContainer, testDocker, uniqueName } from './support/testEngine';
import { ui as page, waitFor } from './support/uiBridge';

describe('terminals: exec, attach and logs', function () {
  this.timeout(60_000);
  const docker = testDocker();
  let api: DockerExplorerApi;
  let ui: ReturnType<typeof useScriptedUi>;
  /** The docker commands written to the output channel during the test. */
  let logged: string[];
  let restoreLog: () => void;

  before(async () => {
    api = await activateExtension();
    api.store.start();
    await api.store.whenSettled();
  });
  beforeEach(() => {
    ui = useScriptedUi(api);
    logged = [];
    const log = api.commands.log;
    const original = log.command;
    log.command = (line: string) => {
      logged.push(line);
      original.call(log, line);
    };
    restoreLog = () => {
      log.command = original;
    };
  });
  afterEach(function () {
    ui.restore();
    failUnlessAllAsked(this, ui);
    restoreLog();
    for (const { terminal } of api.terminals.sessions) {
      terminal.dispose();
    }
  });
  after(() => cleanupRun(docker));

  async function running(prefix: string, options: Parameters<typeof createContainer>[2] = {}): Promise<string> {
    const name = uniqueName(prefix);
    await (await createContainer(docker, name, options)).start();
    await waitFor(async () => [...api.store.containers.values()].some((c) => c.name === name && c.state === 'running'), `${name} running in the store`);
    return name;
  }

  function terminalOf(session: TerminalSession): vscode.Terminal {
    const entry = api.terminals.sessions.find((s) => s.session === session);
    assert.ok(entry, 'the session has a terminal');
    return entry.terminal;
  }

  // Generous limits: on a loaded 2-core machine the workbench was seen taking over 10 s to open a terminal.
  function closed(terminal: vscode.Terminal, timeoutMs = 30_000): Promise<vscode.TerminalExitStatus | undefined> {
    const exit = new Promise<vscode.TerminalExitStatus | undefined>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`terminal ${terminal.name} did not close in ${timeoutMs} ms`)), timeoutMs);
      const sub = vscode.window.onDidCloseTerminal((t) => {
        if (t === terminal) {
          clearTimeout(timer);
          sub.dispose();
          resolve(t.exitStatus);
        }
      });
    });
    // A test that failed before awaiting it must not leave an unhandled rejection behind
    // (the workbench turns it into "An unknown error occurred", which reads like a cause).
    exit.catch(() => undefined);
    return exit;
  }

  async function shows(session: TerminalSession, pattern: RegExp, what: string, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    try {
      return await waitFor(async () => session.transcript.match(pattern) ?? undefined, `${what} in the ${session.kind} terminal`, timeoutMs);
    } catch (err) {
      throw new Error(`${(err as Error).message}; transcript ends with ${JSON.stringify(session.transcript.slice(-300))}`, { cause: err });
    }
  }

  /**
   * Runs a command in the container to its end. The stream of an exec that attaches no output ends
   * as soon as the process has started, before it has done anything (on a loaded machine, Open
   * Shell then asked for /bin/bash before `ln` had made it, and opened sh).
   */
  async function execToEnd(name: string, cmd: string[]): Promise<void> {
    const exec = await docker.getContainer(name).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({});
    await new Promise<void>((resolve, reject) => stream.on('end', resolve).on('error', reject).resume());
    const info = await waitFor(
      async () => {
        const state = await exec.inspect();
        return state.Running ? undefined : state;
      },
      `${cmd.join(' ')} to end`,
    );
    assert.equal(info.ExitCode, 0, `${cmd.join(' ')} exited ${info.ExitCode}`);
  }

  async function stateOf(name: string): Promise<string> {
    return (await docker.getContainer(name).inspect()).State.Status;
  }

  describe('exec', () => {
    // The DOM renderer writes rows the page can read (the GPU renderers draw on a canvas).
    before(() => vscode.workspace.getConfiguration('terminal.integrated').update('gpuAcceleration', 'off', vscode.ConfigurationTarget.Global));
    after(() => vscode.workspace.getConfiguration('terminal.integrated').update('gpuAcceleration', undefined, vscode.ConfigurationTarget.Global));

    it('opens sh where the container has no bash; what is typed runs in the container and shows in the terminal', async () => {
      const name = await running('sh');
      const session = (await vscode.commands.executeCommand('dockerExplorer.containers.openShell', name)) as TerminalSession & { command: string[] };
      assert.ok(session, 'a session opened');
      assert.deepEqual(session.command, ['sh']);
      assert.deepEqual(logged, [`docker exec -it ${name} sh`]);
      const terminal = terminalOf(session);
      assert.equal(terminal.name, name);
      terminal.sendText('echo dx-$((6*7)) && hostname');
      await shows(session, /dx-42/, 'the output of the typed command');
      const info = await docker.getContainer(name).inspect();
      await shows(session, new RegExp(info.Config.Hostname), "the container's hostname, proving it ran inside");
      // What the real terminal shows, through the workbench page.
      await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
      terminal.show();
      try {
        await waitFor(async () => (await page.texts('.terminal-wrapper .xterm-rows')).some((t) => t.includes('dx-42')), 'dx-42 on the rows of the real terminal', 10_000);
      } catch (err) {
        const wrappers = await page.texts('.terminal-wrapper');
        const classes = await page.attributes('.terminal-wrapper *', 'class');
        throw new Error(`${(err as Error).message}; wrappers: ${JSON.stringify(wrappers)}; classes: ${JSON.stringify([...new Set(classes)].slice(0, 40))}`, {
          cause: err,
        });
      }
      await page.screenshot('exec-terminal');
    });

    it('opens bash where the container has /bin/bash, and the command of the shell setting when one is set', async () => {
      const name = await running('bash');
      // The link appears a moment after the exec starts, so this holds only if the test waits for the exec's end.
      await execToEnd(name, ['sh', '-c', 'sleep 0.5; ln -s /bin/busybox /bin/bash']);
      const bash = (await vscode.commands.executeCommand('dockerExplorer.containers.openShell', name)) as TerminalSession & { command: string[] };
      assert.deepEqual(bash.command, ['bash']);
      const config = vscode.workspace.getConfiguration('dockerExplorer.terminal');
      await config.update('shell', 'sh -c "echo chosen-$((4+4)); exit 5"', vscode.ConfigurationTarget.Global);
      try {
        const custom = (await vscode.commands.executeCommand('dockerExplorer.containers.openShell', name)) as TerminalSession & { command: string[] };
        assert.deepEqual(custom.command, ['sh', '-c', 'echo chosen-$((4+4)); exit 5']);
        const done = closed(terminalOf(custom));
        await shows(custom, /chosen-8/, 'the output of the configured command');
        assert.equal((await done)?.code, 5);
      } finally {
        await config.update('shell', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('resizes the exec TTY: stty size inside shows the new size', async () => {
      const name = await running('stty');
      const session = (await vscode.commands.executeCommand('dockerExplorer.containers.openShell', name)) as TerminalSession;
      const terminal = terminalOf(session);
      await shows(session, /\/ # /, 'a prompt');
      await new Promise((r) => setTimeout(r, 1000));
      // The first size is the real terminal's, applied as soon as the exec runs.
      const initial = (session as unknown as { dimensions: vscode.TerminalDimensions }).dimensions;
      terminal.sendText('echo first=$(stty size)');
      await shows(session, new RegExp(`first=${initial.rows} ${initial.columns}`), "the terminal's own size from stty");
      session.setDimensions({ columns: 97, rows: 23 });
      await new Promise((r) => setTimeout(r, 300));
      terminal.sendText('echo size=$(stty size)');
      await shows(session, /size=23 97/, 'the new size from stty');
    });

    it('closes the terminal with the exit code of the process: exit 7 gives 7', async () => {
      const name = await running('exit');
      const session = (await vscode.commands.executeCommand('dockerExplorer.containers.openShell', name)) as TerminalSession;
      const terminal = terminalOf(session);
      await shows(session, /\/ # /, 'a prompt');
      const done = closed(terminal);
      terminal.sendText('exit 7');
      const status = await done;
      assert.equal(status?.code, 7);
      assert.equal(session.exitCode, 7);
    });

    it('delivers multi-byte UTF-8 output intact, across chunk boundaries', async () => {
      const name = await running('utf8');
      const session = (await vscode.commands.executeCommand('dockerExplorer.containers.openShell', name)) as TerminalSession;
      const terminal = terminalOf(session);
      await shows(session, /\/ # /, 'a prompt');
      // ✓ is \342\234\223 and 日 is \346\227\245: 3000 of each make many chunks, with characters cut between them.
      terminal.sendText(`i=0; while [ $i -lt 3000 ]; do printf '\\342\\234\\223\\346\\227\\245'; i=$((i+1)); done; echo; echo utf8-$((1+1))-done`);
      await shows(session, /utf8-2-done/, 'the end marker', 20_000);
      assert.ok(session.transcript.includes('✓日'.repeat(3000)), 'every character arrived, in order');
      assert.ok(!session.transcript.includes('\uFFFD'), 'no replacement characters');
    });

    it('Exec Command... refuses an empty command, then runs the one given and closes with its exit code', async () => {
      const name = await running('cmd');
      ui.answer('   ');
      const none = await vscode.commands.executeCommand('dockerExplorer.containers.execCommand', name);
      assert.equal(none, undefined, 'nothing runs for an empty command');
      assert.match(ui.asked.find((a) => a.kind === 'error')?.message ?? '', /validation: Type a command/);
      ui.answer(`sh -c 'echo from-exec-$((2+3)); exit 3'`);
      const session = (await vscode.commands.executeCommand('dockerExplorer.containers.execCommand', name)) as TerminalSession;
      const done = closed(terminalOf(session));
      await shows(session, /from-exec-5/, 'the command output');
      assert.equal((await done)?.code, 3);
    });
  });

  describe('attach', () => {
    it('sends typed text to the main process; Ctrl+P Ctrl+Q detaches and leaves the container running', async () => {
      const name = await running('att', { Cmd: ['sh'], Tty: true, OpenStdin: true });
      const session = (await vscode.commands.executeCommand('dockerExplorer.containers.attach', name)) as TerminalSession;
      const terminal = terminalOf(session);
      assert.equal(terminal.name, `${name} (attach)`);
      assert.deepEqual(logged, [`docker attach ${name}`]);
      terminal.sendText('echo attached-$((1+1))');
      await shows(session, /attached-2/, "the main shell's output");
      const done = closed(terminal);
      terminal.sendText('\x10\x11', false);
      assert.equal((await done)?.code, 0);
      assert.match(session.transcript, /Detached from/);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(await stateOf(name), 'running', 'the container keeps running after a detach');
    });

    it('exit in an attached shell stops the container, and the terminal says so with the exit code', async () => {
      const name = await running('attexit', { Cmd: ['sh'], Tty: true, OpenStdin: true });
      const session = (await vscode.commands.executeCommand('dockerExplorer.containers.attach', name)) as TerminalSession;
      const terminal = terminalOf(session);
      terminal.sendText('echo ready-$((3+3))');
      await shows(session, /ready-6/, 'the shell answering');
      terminal.sendText('exit 4');
      await waitFor(async () => (await stateOf(name)) === 'exited', `${name} exited`);
      await shows(session, /exited with code 4/, 'the exit code');
      const done = closed(terminal);
      terminal.sendText('x', false);
      assert.equal((await done)?.code, 4);
    });

    it('shows both stdout and stderr of a container without a TTY, stderr in red, and says it is read-only', async () => {
      const name = await running('attnotty', { Cmd: ['sh', '-c', 'while true; do echo out-tick; echo err-tick >&2; sleep 0.2; done'] });
      const session = (await vscode.commands.executeCommand('dockerExplorer.containers.attach', name)) as TerminalSession;
      await shows(session, /out-tick\r\n/, 'stdout');
      // eslint-disable-next-line no-control-regex -- the terminal's colour escapes are what is checked
      await shows(session, /\x1b\[31merr-tick/, 'stderr in red');
      assert.match(session.transcript, /Read-only/);
    });

    it("refuses detach keys not in docker's format, with a message, and attaches nothing", async () => {
      const name = await running('attkeys', { Cmd: ['sh'], Tty: true, OpenStdin: true });
      const config = vscode.workspace.getConfiguration('dockerExplorer.terminal');
      await config.update('detachKeys', 'ctrl-pp', vscode.ConfigurationTarget.Global);
      try {
        const before = api.terminals.sessions.length;
        const session = await vscode.commands.executeCommand('dockerExplorer.containers.attach', name);
        assert.equal(session, undefined);
        assert.equal(api.terminals.sessions.length, before);
        assert.match(ui.messages[0]?.message ?? '', /detachKeys is not valid: "ctrl-pp"/);
      } finally {
        await config.update('detachKeys', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  });

  describe('logs', () => {
    const script = 'n=$(cat /n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /n; echo run$n-out; echo run$n-err >&2; exec sleep 3600';

    it('follows across a restart and a stop/start: every line arrives exactly once, in order, stderr in red', async () => {
      const name = await running('logs', { Cmd: ['sh', '-c', script] });
      const session = (await vscode.commands.executeCommand('dockerExplorer.containers.logs', name)) as TerminalSession;
      assert.equal(terminalOf(session).name, `${name} (logs)`);
      assert.deepEqual(logged, [`docker logs -f --tail 1000 ${name}`]);
      await shows(session, /run1-out[\s\S]*run1-err|run1-err[\s\S]*run1-out/, 'the first run');
      await docker.getContainer(name).restart({ t: 1 });
      await shows(session, /run2-out/, 'the second run after a restart');
      await shows(session, /run2-err/, "the second run's stderr");
      await docker.getContainer(name).stop({ t: 1 });
      await shows(session, /is not running/, 'the stop');
      await docker.getContainer(name).start();
      await shows(session, /run3-out/, 'the third run after a start');
      await shows(session, /run3-err/, "the third run's stderr");
      await new Promise((r) => setTimeout(r, 500));
      const t = session.transcript;
      for (const line of ['run1-out', 'run1-err', 'run2-out', 'run2-err', 'run3-out', 'run3-err']) {
        assert.equal(t.split(line).length - 1, 1, `${line} appears exactly once`);
      }
      assert.ok(t.indexOf('run1-out') < t.indexOf('run2-out') && t.indexOf('run2-out') < t.indexOf('run3-out'), 'in order');
      // eslint-disable-next-line no-control-regex -- the terminal's colour escapes are what is checked
      assert.match(t, /\x1b\[31mrun2-err/);
      assert.doesNotMatch(t, /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/, 'no timestamps unless the setting asks for them');
    });

    it('shows the last N lines first (the tail setting)', async () => {
      const name = await running('tail', { Cmd: ['sh', '-c', 'for i in 1 2 3 4 5 6; do echo line-$i; done; exec sleep 3600'] });
      await waitFor(async () => (await docker.getContainer(name).logs({ stdout: true })).toString().includes('line-6'), 'six lines logged');
      const config = vscode.workspace.getConfiguration('dockerExplorer.logs');
      await config.update('tail', 2, vscode.ConfigurationTarget.Global);
      await config.update('timestamps', true, vscode.ConfigurationTarget.Global);
      try {
        const session = (await vscode.commands.executeCommand('dockerExplorer.containers.logs', name)) as TerminalSession;
        await shows(session, /line-6/, 'the last line');
        assert.deepEqual(logged, [`docker logs -f --tail 2 -t ${name}`]);
        assert.doesNotMatch(session.transcript, /line-4/);
        assert.match(session.transcript, /line-5/);
        // eslint-disable-next-line no-control-regex -- the terminal's colour escapes are what is checked
        assert.match(session.transcript, /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z\x1b\[39m line-5/, 'each line with its timestamp');
      } finally {
        await config.update('tail', undefined, vscode.ConfigurationTarget.Global);
        await config.update('timestamps', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('stops following when its terminal is closed', async () => {
      const name = await running('logsclose', { Cmd: ['sh', '-c', 'while true; do echo tick; sleep 0.2; done'] });
      const session = (await vscode.commands.executeCommand('dockerExplorer.containers.logs', name)) as TerminalSession;
      await shows(session, /tick/, 'a line');
      const terminal = terminalOf(session);
      const done = closed(terminal);
      terminal.dispose();
      await done;
      assert.ok(session.ended, 'the session ended');
      const length = session.transcript.length;
      await new Promise((r) => setTimeout(r, 600));
      assert.equal(session.transcript.length, length, 'nothing more is read after the terminal closed');
      assert.ok(!api.terminals.sessions.some((s) => s.session === session), 'the session is forgotten');
    });

    it('says so when the container is removed during the follow, and closes with a non-zero code', async () => {
      const name = await running('logsgone', { Cmd: ['sh', '-c', 'echo before-removal; exec sleep 3600'] });
      const session = (await vscode.commands.executeCommand('dockerExplorer.containers.logs', name)) as TerminalSession;
      await shows(session, /before-removal/, 'the log line');
      await docker.getContainer(name).remove({ force: true });
      await shows(session, /no longer exists/, 'the removal');
      const terminal = terminalOf(session);
      const done = closed(terminal);
      terminal.sendText('x', false);
      const status = await done;
      assert.ok(status?.code !== undefined && status.code !== 0, `non-zero exit code, got ${status?.code}`);
    });
  });
});
