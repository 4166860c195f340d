// The page rows' floor (issue 12): when each container event reaches a raw reader of the engine's
// `GET /events`, in a process of its own (Node's http on the unix socket, no dockerode), so nothing
// else on its event loop can hold the arrival back. In the extension host a second stream's data
// handler waits for whatever the extension does with the same chunk first: that gave negative
// "event -> row" values. The payload asks this process over loopback HTTP:
//   GET /now     -> { now }             this process's clock (performance.timeOrigin + now), for a clock check
//   GET /events  -> [{ id, action, at }] every container event so far, `at` its chunk's arrival
// Started with startRawEventReader(socketPath); `node bench/rawEvents.mjs SOCKET` is the child.
import { spawn } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const epochNow = () => performance.timeOrigin + performance.now();

/** Spawns the reader; resolves once its stream is open and its loopback endpoint listens. */
export async function startRawEventReader(socketPath, log = () => {}) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), socketPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`the raw event reader exited (${code}) before it was ready`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve(JSON.parse(line).url);
    });
  });
  // Under load a reader that waits for a core stamps late: a higher priority (as root) gets it the core first.
  let priority;
  try {
    os.setPriority(child.pid, -10);
    priority = 'nice -10';
  } catch (err) {
    priority = `default priority (${err.code ?? err.message})`;
  }
  log(`raw event reader: pid ${child.pid}, ${url}, ${priority}`);
  return {
    url,
    pid: child.pid,
    priority,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function serve(socketPath) {
  const seen = [];
  const filters = encodeURIComponent(JSON.stringify({ type: ['container'] }));
  const request = http.request({ socketPath, path: `/events?filters=${filters}`, method: 'GET' }, (res) => {
    if (res.statusCode !== 200) {
      console.error(`raw event reader: GET /events answered ${res.statusCode}`);
      process.exit(1);
    }
    let rest = '';
    res.on('data', (chunk) => {
      const at = epochNow();
      const lines = (rest + chunk.toString('latin1')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        const event = JSON.parse(line);
        if (event.Type === 'container' && event.Actor?.ID && event.Action) {
          seen.push({ id: event.Actor.ID, action: event.Action.split(':')[0], at });
        }
      }
    });
    res.on('end', () => process.exit(0));
    const server = http.createServer((req, answer) => {
      const body = req.url === '/now' ? { now: epochNow() } : req.url === '/events' ? seen : undefined;
      if (body === undefined) return answer.writeHead(404).end();
      answer.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}\n`));
  });
  request.on('error', (err) => {
    console.error(`raw event reader: ${err.message}`);
    process.exit(1);
  });
  request.end();
  process.on('SIGTERM', () => process.exit(0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) serve(process.argv[2]);
