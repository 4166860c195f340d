import * as path from 'node:path';
import { stageNamePattern } from './dockerfile';
import { scrubSecrets } from './maskSecrets';
import { printable } from './shell';

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
    pairProblem(value, 'build argument', 'NAME=value, e.g. VERSION=1.2', (name) =>
      buildArgNamePattern.test(name)
        ? undefined
        : `"${name}" is not a build argument name: use letters, digits and _, not starting with a digit (a name a Dockerfile can use as $NAME).`,
    ),
  );
}

/** What is wrong with a `--label KEY=value`, or undefined. */
export function labelProblem(value: string): string | undefined {
  return shown(
    pairProblem(value, 'label', 'KEY=value, e.g. org.opencontainers.image.version=1.0', (key) =>
      /\s/.test(key) ? `"${key}" is not a label key: a key has no spaces (e.g. com.example.team).` : undefined,
    ),
  );
}

/** Messages quote what was typed: control characters as \xNN, secrets masked. */
function shown(message: string | undefined): string | undefined {
  return message === undefined ? undefined : printable(scrubSecrets(message));
}

function pairProblem(value: string, what: string, shape: string, nameProblem: (name: string) => string | undefined): string | undefined {
  if (value.trim() === '') {
    return `The ${what} is empty. Give ${shape}.`;
  }
  if (control.test(value)) {
    return `"${value}" contains a line break or a control character, which a ${what} cannot carry.`;
  }
  const eq = value.indexOf('=');
  if (eq < 0) {
    return `"${value}" has no "=": give ${shape}.`;
  }
  const name = value.slice(0, eq);
  if (name === '') {
    return `"${value}" has no name before "=": give ${shape}.`;
  }
  if (value.length > maxValueLength) {
    return `The ${what} "${name}" is longer than ${maxValueLength} characters.`;
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
    return 'The target stage is empty. Give the name of a stage (FROM image AS name).';
  }
  if (!stageNamePattern.test(name.toLowerCase())) {
    return `"${value}" is not a stage name: a stage name starts with a letter and has only letters, digits, -, _ and . (FROM image AS name).`;
  }
  if (stageNames && !stageNames.includes(name.toLowerCase())) {
    return stageNames.length === 0
      ? `The Dockerfile names no stages (FROM image AS name), so there is no target "${value}".`
      : `The Dockerfile has no stage "${value}"; its stages are ${stageNames.join(', ')}.`;
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
