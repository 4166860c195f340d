import * as http from 'node:http';
import type * as net from 'node:net';

export interface StallingRegistry {
  /** host:port to pull through, e.g. 127.0.0.1:40123. */
  address: string;
  /** Resolves when the next stall begins: a big blob cut off after `stallAfterBytes`, its connection left open. */
  nextStall(): Promise<StalledBlob>;
  close(): Promise<void>;
}

export interface StalledBlob {
  path: string;
  bytesSent: number;
}

/**
 * An HTTP proxy in front of a real registry (loopback, so dockerd trusts it as insecure) that
 * forwards everything except blobs of at least `minBlobBytes`: of those it sends the headers and
 * the first `stallAfterBytes`, then nothing more, leaving the connection open, as a registry
 * that stops answering mid-download does.
 */
export async function stallingRegistry(upstream: string, options: { stallAfterBytes: number; minBlobBytes: number }): Promise<StallingRegistry> {
  const [upstreamHost, upstreamPort] = upstream.split(':');
  const sockets = new Set<net.Socket>();
  const waiting: ((stall: StalledBlob) => void)[] = [];
  const stalls: StalledBlob[] = [];
  const announce = (stall: StalledBlob) => {
    const next = waiting.shift();
    if (next) next(stall);
    else stalls.push(stall);
  };

  const server = http.createServer((req, res) => {
    const forward = http.request(
      { host: upstreamHost, port: Number(upstreamPort), method: req.method, path: req.url, headers: { ...req.headers, host: upstream } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        const length = Number(answer.headers['content-length'] ?? 0);
        const big = req.method === 'GET' && /\/blobs\/sha256:/.test(req.url ?? '') && length >= options.minBlobBytes;
        if (!big) {
          answer.pipe(res);
          return;
        }
        let sent = 0;
        let cut = false;
        answer.on('data', (chunk: Buffer) => {
          if (cut) return;
          const part = chunk.subarray(0, options.stallAfterBytes - sent);
          sent += part.length;
          res.write(part);
          if (sent >= options.stallAfterBytes) {
            cut = true;
            answer.destroy(); // nothing more from upstream; the puller's connection stays open
            announce({ path: req.url ?? '', bytesSent: sent });
          }
        });
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    nextStall: () => {
      const ready = stalls.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}
