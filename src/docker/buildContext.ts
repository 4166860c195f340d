import DockerIgnore from '@balena/dockerignore';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside } from './buildOptions';
import * as l10n from '@vscode/l10n';

/**
 * What a build sends: the context folder's files that .dockerignore leaves in, as dockerode's
 * buildImage({ context, src }) packs them (tar-fs, filtered by @balena/dockerignore on each
 * entry). Walked first, so a missing folder, a Dockerfile outside it or a file tar cannot read
 * is said before anything is sent, and the size is known before the upload.
 */
export interface BuildContextFiles {
  /** Paths relative to the context, with / separators: dockerode's `src`. */
  entries: string[];
  /** Regular files among them and their bytes (before compression). */
  files: number;
  bytes: number;
}

export type BuildContextProblem = 'missingContext' | 'notAFolder' | 'dockerfileOutside' | 'missingDockerfile' | 'dockerfileIgnored' | 'unreadable';

export class BuildContextError extends Error {
  constructor(
    readonly problem: BuildContextProblem,
    /** The path the problem is about (absolute). */
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'BuildContextError';
  }
}

export async function readBuildContext(context: string, dockerfile: string): Promise<BuildContextFiles> {
  const folder = await statOrUndefined(context);
  if (!folder) {
    throw new BuildContextError('missingContext', context, l10n.t('The build context folder {0} does not exist.', context));
  }
  if (!folder.isDirectory()) {
    throw new BuildContextError('notAFolder', context, l10n.t('The build context {0} is not a folder.', context));
  }
  if (!isInside(context, dockerfile)) {
    throw new BuildContextError(
      'dockerfileOutside',
      dockerfile,
      l10n.t(
        'The Dockerfile {0} is outside the build context {1}: the engine only sees the context, so choose a context folder that contains the Dockerfile.',
        dockerfile,
        context,
      ),
    );
  }
  if (!(await statOrUndefined(dockerfile))?.isFile()) {
    throw new BuildContextError('missingDockerfile', dockerfile, l10n.t('The Dockerfile {0} does not exist.', dockerfile));
  }
  const ignore = await readDockerignore(context);
  const dockerfileEntry = path.relative(context, dockerfile).split(path.sep).join('/');
  if (ignore?.ignores(dockerfileEntry)) {
    throw new BuildContextError(
      'dockerfileIgnored',
      dockerfile,
      l10n.t('The .dockerignore of {0} leaves out the Dockerfile {1}, so the engine would not find it. Add the line !{1} to .dockerignore.', context, dockerfileEntry),
    );
  }
  const result: BuildContextFiles = { entries: [], files: 0, bytes: 0 };
  await walk(context, '', ignore, result);
  return result;
}

interface Ignore {
  ignores(path: string): boolean;
  /** A rule starting with "!" may take back a path inside an excluded folder, so that folder is walked anyway. */
  hasExceptions: boolean;
}

async function readDockerignore(context: string): Promise<Ignore | undefined> {
  let text: string;
  try {
    text = await fs.promises.readFile(path.join(context, '.dockerignore'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unreadable(path.join(context, '.dockerignore'), err);
  }
  // The options dockerode itself uses, so what is measured here is what it sends.
  const rules = DockerIgnore({ ignorecase: false }).add(text);
  const filter = rules.createFilter();
  return { ignores: (p) => !filter(p), hasExceptions: text.split(/\r?\n/).some((l) => l.trim().startsWith('!')) };
}

async function walk(context: string, relative: string, ignore: Ignore | undefined, into: BuildContextFiles): Promise<void> {
  const absolute = path.join(context, relative);
  let children: fs.Dirent[];
  try {
    children = await fs.promises.readdir(absolute, { withFileTypes: true });
  } catch (err) {
    throw unreadable(absolute, err);
  }
  if (children.length === 0 && relative !== '' && !ignore?.ignores(relative)) {
    into.entries.push(relative); // an empty folder still goes, as the docker CLI sends it
  }
  for (const child of children) {
    const entry = relative === '' ? child.name : `${relative}/${child.name}`;
    const ignored = ignore?.ignores(entry) ?? false;
    if (child.isDirectory()) {
      if (!ignored || ignore?.hasExceptions) await walk(context, entry, ignore, into);
      continue;
    }
    if (ignored || child.isSocket()) continue; // tar-fs skips sockets, as tar has no type for them
    const file = path.join(context, entry);
    if (child.isFIFO() || child.isBlockDevice() || child.isCharacterDevice()) {
      throw new BuildContextError('unreadable', file, l10n.t('{0} is a named pipe or a device, which cannot be sent in a build context. Add it to .dockerignore.', file));
    }
    if (child.isFile()) {
      try {
        await fs.promises.access(file, fs.constants.R_OK);
        into.bytes += (await fs.promises.lstat(file)).size;
      } catch (err) {
        throw unreadable(file, err);
      }
      into.files++;
    }
    into.entries.push(entry);
  }
}

function unreadable(file: string, err: unknown): BuildContextError {
  // The system's own code (EACCES) or message, as Node gives it.
  const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  return new BuildContextError(
    'unreadable',
    file,
    l10n.t('{0} in the build context cannot be read ({1}), so the context cannot be sent. Fix its permissions or add it to .dockerignore.', file, reason),
  );
}

async function statOrUndefined(file: string): Promise<fs.Stats | undefined> {
  try {
    return await fs.promises.stat(file);
  } catch {
    return undefined;
  }
}
