import * as vscode from 'vscode';
import type { ImageLayer } from '../docker/imageHistory';
import type { ContainerDetails, ContainerModel, ImageModel, VolumeModel } from '../docker/models';
import type { NetworkModel } from '../docker/networks';
import { publishedHost, publishedPorts } from '../docker/publishedPorts';
import type { NetworkMember } from './nodes/networkContainerNode';
import { containerStatusText } from './containerStatus';
import { displayFormat, shortId } from './format';

function md(): vscode.MarkdownString {
  const s = new vscode.MarkdownString('', true);
  s.supportHtml = false;
  return s;
}

/** "5 minutes ago (Dec 1, 2026, 10:00 AM)" in the display language. */
function created(unixSeconds: number): string {
  const format = displayFormat(vscode.env.language);
  return escape(`${format.age(unixSeconds)} (${format.date(unixSeconds)})`);
}

function code(text: string): string {
  return '`' + text.replace(/`/g, "'") + '`';
}

/** `engineHost`: a tcp:// or ssh:// engine's host (engineHostOf), where its ports are published. */
export function containerTooltip(m: ContainerModel, details?: ContainerDetails, engineHost?: string): vscode.MarkdownString {
  const s = md();
  s.appendMarkdown(`**${escape(m.name)}** ${code(shortId(m.id))}\n\n`);
  s.appendMarkdown(`${vscode.l10n.t('Image')}: ${code(m.image)}  \n`);
  s.appendMarkdown(`${vscode.l10n.t('Command')}: ${code(m.command)}  \n`);
  s.appendMarkdown(`${vscode.l10n.t('Created')}: ${created(m.created)}  \n`);
  s.appendMarkdown(`${vscode.l10n.t('Status')}: ${escape(containerStatusText(m.status))}\n\n`);
  // Linked: exactly what Open in Browser opens. Other protocols (UDP) are named, not linked.
  const links = publishedPorts(m.ports, engineHost).map(
    (p) => `- [${escape(`${publishedHost(p.hostIp, engineHost)}:${p.hostPort}`)}](${p.url}) → ${p.containerPort}/tcp`,
  );
  const others = m.ports
    .filter((p) => p.publicPort && p.type !== 'tcp')
    .map((p) => `- ${escape(`${publishedHost(p.ip, engineHost)}:${p.publicPort} → ${p.privatePort}/${p.type}`)}`);
  const published = [...links, ...new Set(others)];
  if (published.length > 0) {
    s.appendMarkdown(`${vscode.l10n.t('Ports')}:  \n${published.join('\n')}\n\n`);
  }
  if (m.mounts.length > 0) {
    s.appendMarkdown(`${vscode.l10n.t('Mounts')}:  \n`);
    for (const mount of m.mounts) {
      const what = mount.type === 'volume' ? vscode.l10n.t('volume {0}', mount.name ?? mount.source) : `${mount.type} ${mount.source}`;
      const mode = mount.readOnly ? vscode.l10n.t('read-only') : vscode.l10n.t('read-write');
      s.appendMarkdown(`- ${escape(what)} → ${code(mount.destination)} (${mode})\n`);
    }
    s.appendMarkdown('\n');
  }
  if (m.networks.length > 0) {
    // Inspect (on hover) adds each network's addresses; the list alone names the networks.
    const attachments = new Map((details?.networks ?? []).map((n) => [n.network, n]));
    const described = m.networks.map((name) => {
      const a = attachments.get(name);
      const addresses = [a?.ipv4, a?.ipv6].filter((x) => x).join(', ');
      return addresses ? `${code(name)} (${escape(addresses)})` : code(name);
    });
    s.appendMarkdown(`${vscode.l10n.t('Networks')}: ${described.join(', ')}  \n`);
  }
  if (details?.links.length) {
    s.appendMarkdown(`${vscode.l10n.t('Links')}: ${details.links.map(code).join(', ')}  \n`);
  }
  if (details?.volumesFrom.length) {
    s.appendMarkdown(`${vscode.l10n.t('Volumes from')}: ${details.volumesFrom.map(code).join(', ')}  \n`);
  }
  return s;
}

export function imageTooltip(m: ImageModel, usedBy: ContainerModel[]): vscode.MarkdownString {
  const s = md();
  s.appendMarkdown(`**${escape(m.tags[0] ?? '<none>:<none>')}**\n\n`);
  s.appendMarkdown(`${vscode.l10n.t('ID')}: ${code(m.id)}  \n`);
  if (m.tags.length > 1) {
    s.appendMarkdown(`${vscode.l10n.t('Tags')}: ${m.tags.map(code).join(', ')}  \n`);
  }
  for (const digest of m.digests) {
    s.appendMarkdown(`${vscode.l10n.t('Digest')}: ${code(digest)}  \n`);
  }
  s.appendMarkdown(`${vscode.l10n.t('Size')}: ${displayFormat(vscode.env.language).size(m.size)}  \n`);
  s.appendMarkdown(`${vscode.l10n.t('Created')}: ${created(m.created)}  \n`);
  s.appendMarkdown(
    usedBy.length === 0 ? vscode.l10n.t('Used by no container.') : `${vscode.l10n.t('Used by')}: ${usedBy.map((c) => `${code(c.name)} (${c.state})`).join(', ')}`,
  );
  s.appendMarkdown(
    `\n\n${escape(vscode.l10n.t('Its layers are read-only and shared by every container made from the image; each container writes into a layer of its own.'))}`,
  );
  return s;
}

export function layerTooltip(layer: ImageLayer): vscode.MarkdownString {
  const s = md();
  if (layer.instruction) {
    s.appendCodeblock(layer.instruction, 'dockerfile');
  }
  if (layer.createdBy.trim() !== layer.instruction) {
    s.appendMarkdown(`${vscode.l10n.t('Recorded as')}: ${code(layer.createdBy)}\n\n`);
  }
  if (layer.id) {
    s.appendMarkdown(`${vscode.l10n.t('ID')}: ${code(layer.id)}  \n`);
  }
  s.appendMarkdown(`${vscode.l10n.t('Size')}: ${displayFormat(vscode.env.language).size(layer.size)}  \n`);
  s.appendMarkdown(`${vscode.l10n.t('Created')}: ${created(layer.created)}  \n`);
  if (layer.comment) {
    s.appendMarkdown(`${vscode.l10n.t('Comment')}: ${escape(layer.comment)}  \n`);
  }
  if (layer.tags.length > 0) {
    s.appendMarkdown(`${vscode.l10n.t('Tags')}: ${layer.tags.map(code).join(', ')}  \n`);
  }
  s.appendMarkdown('\n');
  s.appendMarkdown(
    escape(
      layer.empty
        ? vscode.l10n.t('An empty layer: this step changed only the image settings, no files.')
        : vscode.l10n.t('A read-only layer: every container made from the image sees these files, and changes them only in its own writable layer.'),
    ),
  );
  if (layer.sharedWith) {
    s.appendMarkdown(`  \n${vscode.l10n.t('Shared with the local image {0}: on disk once for both.', code(layer.sharedWith.name))}`);
  }
  return s;
}

export function volumeTooltip(m: VolumeModel, usedBy: { container: ContainerModel; readOnly: boolean }[]): vscode.MarkdownString {
  const s = md();
  s.appendMarkdown(`**${escape(m.name)}**${m.anonymous ? ` (${vscode.l10n.t('anonymous')})` : ''}\n\n`);
  s.appendMarkdown(`${vscode.l10n.t('Driver')}: ${code(m.driver)}  \n`);
  s.appendMarkdown(`${vscode.l10n.t('Mountpoint')}: ${code(m.mountpoint)}  \n`);
  s.appendMarkdown(`${vscode.l10n.t('Scope')}: ${m.scope}  \n`);
  if (m.created) {
    s.appendMarkdown(`${vscode.l10n.t('Created')}: ${created(Date.parse(m.created) / 1000)}  \n`);
  }
  const labels = Object.entries(m.labels);
  if (labels.length > 0) {
    s.appendMarkdown(`${vscode.l10n.t('Labels')}: ${labels.map(([k, v]) => code(`${k}=${v}`)).join(', ')}  \n`);
  }
  s.appendMarkdown(
    usedBy.length === 0
      ? vscode.l10n.t('Used by no container.')
      : `${vscode.l10n.t('Used by')}: ${usedBy
          .map((u) => `${code(u.container.name)} (${u.readOnly ? vscode.l10n.t('read-only') : vscode.l10n.t('read-write')})`)
          .join(', ')}`,
  );
  return s;
}

export function networkTooltip(m: NetworkModel, attached: number): vscode.MarkdownString {
  const s = md();
  s.appendMarkdown(`**${escape(m.name)}**${m.builtIn ? ` (${vscode.l10n.t('built-in')})` : ''}\n\n`);
  s.appendMarkdown(`${vscode.l10n.t('ID')}: ${code(m.id)}  \n`);
  s.appendMarkdown(`${vscode.l10n.t('Driver')}: ${code(m.driver)}  \n`);
  s.appendMarkdown(`${vscode.l10n.t('Scope')}: ${escape(m.scope)}  \n`);
  s.appendMarkdown(`${vscode.l10n.t('IPAM driver')}: ${code(m.ipamDriver)}  \n`);
  for (const pool of m.pools) {
    if (pool.subnet) s.appendMarkdown(`${vscode.l10n.t('Subnet')}: ${code(pool.subnet)}  \n`);
    if (pool.gateway) s.appendMarkdown(`${vscode.l10n.t('Gateway')}: ${code(pool.gateway)}  \n`);
    if (pool.ipRange) s.appendMarkdown(`${vscode.l10n.t('IP range')}: ${code(pool.ipRange)}  \n`);
  }
  const flags = [
    m.internal ? vscode.l10n.t('internal (no outside access)') : undefined,
    m.attachable ? vscode.l10n.t('attachable') : undefined,
    m.enableIPv6 ? vscode.l10n.t('IPv6') : undefined,
  ].filter((f): f is string => f !== undefined);
  if (flags.length > 0) s.appendMarkdown(`${escape(flags.join(', '))}  \n`);
  const options = Object.entries(m.options);
  if (options.length > 0) s.appendMarkdown(`${vscode.l10n.t('Options')}: ${options.map(([k, v]) => code(`${k}=${v}`)).join(', ')}  \n`);
  const labels = Object.entries(m.labels);
  if (labels.length > 0) s.appendMarkdown(`${vscode.l10n.t('Labels')}: ${labels.map(([k, v]) => code(`${k}=${v}`)).join(', ')}  \n`);
  if (m.created) s.appendMarkdown(`${vscode.l10n.t('Created')}: ${created(Date.parse(m.created) / 1000)}  \n`);
  s.appendMarkdown(
    attached === 0
      ? vscode.l10n.t('No container is on this network.')
      : attached === 1
        ? vscode.l10n.t('1 container is on this network.')
        : vscode.l10n.t('{0} containers are on this network.', attached),
  );
  return s;
}

export function networkContainerTooltip(network: NetworkModel, m: NetworkMember, running: boolean): vscode.MarkdownString {
  const s = md();
  s.appendMarkdown(`**${escape(m.name)}** ${code(shortId(m.containerId))} ${vscode.l10n.t('on')} ${code(network.name)}\n\n`);
  if (m.endpoint?.ipv4) s.appendMarkdown(`${vscode.l10n.t('IPv4 address')}: ${code(m.endpoint.ipv4)}  \n`);
  if (m.endpoint?.ipv6) s.appendMarkdown(`${vscode.l10n.t('IPv6 address')}: ${code(m.endpoint.ipv6)}  \n`);
  if (m.endpoint?.mac) s.appendMarkdown(`${vscode.l10n.t('MAC address')}: ${code(m.endpoint.mac)}  \n`);
  if (m.aliases.length > 0) s.appendMarkdown(`${vscode.l10n.t('Aliases')}: ${m.aliases.map(code).join(', ')}  \n`);
  s.appendMarkdown(
    running
      ? vscode.l10n.t('Running: other containers on {0} reach it by its name and aliases.', code(network.name))
      : vscode.l10n.t('Not running: it has no address until it starts.'),
  );
  return s;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
