// Terminals: the Open Shell command to the first byte of the prompt, and output throughput
// through an exec with a TTY, each against `docker exec -it` of the CLI under a real pty
// (bench/pty-run.py). Ours runs the real commands (openShell, execCommand) and ExecTerminal,
// with bench/vscode-stub.cjs standing in for VS Code's terminal; the renderer is not measured.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fmt, now, stats } from './lib.mjs';

const PROMPT = 'dx-bench$ ';

/**
 * b: { socketPath, dockerHost, testImage, cli, cliEnv, root, workDir, out, api, label, set, log,
 * tableRows, results }; config: { warmup, runs, throughputRuns, throughputBytes }.
 */
export async function measureTerminals(b, config) {
  const { DockerService } = b.out('docker/service.js');
  const { TerminalSessions } = b.out('terminal/terminals.js');
  const { ContainerNode } = b.out('tree/nodes/containerNode.js');
  const { openShell } = b.out('commands/containers/openShell.js');
  const { execCommand } = b.out('commands/containers/execCommand.js');

  // The same shell and PS1 on both sides: busybox sh (no /bin/bash in the image), PS1 from the
  // container's environment, which every exec inherits.
  const created = await b.api(b.socketPath, 'POST', `/containers/create?name=bench-terminal`, {
    Image: b.testImage,
    Cmd: ['sleep', '3600'],
    Env: [`PS1=${PROMPT}`],
    Labels: { [b.label]: '1', [b.set]: 'terminal' },
    HostConfig: { Init: true },
  });
  await b.api(b.socketPath, 'POST', `/containers/${created.Id}/start`);
  const service = new DockerService(() => ({ socketPath: b.socketPath }));
  const [model] = await service.listContainers([created.Id]);
  const row = new ContainerNode(model, undefined);
  const cliExec = (socketPath, ...command) => [b.cli, '-H', `unix://${socketPath}`, 'exec', '-it', model.name, ...command];

  // What the extension's commands get; a session is followed from before VS Code opens it.
  let onShow = () => {};
  class WatchedSessions extends TerminalSessions {
    show(session, name, icon) {
      onShow(session);
      return super.show(session, name, icon);
    }
  }
  const problems = [];
  const ui = new Proxy({}, { get: () => async (message) => void problems.push(String(message)) });
  const silent = () => {};
  const terminals = new WatchedSessions();
  const ctxFor = (socketPath, service = new DockerService(() => ({ socketPath }))) => ({
    service,
    store: undefined,
    log: { command: silent, info: silent, error: (message) => problems.push(message) },
    ui,
    engineDescription: `unix://${socketPath}`,
    terminals,
  });
  const ctx = ctxFor(b.socketPath, service);
  /** Calls watch(session) as the command shows its terminal, before VS Code opens it. */
  const follow = (watch) =>
    new Promise((resolve) => {
      onShow = (session) => resolve({ session, ...watch(session) });
    });
  const closed = (session) => new Promise((resolve) => session.onDidClose(() => resolve(now())));
  const refuse = (what) => {
    throw new Error(`${what} opened no terminal: ${problems.join(' / ') || 'no message'}`);
  };

  const prompt = {
    'docker exec -it sh under a pty: spawn -> first byte': async () => {
      const r = await ptyRun(b, ['prompt', PROMPT, '--', ...cliExec(b.socketPath, 'sh')]);
      if (r.promptMs === null || r.exitCode !== 0) throw new Error(`docker exec -it: no prompt (exit ${r.exitCode}): ${JSON.stringify(r.head)}`);
      return r.firstMs;
    },
    'ours: Open Shell -> first byte the Pseudoterminal writes': async () => {
      let first;
      const shown = follow((session) => {
        let text = '';
        const prompted = new Promise((resolve) => {
          session.onDidWrite((data) => {
            first ??= now();
            text += data;
            if (text.includes(PROMPT)) resolve();
          });
        });
        return { prompted, ended: closed(session) };
      });
      const t0 = now();
      const command = openShell(ctx, row);
      if (!(await command)) refuse('Open Shell');
      const { session, prompted, ended } = await shown;
      await prompted;
      if (session.command.join(' ') !== 'sh') throw new Error(`Open Shell ran ${session.command.join(' ')}, not sh`);
      session.handleInput('exit\r');
      await ended;
      if (session.exitCode !== 0) throw new Error(`the shell exited ${session.exitCode}: ${JSON.stringify(session.transcript.slice(-300))}`);
      return first - t0;
    },
  };

  const zeros = config.throughputBytes;
  const script = `head -c ${zeros} /dev/zero | base64`;
  const throughput = (socketPath) => ({
    'docker exec -it under a pty: spawn -> EOF': async () => {
      const r = await ptyRun(b, ['drain', '--', ...cliExec(socketPath, 'sh', '-c', script)]);
      if (r.exitCode !== 0) throw new Error(`docker exec -it ${script}: exit ${r.exitCode}`);
      return { ms: r.endMs, bytes: r.bytes };
    },
    'ours: Exec Command -> onDidWrite until the session closes': async () => {
      let bytes = 0;
      const shown = follow((session) => {
        session.onDidWrite((data) => {
          bytes += data.length; // base64 and CR LF: one byte per character
        });
        return { ended: closed(session) };
      });
      const t0 = now();
      if (!(await execCommand(ctxFor(socketPath), row, `sh -c "${script}"`))) refuse('Exec Command');
      const { session, ended } = await shown;
      const t1 = await ended;
      if (session.exitCode !== 0) throw new Error(`${script}: exit ${session.exitCode}`);
      return { ms: t1 - t0, bytes };
    },
    'Engine API, Node http upgrade, bytes counted (floor)': async () => {
      const t0 = now();
      const { bytes } = await rawExec(socketPath, b.api, created.Id, ['sh', '-c', script]);
      return { ms: now() - t0, bytes };
    },
  });

  // base64 writes 76 characters a line; the container's TTY turns each \n into \r\n.
  const expected = Math.ceil(zeros / 3) * 4 + Math.ceil((Math.ceil(zeros / 3) * 4) / 76) * 2;
  const exact = (r) => {
    if (r.bytes !== expected) throw new Error(`throughput: ${r.bytes} bytes arrived, ${expected} expected`);
    return r.ms;
  };
  const mb = expected / 1e6;
  const label = `terminal ${mb.toFixed(mb >= 10 ? 0 : 1)} MB`;
  const rate = (s, floor) => `${(mb / (s.median / 1000)).toFixed(0)} MB/s, ${(s.median / floor).toFixed(2)}x`;
  let replay;
  try {
    const firstByte = await rounds(prompt, config.warmup, config.runs, (ms) => ms);
    report(b, 'terminal prompt', firstByte, (s, floor) => `${(s.median / floor).toFixed(2)}x`);
    const flow = await rounds(throughput(b.socketPath), 1, config.throughputRuns, exact);
    report(b, label, flow, rate);
    // The same output recorded once and served at full speed by another process (see the server).
    replay = await startReplay(b, created.Id, ['sh', '-c', script]);
    const replayed = await rounds(throughput(replay.socketPath), 1, config.throughputRuns, exact);
    report(b, `${label} (replayed)`, replayed, rate);
    b.results.terminals = {
      prompt: PROMPT,
      bytes: expected,
      command: script,
      firstByte: summary(firstByte),
      throughput: summary(flow),
      throughputReplayed: summary(replayed),
    };
    b.log(`terminals: first byte and ${mb.toFixed(1)} MB of output measured`);
  } finally {
    replay?.server.kill();
    terminals.dispose();
    await b.api(b.socketPath, 'DELETE', `/containers/${created.Id}?force=1`).catch(() => {});
  }
}

/** Records the exec's output from the engine, then serves it with bench/exec-replay-server.cjs. */
async function startReplay(b, containerId, cmd) {
  const outputFile = path.join(b.workDir, 'exec-output.bin');
  const containerFile = path.join(b.workDir, 'exec-container.json');
  const socketPath = path.join(b.workDir, 'exec-replay.sock');
  const { data } = await rawExec(b.socketPath, b.api, containerId, cmd, true);
  fs.writeFileSync(outputFile, data);
  fs.writeFileSync(containerFile, JSON.stringify(await b.api(b.socketPath, 'GET', `/containers/${containerId}/json`)));
  const server = spawn(process.execPath, [path.join(b.root, 'bench', 'exec-replay-server.cjs'), socketPath, outputFile, containerFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    server.stdout.once('data', resolve);
    server.once('exit', (code) => reject(new Error(`exec replay server exited ${code}`)));
  });
  return { server, socketPath };
}

/** Methods take turns in each round, rotating who goes first; the first `warmup` rounds are dropped. */
async function rounds(methods, warmup, runs, sample) {
  const names = Object.keys(methods);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < warmup + runs; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length];
      const value = sample(await methods[name]());
      if (round >= warmup) samples[name].push(value);
    }
  }
  return samples;
}

/** The engine's own pace: an exec with a TTY (and stdin, as ours) started on an upgraded connection. */
async function rawExec(socketPath, api, containerId, cmd, keep = false) {
  const exec = await api(socketPath, 'POST', `/containers/${containerId}/exec`, { Cmd: cmd, AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true });
  const body = JSON.stringify({ Detach: false, Tty: true });
  return new Promise((resolve, reject) => {
    const headers = { 'Content-Type': 'application/json', 'Content-Length': body.length, Connection: 'Upgrade', Upgrade: 'tcp' };
    const req = http.request({ socketPath, method: 'POST', path: `/exec/${exec.Id}/start`, headers });
    req.on('upgrade', (_res, socket, head) => {
      let bytes = head.length;
      const kept = [head];
      socket.on('data', (chunk) => {
        bytes += chunk.length;
        if (keep) kept.push(chunk);
      });
      socket.on('end', () => {
        socket.destroy();
        resolve({ bytes, data: keep ? Buffer.concat(kept) : undefined });
      });
      socket.on('error', reject);
    });
    req.on('response', (res) => reject(new Error(`exec start answered ${res.statusCode} without an upgrade`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** The CLI's row first: it is the reference the ratios are taken against. */
function report(b, measurement, samples, note) {
  const names = Object.keys(samples);
  const floor = stats(samples[names[0]]).median;
  for (const name of names) {
    const s = stats(samples[name]);
    b.tableRows.push([measurement, name, s.n, fmt(s.median), `${fmt(s.min)}..${fmt(s.max)}`, note(s, floor)]);
  }
}

const summary = (samples) => Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, { ...stats(s), samples: s }]));

function ptyRun(b, args) {
  return new Promise((resolve, reject) => {
    execFile('python3', [path.join(b.root, 'bench', 'pty-run.py'), ...args], { env: b.cliEnv, maxBuffer: 1 << 20, timeout: 300_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`pty-run.py ${args.join(' ')}: ${err.message}\n${stderr}`));
      resolve(JSON.parse(stdout));
    });
  });
}
