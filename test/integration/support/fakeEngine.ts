import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';

/** One request the fake engine was sent, without the /v1.xx prefix. */
export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
}

export interface FakeVolume {
  Name: string;
  Driver: string;
  Labels: Record<string, string>;
  Mountpoint: string;
  Scope: string;
  CreatedAt: string;
}

export interface FakeEngine {
  socketPath: string;
  /** Every request, in order (the events stream included). */
  readonly requests: FakeRequest[];
  /** What the engine holds; tests change it, DELETE and prune change it as the real engine would. */
  volumes: FakeVolume[];
  /** Containers as `GET /containers/json` answers them (only Mounts matter to volume commands). */
  containers: {
    Id: string;
    Names: string[];
    Image: string;
    ImageID: string;
    State: string;
    Status: string;
    Created: number;
    Mounts: { Type: string; Name: string; Source: string; Destination: string; RW: boolean }[];
  }[];
  /** The requests that change something (not GET, not the ping). */
  changes(): FakeRequest[];
  close(): Promise<void>;
}

const anonymousLabel = 'com.docker.volume.anonymous';

export function fakeVolume(name: string, anonymous: boolean): FakeVolume {
  return {
    Name: name,
    Driver: 'local',
    Labels: anonymous ? { [anonymousLabel]: '' } : {},
    Mountpoint: `/var/lib/docker/volumes/${name}/_data`,
    Scope: 'local',
    CreatedAt: new Date().toISOString(),
  };
}

/**
 * A small Docker Engine on a unix socket that reports `apiVersion` (a newer engine than the
 * test one): ping, version, the lists, an events stream that stays quiet, `system df`, volume
 * removal and `POST /volumes/prune` with the 1.42 rule (anonymous only unless all=true).
 * It records what it is sent.
 */
export async function fakeEngine(apiVersion = '1.43'): Promise<FakeEngine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-fake-'));
  const socketPath = path.join(dir, 'docker.sock');
  const open = new Set<http.ServerResponse>();
  const engine: FakeEngine = {
    socketPath,
    requests: [],
    volumes: [],
    containers: [],
    changes: () => engine.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD'),
    close: () =>
      new Promise<void>((resolve) => {
        open.forEach((res) => res.destroy());
        server.closeAllConnections();
        server.close(() => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
  const mounted = () => new Set(engine.containers.flatMap((c) => c.Mounts.map((m) => m.Name)));
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Api-Version': apiVersion });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://engine');
    const route = url.pathname.replace(/^\/v\d+\.\d+/, '');
    const query = Object.fromEntries(url.searchParams);
    engine.requests.push({ method: req.method ?? 'GET', path: route, query });
    req.resume();
    const key = `${req.method} ${route}`;
    if (key === 'GET /_ping' || key === 'HEAD /_ping') {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Api-Version': apiVersion });
      return res.end('OK');
    }
    if (key === 'GET /version') {
      return json(res, 200, { Version: '24.0.7', ApiVersion: apiVersion, MinAPIVersion: '1.12', Os: 'linux', Arch: 'amd64' });
    }
    if (key === 'GET /events') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Api-Version': apiVersion });
      res.flushHeaders();
      open.add(res);
      return res.on('close', () => open.delete(res));
    }
    if (key === 'GET /containers/json') return json(res, 200, engine.containers);
    if (key === 'GET /images/json') return json(res, 200, []);
    if (key === 'GET /volumes') return json(res, 200, { Volumes: engine.volumes, Warnings: [] });
    if (key === 'GET /system/df') {
      const used = mounted();
      const volumes = engine.volumes.map((v) => ({ ...v, UsageData: { Size: 1024, RefCount: used.has(v.Name) ? 1 : 0 } }));
      return json(res, 200, { LayersSize: 0, Images: [], Containers: [], Volumes: volumes, BuildCache: [] });
    }
    if (req.method === 'DELETE' && route.startsWith('/volumes/')) {
      const name = decodeURIComponent(route.slice('/volumes/'.length));
      if (!engine.volumes.some((v) => v.Name === name)) return json(res, 404, { message: `get ${name}: no such volume` });
      if (mounted().has(name)) return json(res, 409, { message: `remove ${name}: volume is in use` });
      engine.volumes = engine.volumes.filter((v) => v.Name !== name);
      res.writeHead(204);
      return res.end();
    }
    if (key === 'POST /volumes/prune') {
      // Engine API 1.42+: without all=true only volumes labelled anonymous go.
      const filters = JSON.parse(query.filters ?? '{}') as Record<string, Record<string, boolean> | string[]>;
      const all = JSON.stringify(filters.all ?? '').includes('true');
      const used = mounted();
      const gone = engine.volumes.filter((v) => !used.has(v.Name) && (all || anonymousLabel in v.Labels)).map((v) => v.Name);
      engine.volumes = engine.volumes.filter((v) => !gone.includes(v.Name));
      return json(res, 200, { VolumesDeleted: gone, SpaceReclaimed: 0 });
    }
    json(res, 404, { message: `the fake engine does not answer ${key}` });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return engine;
}
