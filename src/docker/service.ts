import Docker from 'dockerode';
import type { IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import { DockerError, toDockerError } from './errors';
import { watchedEventTypes } from './events';
import { HistoryEntry, ImageLayer, toImageLayers } from './imageHistory';
import { readJsonArray } from './jsonArrayReader';
import { madeByStore } from './requestOrigin';
import {
  ContainerDetails,
  composeProjectLabel,
  composeWorkingDirLabel,
  ContainerModel,
  ImageModel,
  imageModelFromInspect,
  toContainerDetails,
  toContainerModel,
  toImageModel,
  toVolumeModel,
  VolumeModel,
} from './models';
import { ContainerPathStat, isExecutableFile, isSymlink, parsePathStat } from './pathStat';
import { NetworkModel, toNetworkModel } from './networks';
import * as l10n from '@vscode/l10n';

export interface EngineVersion {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
}

/**
 * Typed operations over one engine. Every failure leaves here as a DockerError, so callers
 * decide what to tell the user from its code alone.
 */
/** How long a request may wait for the engine's answer before it fails with code 'timeout'. */
export const defaultRequestTimeoutMs = 60_000;
/** Prunes and image removals delete layers on disk: they may take minutes on a big engine. */
const slowRequestTimeoutMs = 10 * 60_000;

export class DockerService {
  private client: Docker | undefined;
  private readonly timeoutMs: number;
  /** How many requests were sent to the engine (tests count them: bad input sends none). */
  private sent = 0;
  private sentOutsideStores = 0;

  /**
   * `connect` may throw (a bad host setting): that surfaces as a DockerError on the first call.
   * `timeoutMs` bounds the wait for each answer (not the streams that follow one: events,
   * logs, exec and attach stay open as long as they live). 0 waits forever.
   */
  constructor(
    private readonly connect: () => Docker.DockerOptions,
    options: { timeoutMs?: number } = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? defaultRequestTimeoutMs;
  }

  /** Forgets the client: the next request connects again, through `connect`, to whatever it now says. */
  reconnect(): void {
    this.client = undefined;
  }

  /** dockerode stays in here: every request goes through call(), which maps its errors and bounds its wait. */
  private get docker(): Docker {
    this.client ??= new Docker(this.connect());
    return this.client;
  }

  get requestsSent(): number {
    return this.sent;
  }

  /** Requests besides the stores' own (requestOrigin.ts): what commands and rows asked. */
  get requestsSentOutsideStores(): number {
    return this.sentOutsideStores;
  }

  /** `GET /events` for the types the explorer shows; only the answer is bounded, not the stream after it. */
  events(): Promise<NodeJS.ReadableStream> {
    return this.call(() => this.docker.getEvents({ filters: { type: watchedEventTypes } }));
  }

  async ping(): Promise<void> {
    await this.call(() => this.docker.ping());
  }

  async version(): Promise<EngineVersion> {
    const v = await this.call(() => this.docker.version());
    return { version: v.Version, apiVersion: v.ApiVersion, os: v.Os, arch: v.Arch };
  }

  /**
   * Every container, or only those with the given ids, or the `limit` newest (one request each way).
   * The whole list is read and mapped in slices as it arrives (jsonArrayReader.ts): at 10,000
   * containers its 7 MB answer would otherwise hold the event loop for one JSON.parse.
   */
  async listContainers(ids?: string[], options: { limit?: number } = {}): Promise<ContainerModel[]> {
    if (!ids && !options.limit) {
      return this.call(() => this.streamedList('/containers/json?', { all: true }, toContainerModel));
    }
    const filters = ids ? { id: ids } : undefined;
    const list = await this.call(() => this.docker.listContainers({ all: true, filters, limit: options.limit }));
    // The id filter matches prefixes; keep exact matches only.
    const wanted = ids ? new Set(ids) : undefined;
    return list.filter((c) => !wanted || wanted.has(c.Id)).map(toContainerModel);
  }

  async containerDetails(id: string): Promise<ContainerDetails> {
    return toContainerDetails(await this.call(() => this.docker.getContainer(id).inspect()));
  }

  // Containers: the lifecycle, each one request (ids or names are accepted, as by the CLI).

  startContainer(id: string): Promise<void> {
    return this.call(() => this.docker.getContainer(id).start());
  }

  /** `timeoutSeconds` before SIGKILL, like `docker stop -t`. */
  stopContainer(id: string, timeoutSeconds = 10): Promise<void> {
    return this.call(() => this.docker.getContainer(id).stop({ t: timeoutSeconds }), this.timeoutMs && this.timeoutMs + timeoutSeconds * 1000);
  }

  restartContainer(id: string, timeoutSeconds = 10): Promise<void> {
    return this.call(() => this.docker.getContainer(id).restart({ t: timeoutSeconds }), this.timeoutMs && this.timeoutMs + timeoutSeconds * 1000);
  }

  pauseContainer(id: string): Promise<void> {
    return this.call(() => this.docker.getContainer(id).pause());
  }

  unpauseContainer(id: string): Promise<void> {
    return this.call(() => this.docker.getContainer(id).unpause());
  }

  killContainer(id: string, signal = 'SIGKILL'): Promise<void> {
    return this.call(() => this.docker.getContainer(id).kill({ signal }));
  }

  renameContainer(id: string, name: string): Promise<void> {
    return this.call(() => this.docker.getContainer(id).rename({ name }));
  }

  /** `force` removes a running container; `volumes` also removes its anonymous volumes (-v). */
  removeContainer(id: string, options: { force?: boolean; volumes?: boolean } = {}): Promise<void> {
    return this.call(() => this.docker.getContainer(id).remove({ force: options.force ?? false, v: options.volumes ?? false }));
  }

  /** The paths changed in the container's writable layer (`docker diff`), lost on removal. */
  async containerChanges(id: string): Promise<{ path: string; kind: 'changed' | 'added' | 'deleted' }[]> {
    const answer: unknown = await this.call(() => this.docker.getContainer(id).changes());
    // A container never started answers `null` with no JSON content type: dockerode hands over the raw bytes.
    const changes = Buffer.isBuffer(answer) ? parseJson(answer.toString('utf8')) : answer;
    const kinds = ['changed', 'added', 'deleted'] as const;
    return (Array.isArray(changes) ? (changes as { Path: string; Kind: number }[]) : []).map((c) => ({ path: c.Path, kind: kinds[c.Kind] ?? 'changed' }));
  }

  inspectContainer(id: string): Promise<Docker.ContainerInspectInfo> {
    return this.call(() => this.docker.getContainer(id).inspect());
  }

  createContainer(options: Docker.ContainerCreateOptions): Promise<{ id: string; warnings: string[] }> {
    return this.call(async () => {
      const container = await this.docker.createContainer(options);
      const info = (container as unknown as { Warnings?: string[] }).Warnings ?? [];
      return { id: container.id, warnings: info };
    });
  }

  /** Removes stopped containers (optionally only those matching label filters). */
  async pruneContainers(filters?: Record<string, string[]>): Promise<{ removed: string[]; spaceReclaimed: number }> {
    const result = await this.call(() => this.docker.pruneContainers(filters ? { filters } : {}), this.slow());
    return { removed: result.ContainersDeleted ?? [], spaceReclaimed: result.SpaceReclaimed ?? 0 };
  }

  // Images.

  /** Starts a pull; the stream carries the engine's JSON progress lines. */
  pullImage(reference: string, signal?: AbortSignal, auth?: Record<string, string>): Promise<NodeJS.ReadableStream> {
    // The engine answers once it has asked the registry; the progress stream after that is not bounded.
    return this.call(() => this.docker.pull(reference, { ...(signal ? { abortSignal: signal } : {}), ...(auth ? { authconfig: auth } : {}) }), this.slow());
  }

  removeImage(idOrRef: string, options: { force?: boolean; noprune?: boolean } = {}): Promise<{ untagged: string[]; deleted: string[] }> {
    return this.call(async () => {
      const result = (await this.docker.getImage(idOrRef).remove({ force: options.force ?? false, noprune: options.noprune ?? false })) as
        { Untagged?: string; Deleted?: string }[] | undefined;
      return {
        untagged: (result ?? []).flatMap((r) => (r.Untagged ? [r.Untagged] : [])),
        deleted: (result ?? []).flatMap((r) => (r.Deleted ? [r.Deleted] : [])),
      };
    }, this.slow());
  }

  tagImage(idOrRef: string, repo: string, tag: string): Promise<void> {
    return this.call(async () => {
      await this.docker.getImage(idOrRef).tag({ repo, tag });
    });
  }

  inspectImage(idOrRef: string): Promise<Docker.ImageInspectInfo> {
    return this.call(() => this.docker.getImage(idOrRef).inspect());
  }

  /** Dangling images only, unless `all` (every image no container uses), like `docker image prune -a`. */
  async pruneImages(all = false): Promise<{ deleted: string[]; spaceReclaimed: number }> {
    const filters = all ? { dangling: ['false'] } : { dangling: ['true'] };
    const result = await this.call(() => this.docker.pruneImages({ filters }), this.slow());
    return {
      deleted: (result.ImagesDeleted ?? []).flatMap((r) => (r.Deleted ? [r.Deleted] : [])),
      spaceReclaimed: result.SpaceReclaimed ?? 0,
    };
  }

  async listImages(): Promise<ImageModel[]> {
    const list = await this.call(() => this.docker.listImages({ all: false }));
    return list.map(toImageModel);
  }

  /** One image by id or reference; undefined when the engine no longer has it. */
  async findImage(idOrRef: string): Promise<ImageModel | undefined> {
    return this.orUndefined(async () => imageModelFromInspect(await this.docker.getImage(idOrRef).inspect()));
  }

  async listVolumes(): Promise<VolumeModel[]> {
    const result = await this.call(() => this.docker.listVolumes());
    return (result.Volumes ?? []).map(toVolumeModel);
  }

  /** One volume by name; undefined when the engine no longer has it. */
  async findVolume(name: string): Promise<VolumeModel | undefined> {
    return this.orUndefined(async () => toVolumeModel(await this.docker.getVolume(name).inspect()));
  }

  async createVolume(options: { name?: string; driver?: string; labels?: Record<string, string> }): Promise<VolumeModel> {
    const volume = await this.call(() => this.docker.createVolume({ Name: options.name, Driver: options.driver ?? 'local', Labels: options.labels ?? {} }));
    return toVolumeModel(volume as unknown as Docker.VolumeInspectInfo);
  }

  inspectVolume(name: string): Promise<Docker.VolumeInspectInfo> {
    return this.call(() => this.docker.getVolume(name).inspect());
  }

  removeVolume(name: string, force = false): Promise<void> {
    return this.call(() => this.docker.getVolume(name).remove({ force }));
  }

  /** Removes volumes no container uses; engine 1.41 prunes anonymous and named ones alike. */
  async pruneVolumes(): Promise<{ deleted: string[]; spaceReclaimed: number }> {
    const result = await this.call(() => this.docker.pruneVolumes(), this.slow());
    return { deleted: result.VolumesDeleted ?? [], spaceReclaimed: result.SpaceReclaimed ?? 0 };
  }

  // Sessions (exec, attach, logs): each returns the engine's stream; the caller owns it.

  /** Creates an exec (`docker exec`), with a TTY and stdin when `tty`; returns its id. */
  async createExec(containerId: string, cmd: string[], options: { tty: boolean; stdin?: boolean; env?: string[] }): Promise<string> {
    const exec = await this.call(() =>
      this.docker.getContainer(containerId).exec({
        Cmd: cmd,
        AttachStdin: options.stdin ?? options.tty,
        AttachStdout: true,
        AttachStderr: true,
        Tty: options.tty,
        Env: options.env,
      }),
    );
    return exec.id;
  }

  /** Starts an exec on a hijacked connection: the duplex carries stdin one way, output the other. */
  startExec(execId: string, tty: boolean): Promise<NodeJS.ReadWriteStream> {
    return this.call(() => this.docker.getExec(execId).start({ hijack: true, stdin: true, Tty: tty }) as Promise<NodeJS.ReadWriteStream>);
  }

  /** Resizes an exec's TTY. The engine may answer 201 where dockerode expects 200: that is success. */
  resizeExec(execId: string, rows: number, columns: number): Promise<void> {
    return this.call(() => acceptCreated(this.docker.getExec(execId).resize({ h: rows, w: columns })));
  }

  async inspectExec(execId: string): Promise<{ running: boolean; exitCode: number | null }> {
    const info = await this.call(() => this.docker.getExec(execId).inspect());
    return { running: info.Running, exitCode: info.ExitCode };
  }

  /**
   * A path's stat in a container's filesystem (`HEAD /containers/{id}/archive`): no process is
   * started. Undefined when nothing is there (or, the answer having no body, no such container).
   */
  async statPath(containerId: string, path: string): Promise<ContainerPathStat | undefined> {
    const answer = await this.orUndefined(() => this.docker.getContainer(containerId).infoArchive({ path }) as Promise<IncomingMessage>);
    if (!answer) {
      return undefined;
    }
    answer.resume();
    const stat = parsePathStat(answer.headers['x-docker-container-path-stat']);
    if (!stat) {
      throw new DockerError('engine', l10n.t("the engine's answer about {0} has no readable X-Docker-Container-Path-Stat header", path));
    }
    return stat;
  }

  /** Whether `path` is an executable file in the container, following a symbolic link. */
  async hasExecutable(containerId: string, path: string): Promise<boolean> {
    let stat = await this.statPath(containerId, path);
    if (stat && isSymlink(stat) && stat.linkTarget) {
      stat = await this.statPath(containerId, stat.linkTarget);
    }
    return stat !== undefined && isExecutableFile(stat);
  }

  /** Runs a command without a TTY to its end and returns its exit code (for quick checks). */
  async execExitCode(containerId: string, cmd: string[]): Promise<number | null> {
    const id = await this.createExec(containerId, cmd, { tty: false, stdin: false });
    const stream = await this.call(() => this.docker.getExec(id).start({ hijack: true, stdin: false }) as Promise<NodeJS.ReadableStream>);
    await new Promise<void>((resolve) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
      stream.resume();
    });
    return (await this.inspectExec(id)).exitCode;
  }

  /** `docker attach`: a hijacked connection to the main process; stdin only when asked for. */
  attachContainer(containerId: string, options: { stdin: boolean; detachKeys?: string }): Promise<NodeJS.ReadWriteStream> {
    return this.call(
      () =>
        this.docker.getContainer(containerId).attach({
          stream: true,
          stdin: options.stdin,
          stdout: true,
          stderr: true,
          hijack: true,
          detachKeys: options.detachKeys,
        }) as Promise<NodeJS.ReadWriteStream>,
    );
  }

  /** Resizes a container's own TTY (for attach). */
  resizeContainer(containerId: string, rows: number, columns: number): Promise<void> {
    return this.call(() => acceptCreated(this.docker.getContainer(containerId).resize({ h: rows, w: columns })));
  }

  /** `docker logs -f`: the stream ends when the container stops. Multiplexed unless the container has a TTY. */
  followLogs(containerId: string, options: { tail?: number; since?: string; timestamps: boolean }): Promise<NodeJS.ReadableStream> {
    return this.call(
      () =>
        this.docker.getContainer(containerId).logs({
          follow: true,
          stdout: true,
          stderr: true,
          timestamps: options.timestamps,
          tail: options.since === undefined && options.tail !== undefined ? options.tail : undefined,
          since: options.since as unknown as number,
        }) as unknown as Promise<NodeJS.ReadableStream>,
    );
  }

  /** GET of a JSON array, read off the response in slices (docker-modem would buffer and parse it whole). */
  private streamedList<T>(path: string, options: object, map: (element: Docker.ContainerInfo) => T): Promise<T[]> {
    const request = { path, method: 'GET', options, isStream: true, statusCodes: { 200: true, 500: 'server error' } };
    return new Promise<IncomingMessage>((resolve, reject) =>
      this.docker.modem.dial(request, (err, answer) => (err ? reject(err) : resolve(answer as IncomingMessage))),
    ).then((answer) => readJsonArray(answer, (element) => map(element as Docker.ContainerInfo)));
  }

  private slow(): number {
    return this.timeoutMs && Math.max(this.timeoutMs, slowRequestTimeoutMs);
  }

  /**
   * Runs one request; fails with code 'timeout' when no answer comes in `timeoutMs`. The request
   * itself is not withdrawn (the engine may still carry it out), but nobody waits forever.
   */
  protected async call<T>(operation: () => Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    this.sent++;
    if (!madeByStore()) {
      this.sentOutsideStores++;
    }
    try {
      const answer = operation();
      if (!timeoutMs) {
        return await answer;
      }
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          answer.catch(() => undefined); // a late failure has nobody left to tell
          const seconds = Math.round(timeoutMs / 100) / 10;
          reject(new DockerError('timeout', l10n.t('no answer within {0} s; the request may still complete', seconds)));
        }, timeoutMs);
      });
      return await Promise.race([answer, expired]);
    } catch (err) {
      throw toDockerError(err);
    } finally {
      clearTimeout(timer);
    }
  }

  private async orUndefined<T>(operation: () => Promise<T>): Promise<T | undefined> {
    try {
      return await this.call(operation);
    } catch (err) {
      if (toDockerError(err).code === 'notFound') {
        return undefined;
      }
      throw err;
    }
  }

  /** One container by id, name or id prefix, as the docker CLI resolves them; undefined when the engine has none. */
  async findContainer(idOrName: string): Promise<ContainerModel | undefined> {
    const info = await this.orUndefined(() => this.docker.getContainer(idOrName).inspect());
    return info && (await this.listContainers([info.Id]))[0];
  }

  // What the engine has now, for destructive commands: they confirm and remove exactly this,
  // never the store's picture (a few milliseconds late).

  private apiVersionRead: { client: Docker; version: Promise<string> } | undefined;

  /** The engine's API version ("1.41"), read once per connection: a new client (reconnect) reads it again. */
  async apiVersion(): Promise<string> {
    const client = await this.call(async () => this.docker);
    if (this.apiVersionRead?.client !== client) {
      const version = this.version().then((v) => v.apiVersion);
      this.apiVersionRead = { client, version };
      version.catch(() => {
        if (this.apiVersionRead?.version === version) this.apiVersionRead = undefined;
      });
    }
    return this.apiVersionRead.version;
  }

  /** Whether `docker volume prune` on this engine keeps named volumes unless `all=true` (API 1.42, Docker 23, and later). */
  async prunesOnlyAnonymousVolumes(): Promise<boolean> {
    return apiAtLeast(await this.apiVersion(), '1.42');
  }

  /** Every container with the size of its writable layer (`docker ps -a --size`): what removing it frees. */
  async listContainersWithSize(): Promise<{ container: ContainerModel; sizeRw: number }[]> {
    const list = await this.call(() => this.docker.listContainers({ all: true, size: true }), this.slow());
    return list.map((c) => ({ container: toContainerModel(c), sizeRw: (c as { SizeRw?: number }).SizeRw ?? 0 }));
  }

  /** The size of each local volume's data by name, as `docker system df -v` reports it (-1 when the engine does not say). */
  async volumeSizes(): Promise<Map<string, number>> {
    const df = await this.diskUsage('volume');
    return new Map((df.Volumes ?? []).map((v) => [v.Name, v.UsageData?.Size ?? -1]));
  }

  /** The bytes all image layers take (`docker system df`): what an image removal freed is the drop in it. */
  async layersSize(): Promise<number> {
    return (await this.diskUsage('image')).LayersSize ?? 0;
  }

  private diskUsage(type: 'image' | 'volume'): Promise<DiskUsage> {
    // dockerode's df() takes no options; `type` (API 1.42) spares newer engines the other kinds.
    const request = { path: '/system/df?', method: 'GET', options: { type }, statusCodes: { 200: true, 500: 'server error' } };
    return this.call(
      () => new Promise<DiskUsage>((resolve, reject) => this.docker.modem.dial(request, (err, data) => (err ? reject(err) : resolve((data ?? {}) as DiskUsage)))),
      this.slow(),
    );
  }

  /** An image's layers, newest first (`docker history`): one request, asked only when its row is expanded. */
  async imageHistory(id: string): Promise<ImageLayer[]> {
    return toImageLayers((await this.call(() => this.docker.getImage(id).history())) as HistoryEntry[]);
  }

  // Networks (`docker network ...`). The list answer has no containers (API 1.28 and later): each is inspected.

  /** Every network with its live endpoints: the list, then one inspect per network, a few at a time. */
  async listNetworks(): Promise<NetworkModel[]> {
    const list = await this.call(() => this.docker.listNetworks());
    const found: NetworkModel[] = [];
    const queue = list.map((n) => n.Id);
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const network = await this.findNetwork(id);
        if (network) found.push(network);
      }
    };
    await Promise.all(Array.from({ length: Math.min(8, queue.length) }, worker));
    return found;
  }

  /** One network by id, name or id prefix; undefined when the engine has none. */
  async findNetwork(idOrName: string): Promise<NetworkModel | undefined> {
    return this.orUndefined(async () => toNetworkModel(await this.docker.getNetwork(idOrName).inspect()));
  }

  inspectNetwork(idOrName: string): Promise<Docker.NetworkInspectInfo> {
    return this.call(() => this.docker.getNetwork(idOrName).inspect());
  }

  /** `docker network create`; returns the new network's id. */
  async createNetwork(options: Docker.NetworkCreateOptions): Promise<string> {
    const network = await this.call(() => this.docker.createNetwork({ CheckDuplicate: true, ...options }));
    return network.id;
  }

  removeNetwork(idOrName: string): Promise<void> {
    return this.call(() => this.docker.getNetwork(idOrName).remove());
  }

  connectNetwork(network: string, container: string, options: { aliases?: string[]; ipv4?: string } = {}): Promise<void> {
    const endpoint = { Aliases: options.aliases?.length ? options.aliases : undefined, IPAMConfig: options.ipv4 ? { IPv4Address: options.ipv4 } : undefined };
    return this.call(() => this.docker.getNetwork(network).connect({ Container: container, EndpointConfig: endpoint }));
  }

  disconnectNetwork(network: string, container: string, force = false): Promise<void> {
    return this.call(() => this.docker.getNetwork(network).disconnect({ Container: container, Force: force }));
  }

  /** The network drivers the engine has (`docker info`'s Plugins.Network). */
  async networkDrivers(): Promise<string[]> {
    const info = (await this.call(() => this.docker.info())) as { Plugins?: { Network?: string[] } };
    return info.Plugins?.Network ?? ['bridge'];
  }

  // Compose projects: what the engine has of one now, found by the labels compose puts on it.

  /** The project's containers, running or not (`docker compose -p NAME ps -a`). */
  async projectContainers(project: string): Promise<ContainerModel[]> {
    const list = await this.call(() => this.docker.listContainers({ all: true, filters: { label: [`${composeProjectLabel}=${project}`] } }));
    return list.map(toContainerModel);
  }

  /** The networks compose made for the project (Down removes them). */
  async projectNetworks(project: string): Promise<{ id: string; name: string }[]> {
    const list = await this.call(() => this.docker.listNetworks({ filters: { label: [`${composeProjectLabel}=${project}`] } }));
    return list.map((n) => ({ id: n.Id, name: n.Name }));
  }

  /** The named volumes compose made for the project (Down -v removes them with their data). */
  async projectVolumes(project: string): Promise<VolumeModel[]> {
    const { Volumes } = await this.call(() => this.docker.listVolumes({ filters: { label: [`${composeProjectLabel}=${project}`] } }));
    return (Volumes ?? []).map(toVolumeModel);
  }

  /** The projects whose containers compose started from this working directory, by its own label. */
  async projectsFromDirectory(directory: string): Promise<string[]> {
    const list = await this.call(() => this.docker.listContainers({ all: true, filters: { label: [`${composeWorkingDirLabel}=${directory}`] } }));
    return [...new Set(list.map((c) => c.Labels?.[composeProjectLabel]).filter((p): p is string => !!p))].sort();
  }

  // A container's files (issue 13): the archive endpoints and an exec whose output is kept, for
  // src/docker/containerFiles.ts. No process is started on the host; `docker cp` is these requests.

  /** `GET /containers/{id}/archive?path=P`: a tar of P (a folder with its whole subtree); the caller reads or destroys it. */
  getArchive(containerId: string, path: string): Promise<NodeJS.ReadableStream> {
    return this.call(() => this.docker.getContainer(containerId).getArchive({ path }) as Promise<NodeJS.ReadableStream>);
  }

  /** `PUT /containers/{id}/archive?path=FOLDER`: unpacks a tar into a folder that exists; the engine refuses a read-only one. */
  async putArchive(containerId: string, folder: string, archive: Buffer | NodeJS.ReadableStream): Promise<void> {
    const answer = await this.call(
      () => this.docker.getContainer(containerId).putArchive(archive as never, { path: folder, copyUIDGID: true }) as Promise<unknown>,
      this.slow(),
    );
    (answer as { resume?(): void } | undefined)?.resume?.();
  }

  /** Runs a command without a TTY to its end: its exit code, stdout (at most `maxBytes`, then cut) and stderr. */
  async execCapture(containerId: string, cmd: string[], maxBytes = 16 * 1024 * 1024): Promise<{ exitCode: number | null; stdout: Buffer; stderr: string; cut: boolean }> {
    const id = await this.createExec(containerId, cmd, { tty: false, stdin: false });
    const stream = await this.call(() => this.docker.getExec(id).start({ hijack: true, stdin: false }) as Promise<NodeJS.ReadableStream>);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let cut = false;
    const sink = (into: Buffer[], counted: boolean) =>
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          if (counted && size + chunk.length > maxBytes) {
            cut = true;
          } else {
            into.push(chunk);
            size += counted ? chunk.length : 0;
          }
          done();
        },
      });
    this.docker.modem.demuxStream(stream, sink(out, true), sink(err, false));
    await new Promise<void>((resolve) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
    });
    const { exitCode } = await this.inspectExec(id);
    return { exitCode, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), cut };
  }

  // Build (issue 15): `docker build` with the legacy builder, the context packed by dockerode.

  /**
   * `POST /build`: dockerode packs `src` (paths relative to `context`) with tar-fs, applying the
   * context's .dockerignore, and streams it gzipped. Answers once the engine starts the build;
   * the JSON lines after that are not bounded. Aborting `signal` closes the request, and the
   * engine then stops the build (its step's container included).
   */
  buildImage(
    files: { context: string; src: string[] },
    options: { dockerfile: string; t: string; buildargs?: Record<string, string>; target?: string; nocache?: boolean; pull?: boolean; labels?: Record<string, string> },
    signal?: AbortSignal,
  ): Promise<NodeJS.ReadableStream> {
    // rm: the intermediate containers go, as the docker CLI's default; version 1 is the legacy builder.
    const query = { ...options, rm: true, forcerm: true, version: '1', abortSignal: signal } as unknown as Docker.ImageBuildOptions;
    return this.call(() => this.docker.buildImage(files, query), this.slow());
  }

  // Push (issue 15): the engine talks to the registry; the credentials go in X-Registry-Auth only.

  /** `docker push REPOSITORY:TAG`: the progress stream; `auth` is the engine's X-Registry-Auth document ({} for none). */
  pushImage(repository: string, tag: string, auth: Record<string, string>, signal?: AbortSignal): Promise<NodeJS.ReadableStream> {
    // Always a header: without one, this engine reads the body for credentials and fails on EOF.
    return this.call(
      () => this.docker.getImage(repository).push({ tag, authconfig: auth, ...(signal ? { abortSignal: signal } : {}) }) as Promise<NodeJS.ReadableStream>,
      this.slow(),
    );
  }

  // Commit: the container's writable layer as a new image layer.

  /** `docker commit`: a new image of the container's image plus its writable layer (not its volumes); resolves to the image id. */
  async commitContainer(
    id: string,
    options: { repository?: string; tag?: string; comment?: string; author?: string; pause: boolean; changes: string[] },
  ): Promise<string> {
    const answer = await this.call(
      () =>
        this.docker.getContainer(id).commit(
          // An empty `changes=` is read as a Dockerfile with no instructions (400): send only what is given.
          Object.fromEntries(
            Object.entries({
              repo: options.repository,
              tag: options.tag,
              comment: options.comment,
              author: options.author,
              pause: options.pause,
              changes: options.changes.length > 0 ? options.changes : undefined,
            }).filter(([, value]) => value !== undefined),
          ),
        ) as Promise<{ Id: string }>,
      this.slow(),
    );
    return answer.Id;
  }

  // Stats: the engine's live resource use per container.

  /** `docker stats NAME`: one JSON sample a second until the container stops or the stream is destroyed. */
  containerStats(id: string): Promise<NodeJS.ReadableStream> {
    return this.call(() => this.docker.getContainer(id).stats({ stream: true }) as unknown as Promise<NodeJS.ReadableStream>, this.slow());
  }
}

/** Resize answers 201 on some engines; docker-modem treats any code it was not told of as an error. */
async function acceptCreated(request: Promise<unknown>): Promise<void> {
  try {
    await request;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 201) {
      throw err;
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** "1.43" >= "1.42", compared as numbers part by part. */
export function apiAtLeast(version: string, wanted: string): boolean {
  const [a, b] = [version, wanted].map((v) => v.split('.').map((n) => Number.parseInt(n, 10) || 0));
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

/** The parts of `GET /system/df` the destructive commands read. */
interface DiskUsage {
  LayersSize?: number;
  Volumes?: { Name: string; UsageData?: { Size?: number } }[];
}
