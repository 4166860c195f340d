import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface SlowEngine {
  socketPath: string;
  /** How long everything the engine answers is held back; may change while connections are open. */
  delayMs: number;
  close(): Promise<void>;
}

/**
 * A unix socket in front of the private engine that holds back everything the engine answers
 * by `delayMs` (so connections kept alive and reused are slow too).
 */
export async function slowEngine(delayMs: number): Promise<SlowEngine> {
  const engine = (process.env.DOCKER_HOST ?? '').slice('unix://'.length);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-slow-'));
  const socketPath = path.join(dir, 'docker.sock');
  const open = new Set<net.Socket>();
  const proxy: SlowEngine = {
    socketPath,
    delayMs,
    close: () =>
      new Promise<void>((resolve) => {
        open.forEach((s) => s.destroy());
        server.close(() => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(engine);
    open.add(client).add(upstream);
    client.on('close', () => open.delete(client));
    upstream.on('close', () => open.delete(upstream));
    client.pipe(upstream);
    upstream.on('data', (chunk) => setTimeout(() => client.writable && client.write(chunk), proxy.delayMs));
    upstream.on('end', () => setTimeout(() => client.end(), proxy.delayMs));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return proxy;
}
