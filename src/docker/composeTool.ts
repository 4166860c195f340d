// The real compose tool: where it is (found without running anything), the command line that
// runs it, and the environment that points it at the engine the views use. No vscode import.
import * as path from 'node:path';
import type { EngineEndpoint } from './connection';
import * as l10n from '@vscode/l10n';

/** `docker compose` (the CLI plugin, run through the docker CLI) or the standalone `docker-compose`. */
export type ComposeTool = { kind: 'plugin'; docker: string; plugin: string } | { kind: 'standalone'; path: string };

export interface ToolSearch {
  env: Record<string, string | undefined>;
  homedir: string;
  /** True for an executable regular file (or a symlink to one). */
  isExecutable(file: string): boolean;
}

/** Where the docker CLI looks for its plugins, in its own order: the user's config first. */
export function pluginDirectories(env: Record<string, string | undefined>, homedir: string): string[] {
  const config = env.DOCKER_CONFIG?.trim() || path.join(homedir, '.docker');
  return [
    path.join(config, 'cli-plugins'),
    '/usr/local/lib/docker/cli-plugins',
    '/usr/local/libexec/docker/cli-plugins',
    '/usr/lib/docker/cli-plugins',
    '/usr/libexec/docker/cli-plugins',
  ];
}

/** The first executable `name` on PATH, as a shell would find it. */
export function onPath(name: string, search: ToolSearch): string | undefined {
  for (const dir of (search.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') {
      continue;
    }
    const candidate = path.join(dir, name);
    if (search.isExecutable(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

/** The plugin when the docker CLI and its compose plugin are both there, else docker-compose on PATH. */
export function findComposeTool(search: ToolSearch): ComposeTool | undefined {
  const docker = onPath('docker', search);
  const plugin = docker
    ? pluginDirectories(search.env, search.homedir)
        .map((d) => path.join(d, 'docker-compose'))
        .find((f) => search.isExecutable(f))
    : undefined;
  if (docker && plugin) {
    return { kind: 'plugin', docker, plugin };
  }
  const standalone = onPath('docker-compose', search);
  return standalone ? { kind: 'standalone', path: standalone } : undefined;
}

/** What the output channel says about the tool it found. */
export function describeTool(tool: ComposeTool): string {
  return tool.kind === 'plugin' ? l10n.t('docker compose (plugin {0}, through {1})', tool.plugin, tool.docker) : `docker-compose (${tool.path})`;
}

export interface ComposeInvocation {
  /** The compose files, first the main one, then overrides (`-f` each). */
  files: string[];
  projectDirectory: string;
  /** `-p NAME`, when the setting gives one. */
  projectName?: string;
  /** `--profile P` for each, before the subcommand. */
  profiles?: string[];
  /** The subcommand and its arguments: `['up', '-d']`. */
  verb: string[];
}

/** The program and its arguments: `docker compose -f FILE --project-directory DIR [-p NAME] up -d`. */
export function composeCommand(tool: ComposeTool, invocation: ComposeInvocation): { program: string; args: string[] } {
  const options = [
    ...invocation.files.flatMap((f) => ['-f', f]),
    '--project-directory',
    invocation.projectDirectory,
    ...(invocation.projectName ? ['-p', invocation.projectName] : []),
    ...(invocation.profiles ?? []).flatMap((p) => ['--profile', p]),
    ...invocation.verb,
  ];
  return tool.kind === 'plugin' ? { program: tool.docker, args: ['compose', ...options] } : { program: tool.path, args: options };
}

/** The words people would type: the program by its name, not its path. */
export function displayWords(tool: ComposeTool, command: { program: string; args: string[] }): string[] {
  return [tool.kind === 'plugin' ? 'docker' : 'docker-compose', ...command.args];
}

/**
 * The variables that point the compose tool at the engine the views use, passed explicitly:
 * the terminal's own environment may name another engine or context.
 */
export function engineEnvironment(endpoint: EngineEndpoint, env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  if (endpoint.source === 'context' && endpoint.contextName) {
    out.DOCKER_CONTEXT = endpoint.contextName;
  } else {
    out.DOCKER_HOST = endpoint.host;
  }
  for (const name of ['DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_CONFIG']) {
    const value = env[name];
    if (value !== undefined && value !== '') {
      out[name] = value;
    }
  }
  return out;
}

/** What is wrong with a name compose would refuse; the commands word it for people. */
export type NameProblem = 'empty' | 'tooLong' | 'projectStart' | 'projectCharacters' | 'serviceCharacters';

/** Compose's rule for a project name: lowercase letters, digits, dashes and underscores, starting with a letter or digit. */
export function projectNameProblem(name: string): NameProblem | undefined {
  if (name === '') {
    return 'empty';
  }
  if (name.length > 200) {
    return 'tooLong';
  }
  if (!/^[a-z0-9]/.test(name)) {
    return 'projectStart';
  }
  return /^[a-z0-9][a-z0-9_-]*$/.test(name) ? undefined : 'projectCharacters';
}

/** compose.yaml, compose.yml, docker-compose.yml/.yaml and their overrides (compose.override.yaml, docker-compose.prod.yml). */
export function isComposeFileName(fileName: string): boolean {
  return /^(docker-)?compose(\.[\w-]+)*\.ya?ml$/.test(path.basename(fileName));
}

/**
 * The project name compose gives a directory when no -p, COMPOSE_PROJECT_NAME or `name:` says
 * otherwise: the plugin keeps lowercase letters, digits, dashes and underscores; docker-compose 1.x
 * only letters and digits.
 */
export function defaultProjectName(directory: string, tool: ComposeTool['kind']): string {
  const base = path.basename(directory).toLowerCase();
  return tool === 'plugin' ? base.replace(/[^a-z0-9_-]/g, '').replace(/^[_-]+/, '') : base.replace(/[^a-z0-9]/g, '');
}

/** Compose's rule for a service or profile name: letters, digits, dots, dashes and underscores. */
export function serviceNameProblem(name: string): NameProblem | undefined {
  return /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/.test(name) ? undefined : 'serviceCharacters';
}

/**
 * The files compose reads for `file`, as it would without -f: a main file with the override beside
 * it (compose.override.yaml), or for an override (docker-compose.prod.yml) the main file first.
 */
export function composeFileSet(file: string, exists: (p: string) => boolean): string[] {
  const dir = path.dirname(file);
  const m = /^((?:docker-)?compose)((?:\.[\w-]+)*)\.(ya?ml)$/.exec(path.basename(file));
  if (!m) {
    return [file];
  }
  const [, stem, middle, ext] = m;
  if (middle === '') {
    const override = [`${stem}.override.${ext}`, `${stem}.override.${ext === 'yml' ? 'yaml' : 'yml'}`].map((n) => path.join(dir, n)).find(exists);
    return override ? [file, override] : [file];
  }
  const main = [`${stem}.yaml`, `${stem}.yml`].map((n) => path.join(dir, n)).find(exists);
  return main ? [main, file] : [file];
}
