// A run specification turned into the engine's create options, a pasteable line, and back from inspect.
import type Docker from 'dockerode';
import { formatPort, formatVolume, parseVolume, PortSpec, RunSpec, VolumeSpec } from './runSpec';
import { shellQuote } from './shell';

function expandPorts(p: PortSpec): { key: string; hostPort: string }[] {
  const [innerStart, innerEnd = innerStart] = p.containerPort.split('-').map(Number);
  const outer = p.hostPort?.split('-').map(Number);
  const result: { key: string; hostPort: string }[] = [];
  for (let port = innerStart; port <= innerEnd; port++) {
    // Equal ranges map one to one; one container port with a host range lets the engine pick.
    const hostPort = outer === undefined ? '' : innerEnd > innerStart ? String(outer[0] + port - innerStart) : p.hostPort!;
    result.push({ key: `${port}/${p.protocol}`, hostPort });
  }
  return result;
}

/** The engine's create options, as the docker CLI builds them for these flags. */
export function toCreateOptions(spec: RunSpec, options: { create?: boolean } = {}): Docker.ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of spec.ports) {
    for (const { key, hostPort } of expandPorts(p)) {
      exposed[key] = {};
      (bindings[key] ??= []).push({ HostIp: p.hostIp ?? '', HostPort: hostPort });
    }
  }
  const anonymous = spec.volumes.filter((v) => v.kind === 'anonymous');
  const binds = spec.volumes.filter((v) => v.kind !== 'anonymous').map(formatVolume);
  // `docker run` attaches unless -d; `docker create` records the same attach flags without -d.
  const attached = options.create ? true : !spec.detach;
  const [restartName, retries] = (spec.restart ?? 'no').split(':');
  const labels = Object.fromEntries(spec.labels.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return {
    name: spec.name,
    Image: spec.image,
    Cmd: spec.command,
    Env: spec.env,
    Labels: labels,
    Tty: spec.tty,
    OpenStdin: spec.interactive,
    AttachStdin: spec.interactive && attached,
    AttachStdout: attached,
    AttachStderr: attached,
    StdinOnce: spec.interactive && attached && !options.create,
    ExposedPorts: exposed,
    Volumes: Object.fromEntries(anonymous.map((v) => [v.target, {}])),
    HostConfig: {
      PortBindings: bindings,
      Binds: binds,
      VolumesFrom: spec.volumesFrom,
      Links: spec.links,
      RestartPolicy: { Name: restartName, MaximumRetryCount: retries === undefined ? 0 : Number(retries) },
      AutoRemove: spec.autoRemove,
      Init: spec.init || undefined,
      NetworkMode: spec.network,
    },
    Hostname: spec.hostname,
    NetworkingConfig:
      spec.network && (spec.networkAliases.length > 0 || spec.ip)
        ? {
            EndpointsConfig: {
              [spec.network]: { Aliases: spec.networkAliases.length > 0 ? spec.networkAliases : undefined, IPAMConfig: spec.ip ? { IPv4Address: spec.ip } : undefined },
            },
          }
        : undefined,
  };
}

/** A `docker run ...` (or `docker create ...`) line people can paste into a shell. */
export function toDockerRunLine(spec: RunSpec, options: { create?: boolean } = {}): string {
  return toDockerRunWords(spec, options).map(shellQuote).join(' ');
}

/** The words of that line, unquoted. */
export function toDockerRunWords(spec: RunSpec, options: { create?: boolean } = {}): string[] {
  const words: string[] = ['docker', options.create ? 'create' : 'run'];
  const flags = `${spec.detach && !options.create ? 'd' : ''}${spec.interactive ? 'i' : ''}${spec.tty ? 't' : ''}`;
  if (flags) words.push(`-${flags}`);
  if (spec.name) words.push('--name', spec.name);
  if (spec.autoRemove) words.push('--rm');
  if (spec.init) words.push('--init');
  if (spec.restart && spec.restart !== 'no') words.push('--restart', spec.restart);
  if (spec.hostname) words.push('--hostname', spec.hostname);
  if (spec.network) words.push('--network', spec.network);
  for (const a of spec.networkAliases) words.push('--network-alias', a);
  if (spec.ip) words.push('--ip', spec.ip);
  for (const p of spec.ports) words.push('-p', formatPort(p));
  for (const e of spec.env) words.push('-e', e);
  for (const v of spec.volumes) words.push('-v', formatVolume(v));
  for (const v of spec.volumesFrom) words.push('--volumes-from', v);
  for (const l of spec.links) words.push('--link', l);
  for (const l of spec.labels) words.push('--label', l);
  words.push(spec.image, ...(spec.command ?? []));
  return words;
}

// ---- back from inspect -----------------------------------------------------------------------

interface InspectLike {
  Id?: string;
  Name?: string;
  Config: {
    Hostname?: string;
    Image?: string;
    Cmd?: string[] | null;
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
    Tty?: boolean;
    OpenStdin?: boolean;
    AttachStdin?: boolean;
    AttachStdout?: boolean;
    Volumes?: Record<string, unknown> | null;
  };
  HostConfig: {
    PortBindings?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null;
    Binds?: string[] | null;
    VolumesFrom?: string[] | null;
    Links?: string[] | null;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number } | null;
    AutoRemove?: boolean;
    Init?: boolean | null;
    NetworkMode?: string;
  };
  NetworkSettings?: { Networks?: Record<string, { Aliases?: string[] | null; IPAMConfig?: { IPv4Address?: string } | null } | null> | null } | null;
}

interface ImageInspectLike {
  Config?: { Cmd?: string[] | null; Env?: string[] | null; Labels?: Record<string, string> | null; Volumes?: Record<string, unknown> | null } | null;
}

/**
 * Rebuilds the spec a container was made with, from `docker inspect` (and its image's, to
 * leave out what the image already sets). Options this form does not know are left out.
 */
export function specFromInspect(container: InspectLike, image?: ImageInspectLike): RunSpec {
  const config = container.Config;
  const host = container.HostConfig;
  const imageConfig = image?.Config ?? undefined;
  const imageEnv = new Set(imageConfig?.Env ?? []);
  const imageLabels = imageConfig?.Labels ?? {};
  const cmd = config.Cmd ?? undefined;
  const sameCmd = imageConfig !== undefined && JSON.stringify(cmd ?? null) === JSON.stringify(imageConfig.Cmd ?? null);
  const ports: PortSpec[] = [];
  for (const [key, bindings] of Object.entries(host.PortBindings ?? {}).sort(([a], [b]) => parseInt(a, 10) - parseInt(b, 10))) {
    const [containerPort, protocol = 'tcp'] = key.split('/');
    for (const b of bindings ?? []) {
      ports.push({ hostIp: b.HostIp || undefined, hostPort: b.HostPort || undefined, containerPort, protocol: protocol as PortSpec['protocol'] });
    }
  }
  const binds = (host.Binds ?? []).map(parseVolume);
  const bound = new Set(binds.map((b) => b.target));
  const imageVolumes = new Set(Object.keys(imageConfig?.Volumes ?? {}));
  const anonymous: VolumeSpec[] = Object.keys(config.Volumes ?? {})
    .filter((target) => !bound.has(target) && !imageVolumes.has(target))
    .map((target) => ({ kind: 'anonymous', target }));
  // The engine stores a link as "/db:/web/database"; people wrote "db:database".
  const links = (host.Links ?? []).map((link) => {
    const [source, target = ''] = link.split(':');
    const name = source.replace(/^\//, '');
    const alias = target.split('/').pop() ?? '';
    return alias ? `${name}:${alias}` : name;
  });
  const policy = host.RestartPolicy ?? {};
  const restart =
    !policy.Name || policy.Name === 'no' ? undefined : policy.Name === 'on-failure' && policy.MaximumRetryCount ? `on-failure:${policy.MaximumRetryCount}` : policy.Name;
  // `default` and `bridge` are the default bridge: no --network. Aliases and --ip are that network's.
  const mode = host.NetworkMode;
  const network = mode && mode !== 'default' && mode !== 'bridge' ? mode : undefined;
  const endpoint = network ? container.NetworkSettings?.Networks?.[network] : undefined;
  const shortId = container.Id?.slice(0, 12);
  // The engine names a container's host after its short id unless --hostname was given.
  const hostname = config.Hostname && config.Hostname !== shortId && network !== 'host' ? config.Hostname : undefined;
  // It also adds the short id and the host name to the aliases on a user network: neither was typed.
  const networkAliases = (endpoint?.Aliases ?? []).filter((a) => a !== shortId && a !== hostname);
  return {
    image: config.Image ?? '',
    name: container.Name ? container.Name.replace(/^\//, '') : undefined,
    command: cmd && cmd.length > 0 && !sameCmd ? cmd : undefined,
    env: (config.Env ?? []).filter((e) => !imageEnv.has(e)),
    labels: Object.entries(config.Labels ?? {})
      .filter(([k, v]) => imageLabels[k] !== v)
      .map(([k, v]) => `${k}=${v}`),
    ports,
    volumes: [...binds, ...anonymous],
    volumesFrom: host.VolumesFrom ?? [],
    links,
    interactive: config.OpenStdin === true,
    tty: config.Tty === true,
    detach: !config.AttachStdout && !config.AttachStdin,
    autoRemove: host.AutoRemove === true,
    init: host.Init === true,
    restart,
    network,
    networkAliases,
    ip: endpoint?.IPAMConfig?.IPv4Address || undefined,
    hostname,
  };
}
