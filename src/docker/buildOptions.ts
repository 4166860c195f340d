import * as path from 'node:path';
import { stageNamePattern } from './dockerfile';
import { scrubSecrets } from './maskSecrets';
import { printable } from './shell';
import * as l10n from '@vscode/l10n';

/**
 * `docker build` options, each checked the way the docker CLI and the engine read it, before
 * any request. Messages quote what was typed (control characters as \xNN, secrets masked).
 */
export interface BuildSpec {
  /** Absolute path of the Dockerfile. */
  dockerfile: string;
  /** Absolute path of the context folder. */
  context: string;
  tag: string;
  /** NAME=value, as `--build-arg`. */
  buildArgs: string[];
  target?: string;
  noCache: boolean;
  pull: boolean;
  /** KEY=value, as `--label`. */
  labels: string[];
}

/** A build argument's name as a Dockerfile can use it ($NAME): a shell variable name. */
export const buildArgNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
const maxValueLength = 65_536;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const control = /[\x00-\x08\x0a-\x1f\x7f]/;

/** What is wrong with a `--build-arg NAME=value`, or undefined. */
export function buildArgProblem(value: string): string | undefined {
  return shown(
    pairProblem(value, buildArgMessages, (name) =>
      buildArgNamePattern.test(name)
        ? undefined
        : l10n.t('"{0}" is not a build argument name: use letters, digits and _, not starting with a digit (a name a Dockerfile can use as $NAME).', name),
    ),
  );
}

/** What is wrong with a `--label KEY=value`, or undefined. */
export function labelProblem(value: string): string | undefined {
  return shown(
    pairProblem(value, labelMessages, (key) => (/\s/.test(key) ? l10n.t('"{0}" is not a label key: a key has no spaces (e.g. com.example.team).', key) : undefined)),
  );
}

/** Messages quote what was typed: control characters as \xNN, secrets masked. */
function shown(message: string | undefined): string | undefined {
  return message === undefined ? undefined : printable(scrubSecrets(message));
}

/** What pairProblem says, one whole sentence per kind of pair (a build argument, a label). */
interface PairMessages {
  empty(): string;
  control(value: string): string;
  noEquals(value: string): string;
  noName(value: string): string;
  tooLong(name: string, max: number): string;
}

const buildArgMessages: PairMessages = {
  empty: () => l10n.t('The build argument is empty. Give NAME=value, e.g. VERSION=1.2.'),
  control: (value) => l10n.t('"{0}" contains a line break or a control character, which a build argument cannot carry.', value),
  noEquals: (value) => l10n.t('"{0}" has no "=": give NAME=value, e.g. VERSION=1.2.', value),
  noName: (value) => l10n.t('"{0}" has no name before "=": give NAME=value, e.g. VERSION=1.2.', value),
  tooLong: (name, max) => l10n.t('The build argument "{0}" is longer than {1} characters.', name, max),
};

const labelMessages: PairMessages = {
  empty: () => l10n.t('The label is empty. Give KEY=value, e.g. org.opencontainers.image.version=1.0.'),
  control: (value) => l10n.t('"{0}" contains a line break or a control character, which a label cannot carry.', value),
  noEquals: (value) => l10n.t('"{0}" has no "=": give KEY=value, e.g. org.opencontainers.image.version=1.0.', value),
  noName: (value) => l10n.t('"{0}" has no name before "=": give KEY=value, e.g. org.opencontainers.image.version=1.0.', value),
  tooLong: (name, max) => l10n.t('The label "{0}" is longer than {1} characters.', name, max),
};

function pairProblem(value: string, say: PairMessages, nameProblem: (name: string) => string | undefined): string | undefined {
  if (value.trim() === '') {
    return say.empty();
  }
  if (control.test(value)) {
    return say.control(value);
  }
  const eq = value.indexOf('=');
  if (eq < 0) {
    return say.noEquals(value);
  }
  const name = value.slice(0, eq);
  if (name === '') {
    return say.noName(value);
  }
  if (value.length > maxValueLength) {
    return say.tooLong(name, maxValueLength);
  }
  return nameProblem(name);
}

/**
 * What is wrong with a `--target`, or undefined. With the Dockerfile's stage names, a name it
 * does not have is refused too (the engine would only say so after the context was sent).
 */
export function targetProblem(value: string, stageNames?: readonly string[]): string | undefined {
  return shown(stageProblem(value, stageNames));
}

function stageProblem(value: string, stageNames?: readonly string[]): string | undefined {
  const name = value.trim();
  if (name === '') {
    return l10n.t('The target stage is empty. Give the name of a stage (FROM image AS name).');
  }
  if (!stageNamePattern.test(name.toLowerCase())) {
    return l10n.t('"{0}" is not a stage name: a stage name starts with a letter and has only letters, digits, -, _ and . (FROM image AS name).', value);
  }
  if (stageNames && !stageNames.includes(name.toLowerCase())) {
    return stageNames.length === 0
      ? l10n.t('The Dockerfile names no stages (FROM image AS name), so there is no target "{0}".', value)
      : l10n.t('The Dockerfile has no stage "{0}"; its stages are {1}.', value, stageNames.join(', '));
  }
  return undefined;
}

/** Whether `file` lies inside `folder` (the folder itself does not count). */
export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The Dockerfile's path as the engine's `dockerfile` parameter wants it: relative to the context, with / separators. */
export function dockerfileInContext(spec: Pick<BuildSpec, 'context' | 'dockerfile'>): string {
  return path.relative(spec.context, spec.dockerfile).split(path.sep).join('/');
}

/** The docker CLI line the build stands for. */
export function buildCommandWords(spec: BuildSpec): string[] {
  return [
    'docker',
    'build',
    '-t',
    spec.tag,
    '-f',
    spec.dockerfile,
    ...spec.buildArgs.flatMap((a) => ['--build-arg', a]),
    ...(spec.target ? ['--target', spec.target] : []),
    ...(spec.noCache ? ['--no-cache'] : []),
    ...(spec.pull ? ['--pull'] : []),
    ...spec.labels.flatMap((l) => ['--label', l]),
    spec.context,
  ];
}

/** NAME=value pairs as the engine's `buildargs` / `labels` objects (the first `=` splits). */
export function pairsToObject(pairs: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    result[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return result;
}

/** A repository name Docker accepts made from a folder's name: "My App" gives "my-app". */
export function repositoryFromFolder(folderName: string): string {
  const name = folderName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .replace(/[._-]{2,}/g, '-');
  return name === '' ? 'image' : name;
}
