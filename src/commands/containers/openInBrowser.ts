import * as vscode from 'vscode';
import { engineHostOf, publishedPorts, type PublishedPort } from '../../docker/publishedPorts';
import type { CommandContext } from '../context';
import { containerTargets } from '../targets';

/**
 * Open in Browser: a port the container publishes (`docker port NAME`), opened on this machine.
 * Takes a row, an id or name, or `{ container, port }` (the host port, or the container's own
 * port, as `docker port web 80` takes it). The ports are asked of the engine: a restart may have
 * given `-p 80` another host port. Returns the address opened.
 */
export async function openInBrowser(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const wanted = portArgument(args[0]);
  if (wanted === null) {
    void ctx.ui.error(vscode.l10n.t('"port" must be a port number from 1 to 65535, e.g. {0}.', '{ container: "web", port: 8080 }'));
    return undefined;
  }
  const [target] =
    (await containerTargets(ctx, args, {
      action: 'dockerExplorer.containers.openInBrowser',
      many: false,
      placeHolder: vscode.l10n.t('Running container to open in the browser'),
      noneMessage: vscode.l10n.t('No running containers to open in the browser.'),
    })) ?? [];
  if (!target) {
    return undefined;
  }
  const [now] = await ctx.service.listContainers([target.id]);
  if (!now) {
    void ctx.ui.error(vscode.l10n.t('The container {0} no longer exists.', target.name));
    return undefined;
  }
  const ports = publishedPorts(now.ports, engineHostOf(ctx.endpoint?.()));
  if (ports.length === 0) {
    void ctx.ui.info(
      vscode.l10n.t(
        "{0} publishes no TCP port: a browser reaches a container only through a port it was run with -p, e.g. docker run -p 8080:80 (host port 8080 to the container's port 80).",
        now.name,
      ),
    );
    return undefined;
  }
  const port =
    wanted === undefined ? await choosePort(ctx, now.name, ports) : (ports.find((p) => p.hostPort === wanted) ?? ports.find((p) => p.containerPort === wanted));
  if (!port) {
    if (wanted !== undefined) {
      const list = ports.map((p) => `${p.hostPort}→${p.containerPort}`).join(', ');
      void ctx.ui.error(vscode.l10n.t('{0} does not publish port {1}; it publishes {2} (host→container).', now.name, wanted, list));
    }
    return undefined;
  }
  ctx.log.command(`docker port ${now.name} ${port.containerPort}/tcp`);
  const external = await vscode.env.asExternalUri(vscode.Uri.parse(port.url));
  await ctx.ui.openExternal(external);
  return external.toString(true);
}

/** undefined: not given; null: given and not a port. */
function portArgument(first: unknown): number | undefined | null {
  if (!first || typeof first !== 'object' || Array.isArray(first) || 'kind' in first || !('port' in first)) {
    return undefined;
  }
  const raw = (first as { port: unknown }).port;
  const port = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? port : null;
}

async function choosePort(ctx: CommandContext, name: string, ports: PublishedPort[]): Promise<PublishedPort | undefined> {
  if (ports.length === 1) {
    return ports[0];
  }
  return ctx.ui.pick(
    ports.map((p) => ({ label: p.url, description: vscode.l10n.t('host port {0} → container port {1}', p.hostPort, p.containerPort), value: p })),
    { placeHolder: vscode.l10n.t('Which port of {0} to open', name) },
  );
}
