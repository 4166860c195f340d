import * as vscode from 'vscode';
import { actOnce } from '../act';
import type { CommandContext } from '../context';
import { tagProblem, tagReference } from '../images/tagImage';
import { shortId } from '../../tree/format';
import { containerTargets } from '../targets';

/** What `docker commit --change` accepts: the instructions that set configuration, not the ones that add files. */
const changeInstructions = ['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'LABEL', 'ONBUILD', 'USER', 'VOLUME', 'WORKDIR'];

interface CommitOptions {
  repository?: string;
  message?: string;
  author?: string;
  pause: boolean;
  change: string[];
}

/**
 * `docker commit CONTAINER [REPOSITORY[:TAG]]`: the container's image plus its writable layer, as a
 * new image. Takes a row, an id or name, or `{ container, repository, message, author, pause, change }`
 * in the CLI's words (then nothing is asked). The data in its volumes and bind mounts is not in the
 * image, and the message says which. Resolves to the new image's id.
 */
export async function commitContainer(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const given = optionsOf(args[0]);
  if (typeof given === 'string') {
    void ctx.ui.error(given);
    return undefined;
  }
  const [container] =
    (await containerTargets(ctx, args, {
      action: 'dockerExplorer.containers.commit',
      many: false,
      placeHolder: vscode.l10n.t('Container to commit as an image'),
      noneMessage: vscode.l10n.t('No containers.'),
    })) ?? [];
  if (!container) {
    return undefined;
  }
  const options = given ?? (await ask(ctx, container.name));
  if (!options) {
    return undefined;
  }
  const reference = options.repository ? tagReference(options.repository) : undefined;
  // Asked of the engine now: what the commit copies, what it leaves out, and whose name it takes.
  const [[now], changes, named] = await Promise.all([
    ctx.service.listContainers([container.id]),
    ctx.service.containerChanges(container.id).catch(() => undefined),
    reference ? ctx.service.findImage(reference.full) : Promise.resolve(undefined),
  ]);
  if (!now) {
    void ctx.ui.error(vscode.l10n.t('The container {0} no longer exists.', container.name));
    return undefined;
  }
  if (reference && named) {
    const move = vscode.l10n.t('Move the Name');
    const others = named.tags.filter((t) => tagReference(t).full !== reference.full);
    const answer = await ctx.ui.choose(
      vscode.l10n.t('{0} already names another image. Move the name to the new image?', reference.full),
      others.length > 0
        ? vscode.l10n.t('Image {0} keeps its other names: {1}.', shortId(named.id), others.join(', '))
        : vscode.l10n.t('Image {0} keeps no name: it stays as a dangling image (<none>) until pruned.', shortId(named.id)),
      [move],
    );
    if (answer !== move) {
      return undefined;
    }
  }
  const cli = ['docker', 'commit'];
  if (options.message) cli.push('-m', options.message);
  if (options.author) cli.push('-a', options.author);
  if (!options.pause) cli.push('--pause=false');
  options.change.forEach((c) => cli.push('-c', c));
  cli.push(now.name, ...(reference ? [reference.full] : []));
  const id = await actOnce(ctx, cli, () =>
    ctx.service.commitContainer(now.id, {
      repository: reference?.repository,
      tag: reference?.tag,
      comment: options.message,
      author: options.author,
      pause: options.pause,
      changes: options.change,
    }),
  );
  if (!id) {
    return undefined;
  }
  const kept = now.mounts.map((m) => m.destination).join(', ');
  const count = changes === undefined ? '?' : String(changes.length);
  const what = reference?.full ?? shortId(id);
  void ctx.ui.info(
    kept
      ? vscode.l10n.t(
          "{0} is {1}'s image plus its writable layer (changed paths: {2}). Not in it: the data in its volumes and bind mounts ({3}), which docker commit never copies.",
          what,
          now.name,
          count,
          kept,
        )
      : vscode.l10n.t("{0} is {1}'s image plus its writable layer (changed paths: {2}).", what, now.name, count),
  );
  await ctx.revealImage?.(id, reference?.full);
  return id;
}

/** The plain-object form; a string says what is wrong with it; undefined when the first argument is not one. */
function optionsOf(first: unknown): CommitOptions | string | undefined {
  if (!first || typeof first !== 'object' || Array.isArray(first) || 'kind' in first) {
    return undefined;
  }
  const o = first as Record<string, unknown>;
  if (!('repository' in o) && !('message' in o) && !('change' in o) && !('author' in o) && !('pause' in o)) {
    return undefined; // only names the container: ask the rest
  }
  for (const key of ['repository', 'message', 'author'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'string') {
      return vscode.l10n.t('"{0}" must be a string.', key);
    }
  }
  if (o.pause !== undefined && typeof o.pause !== 'boolean') {
    return vscode.l10n.t('"pause" must be true or false (docker commit pauses a running container while it copies, unless --pause=false).');
  }
  const change = o.change === undefined ? [] : typeof o.change === 'string' ? [o.change] : o.change;
  if (!Array.isArray(change) || !change.every((c) => typeof c === 'string')) {
    return vscode.l10n.t('"change" must be a string or an array of strings, e.g. ["CMD httpd -f", "EXPOSE 80"].');
  }
  const problem = (o.repository ? tagProblem(o.repository as string) : undefined) ?? change.map(changeProblem).find((p) => p);
  if (problem) {
    return problem;
  }
  return { repository: (o.repository as string) || undefined, message: o.message as string, author: o.author as string, pause: o.pause !== false, change };
}

function changeProblem(change: string): string | undefined {
  const instruction = change.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
  if (!changeInstructions.includes(instruction)) {
    return vscode.l10n.t(
      '"{0}" cannot be applied by docker commit: a change is one of {1} followed by its value, e.g. "CMD httpd -f".',
      change,
      changeInstructions.join(', '),
    );
  }
  return undefined;
}

async function ask(ctx: CommandContext, name: string): Promise<CommitOptions | undefined> {
  const value = await ctx.ui.input({
    title: vscode.l10n.t('Commit {0} as an image', name),
    prompt: vscode.l10n.t('repository[:tag] for the new image, e.g. myapp:snapshot (no tag means latest); leave empty for an image with only an id.'),
    validateInput: (v) => (v.trim() ? tagProblem(v) : undefined),
  });
  if (value === undefined) {
    return undefined;
  }
  const problem = value.trim() ? tagProblem(value) : undefined;
  if (problem) {
    void ctx.ui.error(problem);
    return undefined;
  }
  return { repository: value.trim() || undefined, pause: true, change: [] };
}
