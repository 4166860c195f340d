import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface CountingEngine {
  socketPath: string;
  /** Every request line seen so far ("GET /events?..."), in order per connection. */
  requests(): string[];
  /** Connections carrying a `GET /events` that are still open. */
  openEvents(): number;
  /** The next request whose line matches answers 500 (the engine never sees it); resolves when it did. */
  failNext(line: RegExp): Promise<string>;
  close(): Promise<void>;
}

interface Connection {
  lines: string[];
  open: boolean;
}

const requestLine = /(?:^|\r\n)((?:GET|POST|PUT|DELETE|HEAD) \S+) HTTP\/1\.[01]\r\n/g;

/**
 * A unix socket in front of the private engine that sees every request line (requests here are
 * small, so each one's line is within the chunk it starts), counts the open events streams, and
 * can fail one chosen request.
 */
export async function countingEngine(): Promise<CountingEngine> {
  const engine = (process.env.DOCKER_HOST ?? '').slice('unix://'.length);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-count-'));
  const socketPath = path.join(dir, 'docker.sock');
  const connections: Connection[] = [];
  const sockets = new Set<net.Socket>();
  let failing: { line: RegExp; resolve: (line: string) => void } | undefined;
  const server = net.createServer((client) => {
    const upstream = net.connect(engine);
    const conn: Connection = { lines: [], open: true };
    connections.push(conn);
    sockets.add(client).add(upstream);
    client.on('data', (chunk) => {
      const lines = [...chunk.toString('latin1').matchAll(requestLine)].map((m) => m[1]);
      const failed = failing && lines.find((l) => failing!.line.test(l));
      conn.lines.push(...lines);
      if (failed && failing) {
        const body = JSON.stringify({ message: 'injected failure (the test proxy)' });
        client.end(`HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
        upstream.destroy();
        failing.resolve(failed);
        failing = undefined;
        return;
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    const close = () => {
      conn.open = false;
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve, reject) => server.listen(socketPath, resolve).on('error', reject));
  return {
    socketPath,
    requests: () => connections.flatMap((c) => c.lines),
    openEvents: () => connections.filter((c) => c.open && c.lines.some((l) => l.startsWith('GET /events'))).length,
    failNext: (line) => new Promise<string>((resolve) => (failing = { line, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
