import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildArgProblem, BuildSpec, labelProblem, repositoryFromFolder } from '../../docker/buildOptions';
import type { DockerfileScan } from '../../docker/dockerfile';
import { splitShellWords, shellQuote } from '../../docker/shell';
import type { CommandContext } from '../context';
import type { PickItem } from '../userInterface';
import { tagProblem } from './tagImage';

/** What a build remembers per Dockerfile (workspaceState), to offer the same choices next time. */
export type RememberedBuild = Omit<BuildSpec, 'dockerfile'>;

export function memoryKey(dockerfile: string): string {
  return `dockerExplorer.build.last:${dockerfile}`;
}

/** The context a Dockerfile builds in when nothing else is said: dockerExplorer.build.rootFolder. */
export function defaultContext(dockerfile: string): string {
  const folder = path.dirname(dockerfile);
  if (vscode.workspace.getConfiguration('dockerExplorer.build').get<string>('rootFolder', 'dockerfileFolder') === 'workspaceFolder') {
    const workspace = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dockerfile));
    if (workspace?.uri.scheme === 'file') return workspace.uri.fsPath;
  }
  return folder;
}

/** The workspace's Dockerfiles (Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*), for the palette. */
export async function pickDockerfile(ctx: CommandContext): Promise<string | undefined> {
  const found = await vscode.workspace.findFiles('**/{Dockerfile,Containerfile,*.Dockerfile,*.dockerfile,Dockerfile.*,Containerfile.*}', '**/node_modules/**', 500);
  const files = found.filter((u) => u.scheme === 'file').map((u) => u.fsPath);
  if (files.length === 0) {
    void ctx.ui.info(vscode.l10n.t('The workspace has no Dockerfile (Dockerfile, Containerfile, *.Dockerfile or Dockerfile.*) to build.'));
    return undefined;
  }
  files.sort();
  return ctx.ui.pick(
    files.map((file) => ({ label: vscode.workspace.asRelativePath(file), description: path.dirname(file), value: file })),
    { title: vscode.l10n.t('Build Image'), placeHolder: vscode.l10n.t('Dockerfile to build') },
  );
}

type BuildOption = { kind: 'noCache' } | { kind: 'pull' } | { kind: 'arg'; name: string } | { kind: 'target' } | { kind: 'labels' } | { kind: 'context' };

/**
 * The questions of Build Image...: the tag, then one pick of options (--no-cache, --pull, the
 * Dockerfile's own ARGs, --target with its stages, --label, another context folder), then a
 * question for each option that needs a value. Starts from what was chosen last time.
 */
export async function askBuildSpec(ctx: CommandContext, dockerfile: string, scan: DockerfileScan): Promise<BuildSpec | undefined> {
  const last = ctx.workspaceMemory?.get<RememberedBuild>(memoryKey(dockerfile));
  const title = vscode.l10n.t('Build {0}', vscode.workspace.asRelativePath(dockerfile));
  const tag = await ctx.ui.input({
    title,
    prompt: vscode.l10n.t('Tag for the new image: repository[:tag], e.g. myapp:1.0 (docker build -t).'),
    value: last?.tag ?? `${repositoryFromFolder(path.basename(path.dirname(dockerfile)))}:latest`,
    ignoreFocusOut: true,
    validateInput: tagProblem,
  });
  if (tag === undefined) return undefined;

  const lastArgs = new Map((last?.buildArgs ?? []).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
  const argNames = [...new Set(scan.args.map((a) => a.name))];
  const stages = scan.stages.filter((s) => s.name !== undefined);
  let context = last?.context ?? defaultContext(dockerfile);
  const items: PickItem<BuildOption>[] = [
    { label: '--no-cache', description: vscode.l10n.t('run every step again, not from the cache'), value: { kind: 'noCache' }, picked: last?.noCache },
    { label: '--pull', description: vscode.l10n.t('pull a newer version of each FROM image first'), value: { kind: 'pull' }, picked: last?.pull },
    ...argNames.map((name) => {
      const declared = scan.args.find((a) => a.name === name && a.defaultValue !== undefined)?.defaultValue;
      return {
        label: `--build-arg ${name}`,
        description: declared === undefined ? vscode.l10n.t('ARG with no default') : vscode.l10n.t('default: {0}', declared),
        value: { kind: 'arg', name } as BuildOption,
        picked: lastArgs.has(name),
      };
    }),
    ...(stages.length > 0
      ? [
          {
            label: '--target',
            description: vscode.l10n.t('build up to a stage: {0}', stages.map((s) => s.name).join(', ')),
            value: { kind: 'target' } as BuildOption,
            picked: !!last?.target,
          },
        ]
      : []),
    { label: '--label', description: vscode.l10n.t('add labels to the image (KEY=value)'), value: { kind: 'labels' }, picked: (last?.labels.length ?? 0) > 0 },
    { label: vscode.l10n.t('Context: {0}', context), description: vscode.l10n.t('choose another context folder'), value: { kind: 'context' } },
  ];
  const chosen = await ctx.ui.pick(items, { title, placeHolder: vscode.l10n.t('Options for docker build (none picked: a plain build)'), canPickMany: true });
  if (chosen === undefined) return undefined;
  const has = (kind: BuildOption['kind']) => chosen.some((o) => o.kind === kind);

  const buildArgs: string[] = [];
  for (const option of chosen) {
    if (option.kind !== 'arg') continue;
    const declared = scan.args.find((a) => a.name === option.name && a.defaultValue !== undefined)?.defaultValue;
    const value = await ctx.ui.input({
      title: `--build-arg ${option.name}`,
      prompt: vscode.l10n.t('Value of the build argument {0}', option.name),
      value: lastArgs.get(option.name) ?? declared ?? '',
      ignoreFocusOut: true,
      validateInput: (v) => buildArgProblem(`${option.name}=${v}`),
    });
    if (value === undefined) return undefined;
    buildArgs.push(`${option.name}=${value}`);
  }
  let target: string | undefined;
  if (has('target')) {
    target = await ctx.ui.pick(
      stages.map((s) => ({ label: s.name ?? '', description: `FROM ${s.base}`, value: s.name ?? '' })),
      { title: '--target', placeHolder: vscode.l10n.t('Stage to build up to') },
    );
    if (target === undefined) return undefined;
  }
  let labels: string[] = [];
  if (has('labels')) {
    const typed = await ctx.ui.input({
      title: '--label',
      prompt: vscode.l10n.t('Labels as KEY=value, separated by spaces (quote a value that has spaces).'),
      value: (last?.labels ?? []).map(shellQuote).join(' '),
      ignoreFocusOut: true,
      validateInput: labelsProblem,
    });
    if (typed === undefined || labelsProblem(typed)) return undefined;
    labels = splitShellWords(typed);
  }
  if (has('context')) {
    const picked = await ctx.ui.pick(
      contextChoices(dockerfile).map((folder) => ({ label: folder, description: folder === context ? vscode.l10n.t('current') : undefined, value: folder })),
      { title: vscode.l10n.t('Build context'), placeHolder: vscode.l10n.t('Folder whose files are sent to the engine (it must contain the Dockerfile)') },
    );
    if (picked === undefined) return undefined;
    context = picked;
  }
  return { dockerfile, context, tag, buildArgs, target, noCache: has('noCache'), pull: has('pull'), labels };
}

function labelsProblem(typed: string): string | undefined {
  let words: string[];
  try {
    words = splitShellWords(typed);
  } catch (err) {
    return (err as Error).message;
  }
  for (const word of words) {
    const problem = labelProblem(word);
    if (problem) return problem;
  }
  return undefined;
}

/** The Dockerfile's folder and the folders above it, up to its workspace folder (or five levels). */
function contextChoices(dockerfile: string): string[] {
  const workspace = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dockerfile))?.uri.fsPath;
  const choices: string[] = [];
  let folder = path.dirname(dockerfile);
  for (let i = 0; i < 16; i++) {
    choices.push(folder);
    const parent = path.dirname(folder);
    if (folder === workspace || parent === folder || (!workspace && i >= 4)) break;
    folder = parent;
  }
  return choices;
}
