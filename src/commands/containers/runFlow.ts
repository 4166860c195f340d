import * as vscode from 'vscode';
import { toDockerError } from '../../docker/errors';
import { familiarImageName, parseImageRef } from '../../docker/imageRef';
import { maskSecretEnv } from '../../docker/maskSecrets';
import { parseRunOptions, runOptionsProblem, runSpecFrom } from '../../docker/runOptions';
import { RunSpec, RunSpecError } from '../../docker/runSpec';
import { parseAddressIn, problemOf, reportedSubnet } from '../../docker/networkSpec';
import { networkByName } from '../networks/networkTargets';
import { toCreateOptions, toDockerRunLine, toDockerRunWords } from '../../docker/runSpecBuild';
import { describeError } from '../../errorMessages';
import { actOnce } from '../act';
import type { CommandContext } from '../context';
import { engineReady } from '../engineReady';
import { openAttachTerminal } from './attachContainer';
import { pullWithProgress } from '../images/pullWithProgress';

export type RunMode = 'run' | 'create';

const typeReference = Symbol('type a reference');

/**
 * Run or Create, as a short guided flow: the image, one line of docker run options (the last
 * ones used for that image prefilled), then the equivalent docker command to confirm or copy.
 * A RunSpec-like object argument (keybindings, tests) skips the questions.
 */
export async function runFlow(ctx: CommandContext, mode: RunMode, args: unknown[]): Promise<string | undefined> {
  const [first] = args;
  const title = mode === 'run' ? vscode.l10n.t('Run Container') : vscode.l10n.t('Create Container');
  if (first && typeof first === 'object' && 'image' in first) {
    let spec: RunSpec;
    try {
      spec = runSpecFrom(first as Record<string, unknown>);
      parseImageRef(spec.image);
    } catch (err) {
      void ctx.ui.error((err as Error).message);
      return undefined;
    }
    return execute(ctx, spec, mode);
  }

  const image = await chooseImage(ctx, first, title);
  if (image === undefined) {
    return undefined;
  }
  const memoryKey = `dockerExplorer.runOptions:${image}`;
  const text = await ctx.ui.input({
    title: vscode.l10n.t('{0} (2/3): options for {1}', title, image),
    prompt: runOptionsPrompt(ctx),
    value: ctx.memory?.get<string>(memoryKey) ?? '',
    placeHolder: '--name web -p 8080:80 -e KEY=VALUE -v data:/data -it --rm',
    ignoreFocusOut: true,
    validateInput: async (value) => runOptionsProblem(value) ?? (await referencesProblemOfText(ctx, image, value)),
  });
  if (text === undefined) {
    return undefined;
  }
  let spec: RunSpec;
  try {
    spec = { image, ...parseRunOptions(text) };
  } catch (err) {
    // The input box already refuses bad lines; this covers a caller that answers without it.
    void ctx.ui.error(err instanceof RunSpecError ? err.message : String(err));
    return undefined;
  }
  await ctx.memory?.update(memoryKey, text);

  const act = mode === 'run' ? vscode.l10n.t('Run') : vscode.l10n.t('Create');
  const copy = vscode.l10n.t('Copy Command');
  for (;;) {
    const line = toDockerRunLine(spec, { create: mode === 'create' });
    const shown = toDockerRunLine(withSecretsMasked(spec), { create: mode === 'create' });
    const choice = await ctx.ui.choose(vscode.l10n.t('{0} (3/3): {1} a container from {2}?', title, act, image), shown, [act, copy]);
    if (choice === copy) {
      // Asked for explicitly: the clipboard gets the real values; the screen shows them masked.
      await vscode.env.clipboard.writeText(line);
      void ctx.ui.info(vscode.l10n.t('Copied to the clipboard: {0}', shown));
      continue;
    }
    if (choice !== act) {
      return undefined;
    }
    return execute(ctx, spec, mode);
  }
}

async function chooseImage(ctx: CommandContext, first: unknown, title: string): Promise<string | undefined> {
  const row = first as { kind?: string; model?: { id: string }; reference?: string } | undefined;
  if (row && typeof row === 'object' && row.kind === 'image' && row.model) {
    return row.reference ? familiarImageName(parseImageRef(row.reference)) : row.model.id;
  }
  if (typeof first === 'string') {
    return checkedReference(ctx, first);
  }
  await engineReady(ctx, { quiet: true });
  const tags = [...ctx.store.images.values()].flatMap((image) => image.tags.map((tag) => familiarImageName(parseImageRef(tag)))).sort((a, b) => a.localeCompare(b));
  const picked = await ctx.ui.pick<string | typeof typeReference>(
    [
      ...tags.map((tag) => ({ label: tag, value: tag as string | typeof typeReference })),
      { label: vscode.l10n.t('$(edit) Type an image reference…'), description: vscode.l10n.t('pulled first when not here'), value: typeReference },
    ],
    { title: vscode.l10n.t('{0} (1/3): image', title), placeHolder: vscode.l10n.t('Image to run a container from'), ignoreFocusOut: true },
  );
  if (picked === undefined) {
    return undefined;
  }
  if (picked !== typeReference) {
    return picked;
  }
  const typed = await ctx.ui.input({
    title: vscode.l10n.t('{0} (1/3): image', title),
    prompt: vscode.l10n.t('An image reference, e.g. nginx:1.27 or registry.example.com/team/app:2.0'),
    ignoreFocusOut: true,
    validateInput: (value) => {
      try {
        parseImageRef(value);
        return undefined;
      } catch (err) {
        return (err as Error).message;
      }
    },
  });
  return typed === undefined ? undefined : checkedReference(ctx, typed);
}

function checkedReference(ctx: CommandContext, value: string): string | undefined {
  try {
    parseImageRef(value);
    return value.trim();
  } catch (err) {
    void ctx.ui.error((err as Error).message);
    return undefined;
  }
}

/** Pulls a missing image, creates the container and, for Run, starts it; returns its id. */
/**
 * What only the engine's current state can tell: a name already taken, a --link or
 * --volumes-from naming a container that does not exist. The store answers at once; a name it
 * does not know (created a moment ago, event not in yet) is asked of the engine.
 */
async function referencesProblem(ctx: CommandContext, spec: RunSpec): Promise<string | undefined> {
  const containers = [...ctx.store.containers.values()];
  const exists = async (nameOrId: string) =>
    containers.some((c) => c.name === nameOrId || c.id === nameOrId || (nameOrId.length >= 12 && c.id.startsWith(nameOrId))) ||
    (await ctx.service.inspectContainer(nameOrId).then(
      () => true,
      () => false,
    ));
  // A taken name is asked of the engine alone: the store may still list one just removed.
  const taken = async (name: string) =>
    ctx.service.inspectContainer(name).then(
      (c) => c.Name.replace(/^\//, '') === name,
      () => false,
    );
  if (spec.name && (await taken(spec.name))) {
    return vscode.l10n.t('--name {0}: a container with this name already exists. Choose another name, or remove the other container first.', spec.name);
  }
  if (spec.network) {
    const problem = await networkProblem(ctx, spec);
    if (problem) return problem;
  }
  for (const link of spec.links) {
    const target = link.split(':')[0];
    if (!(await exists(target))) {
      return vscode.l10n.t('--link {0}: no container named "{1}" exists. Create or start it first, or fix the name.', link, target);
    }
  }
  for (const from of spec.volumesFrom) {
    const target = from.split(':')[0];
    if (!(await exists(target))) {
      return vscode.l10n.t('--volumes-from {0}: no container named "{1}" exists. Fix the name.', from, target);
    }
  }
  return undefined;
}

/** The option line's prompt: the networks this engine has, and that --link is the legacy way. */
function runOptionsPrompt(ctx: CommandContext): string {
  const networks = [...ctx.networks.networks.values()]
    .filter((n) => !n.builtIn)
    .map((n) => n.name)
    .sort((a, b) => a.localeCompare(b));
  const example = vscode.l10n.t(
    'docker run options, then the command (after --), e.g. --name web -p 8080:80 -e MODE=dev -v data:/data --restart unless-stopped -- sh -c "..."',
  );
  const choice =
    networks.length > 0
      ? vscode.l10n.t('--network: {0}, or bridge (the default), host, none.', networks.join(', '))
      : vscode.l10n.t('--network: bridge (the default), host or none; create a network of your own in the Networks view.');
  const legacy = vscode.l10n.t('--link is the legacy way: containers on one user-defined network (--network) already reach each other by name and by --network-alias.');
  return `${example} ${choice} ${legacy}`;
}

/** --network names a network the engine has; --ip lies inside its subnet. The networks store answers; a name it lacks is asked of the engine. */
async function networkProblem(ctx: CommandContext, spec: RunSpec): Promise<string | undefined> {
  const name = spec.network!;
  const network = networkByName([...ctx.networks.networks.values()], name) ?? (await ctx.service.findNetwork(name).catch(() => undefined));
  if (!network) {
    return vscode.l10n.t('--network {0}: the engine has no such network. Create it in the Networks view (docker network create {0}), or fix the name.', name);
  }
  if (spec.ip) {
    const pool = network.pools.map((p) => reportedSubnet(p.subnet)).find((s) => s !== undefined);
    const problem = problemOf(() => parseAddressIn(spec.ip!, pool, '--ip'));
    if (problem) return problem;
  }
  return undefined;
}

async function referencesProblemOfText(ctx: CommandContext, image: string, text: string): Promise<string | undefined> {
  let spec: RunSpec;
  try {
    spec = { image, ...parseRunOptions(text) };
  } catch {
    return undefined;
  }
  return referencesProblem(ctx, spec);
}

async function execute(ctx: CommandContext, spec: RunSpec, mode: RunMode): Promise<string | undefined> {
  if (await engineReady(ctx, { quiet: true })) {
    const problem = await referencesProblem(ctx, spec);
    if (problem) {
      void ctx.ui.error(problem);
      return undefined;
    }
  }
  let present: boolean;
  try {
    present = (await ctx.service.findImage(spec.image)) !== undefined;
  } catch (err) {
    void ctx.ui.error(describeError(toDockerError(err), ctx.engineDescription));
    return undefined;
  }
  if (!present) {
    const pulled = await pullWithProgress(ctx, spec.image);
    if (pulled.result === 'failed' || pulled.result === 'cancelled') {
      return undefined;
    }
  }
  const created = await actOnce(ctx, toDockerRunWords(withSecretsMasked(spec), { create: mode === 'create' }), () =>
    ctx.service.createContainer(toCreateOptions(spec, { create: mode === 'create' })),
  );
  if (!created) {
    return undefined;
  }
  for (const warning of created.warnings) {
    ctx.log.info(warning);
  }
  if (mode === 'create') {
    return created.id;
  }
  const name = spec.name ?? (await nameOf(ctx, created.id));
  try {
    await ctx.service.startContainer(created.id);
  } catch (err) {
    const message = vscode.l10n.t(
      'Created container {0}, but it could not start: {1} It is still there, created but not running: fix the cause and start it, or remove it.',
      name,
      describeError(toDockerError(err), ctx.engineDescription),
    );
    ctx.log.error(message);
    void ctx.ui.error(message);
    return created.id;
  }
  if (spec.interactive && spec.tty && !spec.detach) {
    // As `docker run -it` does: the terminal is attached to the new container's main process.
    openAttachTerminal(ctx, created.id, name);
  }
  return created.id;
}

/** The spec as it may be shown or logged: secret-looking environment values masked. */
export function withSecretsMasked(spec: RunSpec): RunSpec {
  return { ...spec, env: maskSecretEnv(spec.env) };
}

async function nameOf(ctx: CommandContext, id: string): Promise<string> {
  try {
    return (await ctx.service.inspectContainer(id)).Name.replace(/^\//, '');
  } catch {
    return id.slice(0, 12);
  }
}
