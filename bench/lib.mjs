// Small helpers for the benchmark: timing, statistics, the raw Engine API, proxies that see requests.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

export const now = () => Number(process.hrtime.bigint()) / 1e6;
export { sleep } from '../test/harness/processes.mjs';

export function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { n: sorted.length, median: median(sorted), p95: at(0.95), min: sorted[0], max: sorted[sorted.length - 1] };
}

function median(sorted) {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const fmt = (ms) => (ms === undefined ? '-' : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

/** Runs fn(i) for i in [0, count) with at most `concurrency` in flight. */
export async function pool(count, concurrency, fn) {
  let next = 0;
  const worker = async () => {
    while (next < count) await fn(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** One Engine API request over the unix socket; resolves to the parsed JSON answer (or null). */
export function api(socketPath, method, path, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {};
    const req = http.request({ socketPath, method, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode >= 400) return reject(new Error(`${method} ${path}: ${res.statusCode} ${text.trim()}`));
        try {
          resolve(text ? JSON.parse(text) : null);
        } catch {
          resolve(text);
        }
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** The floor: GET over the socket with Node's http, bytes to parsed rows, nothing else. */
export function rawList(socketPath, path) {
  return new Promise((resolve, reject) => {
    http
      .get({ socketPath, path }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (err) {
            reject(err);
          }
        });
      })
      .on('error', reject);
  });
}

/** Runs the docker CLI and parses its one-JSON-object-per-line output. */
export function cliJsonLines(cli, args, env) {
  return new Promise((resolve, reject) => {
    execFile(cli, args, { env, maxBuffer: 512 << 20 }, (err, stdout) => {
      if (err) return reject(err);
      resolve(
        stdout
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line)),
      );
    });
  });
}

/** An HTTP request line as clients send it (requests here are tiny: dockerode writes each in one go). */
const requestLine = /(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r\n/g;

/**
 * A unix-socket proxy in front of the engine. Each chunk a client sends is handed to
 * `onClientData(chunk, connection)` (the connection's number, from 0) before it goes on.
 */
async function engineProxy(listenPath, targetPath, onClientData) {
  fs.rmSync(listenPath, { force: true });
  let connections = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPath);
    const connection = connections++;
    client.on('data', (chunk) => {
      onClientData(chunk, connection);
      upstream.write(chunk);
    });
    upstream.pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise((resolve, reject) => server.listen(listenPath, resolve).on('error', reject));
  return {
    get connections() {
      return connections;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        fs.rmSync(listenPath, { force: true });
      }),
  };
}

/**
 * A proxy in front of the engine that counts the HTTP request lines clients send.
 * Request lines are found in each connection's client-to-engine bytes.
 */
export async function countingProxy(listenPath, targetPath) {
  const sent = [];
  const proxy = await engineProxy(listenPath, targetPath, (chunk, connection) => {
    sent[connection] ??= '';
    if (sent[connection].length < 1 << 20) sent[connection] += chunk.toString('latin1');
  });
  return {
    /** Every request line seen so far, in order per connection. */
    requests() {
      return sent.flatMap((s) => [...s.matchAll(requestLine)].map((m) => `${m[1]} ${m[2]}`));
    },
    get connections() {
      return proxy.connections;
    },
    close: proxy.close,
  };
}

/** A proxy in front of the engine noting each HTTP request line clients send, with its arrival (epoch ms). */
export async function timedProxy(listenPath, targetPath) {
  const seen = [];
  const proxy = await engineProxy(listenPath, targetPath, (chunk) => {
    const at = performance.timeOrigin + performance.now();
    // Requests start a chunk here; bodies may hold no request line.
    for (const m of chunk.toString('latin1').matchAll(requestLine)) seen.push({ at, method: m[1], url: m[2] });
  });
  return {
    between: (from, to) => seen.filter((r) => r.at >= from && r.at <= to),
    /** Every request line so far: proof the extension talked through the proxy at all. */
    get total() {
      return seen.length;
    },
    close: proxy.close,
  };
}

/** Rows as an aligned text table (first row is the header; the first two columns are text). */
export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((cell, i) => (i < 2 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** Starts bench/replay-server.cjs on socketPath with the given arguments; resolves once it listens. */
export async function startReplayServer(root, socketPath, args) {
  const server = spawn(process.execPath, [path.join(root, 'bench', 'replay-server.cjs'), socketPath, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    server.stdout.once('data', resolve);
    server.once('exit', (code) => reject(new Error(`replay server exited ${code}`)));
  });
  return server;
}
