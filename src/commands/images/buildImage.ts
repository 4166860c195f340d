import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { BuildContextError, BuildContextFiles, readBuildContext } from '../../docker/buildContext';
import { buildArgProblem, buildCommandWords, BuildSpec, labelProblem, targetProblem } from '../../docker/buildOptions';
import { DockerfileScan, scanDockerfile } from '../../docker/dockerfile';
import { commandLine } from '../../docker/shell';
import { BuildOutcome, BuildTerminal } from '../../terminal/buildTerminal';
import { display } from '../../tree/display';
import type { CommandContext } from '../context';
import { engineReady } from '../engineReady';
import { askBuildSpec, defaultContext, memoryKey, pickDockerfile, RememberedBuild } from './buildQuestions';
import { tagProblem } from './tagImage';
import { waitForBuildStopped } from './buildStopped';

/** The argument form that skips the questions. */
export interface BuildImageArguments {
  dockerfile: string | vscode.Uri;
  context?: string | vscode.Uri;
  tag: string;
  buildArgs?: string[];
  target?: string;
  noCache?: boolean;
  pull?: boolean;
  labels?: string[];
}

const argumentKeys = ['dockerfile', 'context', 'tag', 'buildArgs', 'target', 'noCache', 'pull', 'labels'];
/** Above this, the context's size is shown first with a way to stop: a forgotten .dockerignore is the common mistake. */
export const largeContextBytes = 100 * 1000 * 1000;

/**
 * `docker build -t TAG -f FILE CONTEXT`: a Dockerfile's URI (Explorer, editor title), the object
 * form, or nothing (a pick of the workspace's Dockerfiles). Everything is checked before the
 * context is sent; the output streams into a terminal. Returns the new image's id, or undefined
 * when nothing was built (bad input, a failed or cancelled build).
 */
export async function buildImage(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const [given, options] = args as [unknown, { signal?: AbortSignal } | undefined];
  let spec: BuildSpec | undefined;
  if (given !== undefined && given !== null && typeof given === 'object' && !(given instanceof vscode.Uri)) {
    spec = await specFromArguments(ctx, given as Record<string, unknown>);
  } else {
    const dockerfile = given === undefined || given === null ? await pickDockerfile(ctx) : localPath(given);
    if (dockerfile === undefined) {
      if (given !== undefined && given !== null) void ctx.ui.error(vscode.l10n.t('Build Image needs a Dockerfile on this machine: a file path or a file: URI.'));
      return undefined;
    }
    const scan = await readDockerfile(ctx, dockerfile);
    spec = scan && (await askBuildSpec(ctx, dockerfile, scan));
  }
  if (!spec) return undefined;
  await ctx.workspaceMemory?.update(memoryKey(spec.dockerfile), { ...spec, dockerfile: undefined } satisfies RememberedBuild & { dockerfile: undefined });
  return runBuild(ctx, spec, options?.signal);
}

/** The object form, checked field by field; a message and undefined at the first problem. */
async function specFromArguments(ctx: CommandContext, given: Record<string, unknown>): Promise<BuildSpec | undefined> {
  const refuse = (message: string) => {
    void ctx.ui.error(message);
    return undefined;
  };
  const unknown = Object.keys(given).filter((k) => !argumentKeys.includes(k));
  if (unknown.length > 0) {
    return refuse(vscode.l10n.t('Build Image does not know {0}; it takes {1}.', unknown.join(', '), argumentKeys.join(', ')));
  }
  const dockerfile = localPath(given.dockerfile);
  if (!dockerfile) return refuse(vscode.l10n.t('Build Image needs "dockerfile": the path or file: URI of a Dockerfile.'));
  const context = given.context === undefined ? defaultContext(dockerfile) : localPath(given.context);
  if (!context) return refuse(vscode.l10n.t('"context" must be a folder path or a file: URI.'));
  if (typeof given.tag !== 'string') return refuse(vscode.l10n.t('Build Image needs "tag": repository[:tag], e.g. myapp:1.0.'));
  const problem =
    tagProblem(given.tag) ??
    listProblem(given.buildArgs, 'buildArgs', buildArgProblem) ??
    listProblem(given.labels, 'labels', labelProblem) ??
    flagProblem(given.noCache, 'noCache') ??
    flagProblem(given.pull, 'pull') ??
    (given.target !== undefined && typeof given.target !== 'string' ? vscode.l10n.t('"target" must be a stage name.') : undefined) ??
    (typeof given.target === 'string' ? targetProblem(given.target) : undefined);
  if (problem) return refuse(problem);
  const scan = await readDockerfile(ctx, dockerfile);
  if (!scan) return undefined;
  if (typeof given.target === 'string') {
    const stageProblem = targetProblem(
      given.target,
      scan.stages.flatMap((s) => (s.name ? [s.name] : [])),
    );
    if (stageProblem) return refuse(stageProblem);
  }
  return {
    dockerfile,
    context,
    tag: given.tag.trim(),
    buildArgs: (given.buildArgs as string[] | undefined) ?? [],
    target: (given.target as string | undefined)?.trim(),
    noCache: given.noCache === true,
    pull: given.pull === true,
    labels: (given.labels as string[] | undefined) ?? [],
  };
}

function listProblem(value: unknown, name: string, problemOf: (v: string) => string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return vscode.l10n.t('"{0}" must be a list of strings.', name);
  for (const item of value as string[]) {
    const problem = problemOf(item);
    if (problem) return problem;
  }
  return undefined;
}

function flagProblem(value: unknown, name: string): string | undefined {
  return value === undefined || typeof value === 'boolean' ? undefined : vscode.l10n.t('"{0}" must be true or false.', name);
}

/** An absolute path on this machine from a path, a file: URI string or a Uri; undefined for anything else. */
function localPath(value: unknown): string | undefined {
  if (value instanceof vscode.Uri) return value.scheme === 'file' ? value.fsPath : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const uri = vscode.Uri.parse(value);
    return uri.scheme === 'file' ? uri.fsPath : undefined;
  }
  if (path.isAbsolute(value)) return path.normalize(value);
  const workspace = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return workspace ? path.join(workspace.uri.fsPath, value) : undefined;
}

/** Reads and scans the Dockerfile; refuses one that needs BuildKit, before anything is sent. */
async function readDockerfile(ctx: CommandContext, dockerfile: string): Promise<DockerfileScan | undefined> {
  let text: string;
  try {
    text = await fs.promises.readFile(dockerfile, 'utf8');
  } catch (err) {
    void ctx.ui.error(vscode.l10n.t('The Dockerfile {0} cannot be read ({1}).', dockerfile, (err as NodeJS.ErrnoException).code ?? String(err)));
    return undefined;
  }
  const scan = scanDockerfile(text);
  if (scan.buildKitOnly.length > 0) {
    const uses = scan.buildKitOnly.map((u) => vscode.l10n.t('line {0}: {1}', u.line, u.text)).join('; ');
    void ctx.ui.error(
      vscode.l10n.t(
        '{0} needs BuildKit ({1}), and Docker Explorer builds with the engine\'s legacy builder only, so nothing was sent. Build it with "docker buildx build" in a terminal, or remove those features.',
        path.basename(dockerfile),
        uses,
      ),
    );
    return undefined;
  }
  if (scan.stages.length === 0) {
    void ctx.ui.error(vscode.l10n.t('{0} has no FROM instruction, so there is nothing to build.', dockerfile));
    return undefined;
  }
  return scan;
}

async function runBuild(ctx: CommandContext, spec: BuildSpec, signal?: AbortSignal): Promise<string | undefined> {
  let files: BuildContextFiles;
  try {
    files = await readBuildContext(spec.context, spec.dockerfile);
  } catch (err) {
    void ctx.ui.error(err instanceof BuildContextError ? err.message : String(err));
    return undefined;
  }
  if (files.bytes > largeContextBytes) {
    const send = vscode.l10n.t('Send {0}', display().size(files.bytes));
    const answer = await ctx.ui.choose(
      vscode.l10n.t('The build context {0} is {1} ({2} files).', spec.context, display().size(files.bytes), files.files),
      vscode.l10n.t(
        'All of it is sent to the engine before the build starts. A .dockerignore in the context folder can leave out what the build does not need (node_modules, .git, build output).',
      ),
      [send],
    );
    if (answer !== send) return undefined;
  }
  if (!(await engineReady(ctx))) return undefined;
  ctx.log.command(commandLine(buildCommandWords(spec)));
  const session = new BuildTerminal(ctx.service, spec, files, ctx.engineDescription);
  // A docker command line, the same in every language.
  ctx.terminals.show(session, `docker build ${spec.tag}`, 'package');
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Building {0}', spec.tag), cancellable: true },
    async (_progress, token): Promise<BuildOutcome> => {
      const cancel = () => session.cancel();
      const subscription = token.onCancellationRequested(cancel);
      signal?.addEventListener('abort', cancel);
      if (signal?.aborted) cancel();
      try {
        const result = await session.outcome;
        // Returns when the engine is done: the step's container gone, not only the request closed.
        if (result.result === 'cancelled' && result.container) await waitForBuildStopped(ctx.service, result.container);
        return result;
      } finally {
        subscription.dispose();
        signal?.removeEventListener('abort', cancel);
      }
    },
  );
  return reportOutcome(ctx, spec, outcome);
}

async function reportOutcome(ctx: CommandContext, spec: BuildSpec, outcome: BuildOutcome): Promise<string | undefined> {
  if (outcome.result === 'cancelled') {
    ctx.log.info(vscode.l10n.t('Build of {0} cancelled; nothing was tagged.', spec.tag));
    void ctx.ui.info(vscode.l10n.t('Build of {0} cancelled; nothing was tagged.', spec.tag));
    return undefined;
  }
  if (outcome.result === 'failed') {
    const where = outcome.step ? vscode.l10n.t('step {0}/{1} ({2})', outcome.step.number, outcome.step.of, outcome.step.instruction) : vscode.l10n.t('the start');
    const message = vscode.l10n.t('The build of {0} failed at {1}: {2}', spec.tag, where, outcome.message);
    ctx.log.error(message);
    void ctx.ui.error(message);
    return undefined;
  }
  const id = outcome.imageId.startsWith('sha256:') ? outcome.imageId : (await ctx.service.inspectImage(outcome.imageId)).Id;
  ctx.log.info(vscode.l10n.t('Built {0} as {1}.', spec.tag, id));
  if (await imageInStore(ctx, id)) {
    await ctx.revealImage?.(id, spec.tag);
  }
  void ctx.ui.info(vscode.l10n.t('Built {0} ({1}).', spec.tag, id.replace(/^sha256:/, '').slice(0, 12)));
  return id;
}

/** Waits (a few seconds at most) for the events to bring the new image into the store, so its row can be revealed. */
function imageInStore(ctx: CommandContext, id: string, timeoutMs = 10_000): Promise<boolean> {
  if (ctx.store.images.has(id)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    const subscription = ctx.store.onChange(() => ctx.store.images.has(id) && done(true));
    function done(found: boolean) {
      clearTimeout(timer);
      subscription.dispose();
      resolve(found);
    }
  });
}
