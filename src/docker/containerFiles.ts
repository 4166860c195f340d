import { DockerError, toDockerError } from './errors';
import { extractToHost, ExtractResult, packHostPath } from './hostArchive';
import { baseName, joinContainerPath, parentOf } from './containerPath';
import { parsePathStat, type ContainerPathStat } from './pathStat';
import type { DockerService } from './service';
import { FolderEntry, listFolderArchive, packEntries, readFileArchive, ArchiveTooLargeError } from './tarEntries';
import * as l10n from '@vscode/l10n';

/**
 * A container's filesystem over the Engine API: `HEAD`/`GET`/`PUT /containers/{id}/archive`
 * (what `docker cp` uses), for running and stopped containers alike, plus an exec of `sh` to list a
 * running container's folder and of `rm` to delete. No vscode here: src/files turns it into a
 * FileSystemProvider and commands.
 *
 * Listing a folder: the archive of a folder is its whole subtree (the engine walks it depth first),
 * so a running container is asked through one exec of a `sh` loop that prints the first level only
 * (name and kind, a symlink's target kind too); a stopped, paused or shell-less one is read from the
 * archive, every byte of the subtree streamed but only the first level kept, stopped past a limit.
 */

export type FileKind = 'file' | 'directory' | 'symlink' | 'other';

export interface ContainerEntry {
  name: string;
  kind: FileKind;
  /** For a symlink: whether it leads to a folder (false when not known or broken). */
  toDirectory: boolean;
}

export interface ContainerFileStat {
  kind: FileKind;
  /** For a symlink: what it leads to, fully resolved in the container, and whether that is a folder. */
  linkTarget?: string;
  toDirectory: boolean;
  size: number;
  mtime: number;
  /** Permission bits (0o644). */
  permissions: number;
}

export type FileErrorCode = 'notFound' | 'containerGone' | 'notAFolder' | 'isAFolder' | 'readOnly' | 'permission' | 'tooLarge' | 'notRunning' | 'exists' | 'failed';

/** A file operation's failure, with what the user is told decided by its code. */
export class ContainerFileError extends Error {
  constructor(
    readonly code: FileErrorCode,
    readonly path: string,
    message: string,
    readonly size?: number,
  ) {
    super(message);
    this.name = 'ContainerFileError';
  }
}

/** How many bytes of a folder's archive a listing reads before it stops (a stopped container's big folder). */
export const listingLimitBytes = 256 * 1024 * 1024;
/** Reading a file into memory: beyond this, only Download (which streams to disk). */
export const readLimitBytes = 64 * 1024 * 1024;

// Go's os.FileMode bits, as the engine's path stat carries them.
const dirBit = 2 ** 31;
const symlinkBit = 2 ** 27;
const irregularBits = [2 ** 26, 2 ** 25, 2 ** 24, 2 ** 21, 2 ** 19];
const has = (mode: number, bit: number) => Math.floor(mode / bit) % 2 === 1;

export function kindOfMode(mode: number): FileKind {
  return has(mode, dirBit) ? 'directory' : has(mode, symlinkBit) ? 'symlink' : irregularBits.some((b) => has(mode, b)) ? 'other' : 'file';
}

/**
 * The listing script: one NUL-terminated record per entry, its kind letter then its name
 * (d folder, f file, l link to a file, L link to a folder, o other). Any POSIX sh will do.
 */
export const listScript =
  'cd -- "$1" || exit 3; for f in * .[!.]* ..?*; do ' +
  'if [ -L "$f" ]; then if [ -d "$f" ]; then t=L; else t=l; fi; ' +
  'elif [ -d "$f" ]; then t=d; elif [ -f "$f" ]; then t=f; elif [ -e "$f" ]; then t=o; else continue; fi; ' +
  'printf \'%s%s\\0\' "$t" "$f"; done';

/** Reads the listing script's output. */
export function parseListOutput(output: Buffer): ContainerEntry[] {
  const kinds: Record<string, [FileKind, boolean]> = { d: ['directory', false], f: ['file', false], l: ['symlink', false], L: ['symlink', true], o: ['other', false] };
  return output
    .toString('utf8')
    .split('\0')
    .filter((record) => record.length > 1 && kinds[record[0]])
    .map((record) => ({ name: record.slice(1), kind: kinds[record[0]][0], toDirectory: kinds[record[0]][1] }));
}

export class ContainerFiles {
  constructor(private readonly service: DockerService) {}

  /** `HEAD archive`: the path's stat (a symlink's target stat'ed too). */
  async stat(container: string, path: string): Promise<ContainerFileStat> {
    const stat = await this.rawStat(container, path);
    const kind = kindOfMode(stat.mode);
    let toDirectory = false;
    if (kind === 'symlink' && stat.linkTarget) {
      const target = await this.rawStat(container, stat.linkTarget).catch(() => undefined);
      toDirectory = !!target && kindOfMode(target.mode) === 'directory';
    }
    return { kind, linkTarget: stat.linkTarget || undefined, toDirectory, size: stat.size, mtime: 0, permissions: stat.mode & 0o777 };
  }

  /** The stat, or undefined when nothing is at the path (the container itself must exist). */
  async exists(container: string, path: string): Promise<ContainerFileStat | undefined> {
    try {
      return await this.stat(container, path);
    } catch (err) {
      if (err instanceof ContainerFileError && err.code === 'notFound') {
        return undefined;
      }
      throw err;
    }
  }

  /** One folder's entries; `running` says the exec is worth trying. */
  async list(container: string, folder: string, running: boolean): Promise<{ entries: ContainerEntry[]; via: 'exec' | 'archive'; truncated: boolean }> {
    if (running) {
      const listed = await this.service.execCapture(container, ['sh', '-c', listScript, 'sh', folder]).catch(() => undefined);
      if (listed && listed.exitCode === 0 && !listed.cut) {
        return { entries: parseListOutput(listed.stdout), via: 'exec', truncated: false };
      }
      // No sh, no permission for the container's user, or it stopped meanwhile: the archive still answers.
    }
    const archive = await this.archive(container, folder);
    const listing = await listFolderArchive(archive, folder, listingLimitBytes);
    if (listing.entries.length === 0 && !(await this.isFolder(container, folder))) {
      throw new ContainerFileError('notAFolder', folder, l10n.t('{0} is not a folder', folder));
    }
    return { entries: listing.entries.map(toEntry), via: 'archive', truncated: listing.truncated };
  }

  /** The bytes of a file (a symlink read through to its target), refused over `maxBytes`. */
  async read(container: string, path: string, maxBytes = readLimitBytes): Promise<Uint8Array> {
    const stat = await this.stat(container, path);
    const target = stat.kind === 'symlink' && stat.linkTarget ? stat.linkTarget : path;
    if (stat.toDirectory || stat.kind === 'directory') {
      throw new ContainerFileError('isAFolder', path, l10n.t('{0} is a folder', path));
    }
    try {
      return (await readFileArchive(await this.archive(container, target), maxBytes)).data;
    } catch (err) {
      if (err instanceof ArchiveTooLargeError) {
        throw new ContainerFileError('tooLarge', path, err.message, err.size);
      }
      throw err;
    }
  }

  /**
   * Writes a file (`PUT archive` of a one-entry tar into its folder), keeping the mode and owner
   * of the file it replaces (the engine takes the owner from the tar with copyUIDGID).
   */
  async write(container: string, path: string, data: Uint8Array): Promise<void> {
    const folder = parentOf(path);
    const existing = await this.exists(container, path);
    if (existing && (existing.kind === 'directory' || existing.toDirectory)) {
      throw new ContainerFileError('isAFolder', path, l10n.t('{0} is a folder', path));
    }
    const target = existing?.kind === 'symlink' && existing.linkTarget ? existing.linkTarget : path;
    let owner: { uid?: number; gid?: number; mode?: number } = {};
    if (existing) {
      owner = await this.ownerOf(container, target).catch(() => ({}));
    }
    const tar = await packEntries([{ name: baseName(target), type: 'file', data, mode: owner.mode ?? existing?.permissions ?? 0o644, ...owner }]);
    await this.put(container, parentOf(target) || folder, tar, path);
  }

  /** An empty file or folder, refused when something is there already. */
  async create(container: string, path: string, type: 'file' | 'directory'): Promise<void> {
    if (await this.exists(container, path)) {
      throw new ContainerFileError('exists', path, l10n.t('{0} exists already', path));
    }
    const folder = parentOf(path);
    const tar = await packEntries([{ name: baseName(path), type, data: new Uint8Array() }]);
    await this.put(container, folder, tar, path);
  }

  /** `rm -rf -- PATH` through an exec: the archive API can add but not delete, so a stopped container cannot. */
  async remove(container: string, path: string): Promise<void> {
    let result: { exitCode: number | null; stderr: string };
    try {
      result = await this.service.execCapture(container, ['rm', '-rf', '--', path]);
    } catch (err) {
      throw this.mapped(err, path);
    }
    if (result.exitCode !== 0) {
      // rm's own words on stderr, as the container's rm wrote them.
      const reason = result.stderr.trim() || l10n.t('rm exited with {0}', String(result.exitCode));
      throw new ContainerFileError(/denied|not permitted|read-only/i.test(reason) ? 'permission' : 'failed', path, reason);
    }
  }

  /** `docker cp CONTAINER:PATH DEST`: the path becomes DEST on the host (a folder as a folder). */
  async download(container: string, path: string, dest: string): Promise<ExtractResult> {
    return extractToHost(await this.archive(container, path), dest);
  }

  /** `docker cp SRC CONTAINER:FOLDER`: the host file or folder lands in FOLDER under `name`. */
  async upload(container: string, from: string, folder: string, name: string): Promise<void> {
    const stat = await this.exists(container, folder);
    if (!stat) {
      throw new ContainerFileError('notFound', folder, l10n.t('{0} does not exist', folder));
    }
    if (stat.kind !== 'directory' && !stat.toDirectory) {
      throw new ContainerFileError('notAFolder', folder, l10n.t('{0} is not a folder', folder));
    }
    await this.put(container, folder, packHostPath(from, name), joinContainerPath(folder, name));
  }

  private async put(container: string, folder: string, tar: Buffer | NodeJS.ReadableStream, path: string): Promise<void> {
    try {
      await this.service.putArchive(container, folder, tar);
    } catch (err) {
      throw this.mapped(err, path);
    }
  }

  private async ownerOf(container: string, path: string): Promise<{ uid?: number; gid?: number; mode?: number }> {
    const { entry } = await readFileArchive(await this.archive(container, path), readLimitBytes);
    return { uid: entry.uid, gid: entry.gid, mode: entry.mode & 0o7777 };
  }

  private async isFolder(container: string, path: string): Promise<boolean> {
    const stat = await this.stat(container, path);
    return stat.kind === 'directory' || stat.toDirectory;
  }

  private async archive(container: string, path: string): Promise<NodeJS.ReadableStream> {
    try {
      return await this.service.getArchive(container, path);
    } catch (err) {
      throw this.mapped(err, path);
    }
  }

  private async rawStat(container: string, path: string): Promise<ContainerPathStat> {
    let stat: ContainerPathStat | undefined;
    try {
      stat = await this.service.statPath(container, path);
    } catch (err) {
      throw this.mapped(err, path);
    }
    if (!stat) {
      // A HEAD answer has no body: "no such file" and "no such container" look alike. Ask which.
      const gone = !(await this.service.findContainer(container).catch(() => ({})));
      throw gone
        ? new ContainerFileError('containerGone', path, l10n.t('the container {0} does not exist any more', container))
        : new ContainerFileError('notFound', path, l10n.t('{0} does not exist in the container', path));
    }
    return stat;
  }

  /** The engine's refusal in the words of a file operation: its message stays the engine's own. */
  private mapped(err: unknown, path: string): Error {
    if (err instanceof ContainerFileError) {
      return err;
    }
    const error = toDockerError(err);
    const message = error.message;
    if (/no such container/i.test(message)) {
      return new ContainerFileError('containerGone', path, message);
    }
    if (/read-only|readonly/i.test(message)) {
      return new ContainerFileError('readOnly', path, message);
    }
    if (error.statusCode === 403 || /permission denied|not permitted/i.test(message)) {
      return new ContainerFileError('permission', path, message);
    }
    if (/is not running|is paused|is restarting/i.test(message)) {
      return new ContainerFileError('notRunning', path, message);
    }
    if (error.code === 'notFound') {
      return new ContainerFileError('notFound', path, message);
    }
    if (/not a directory/i.test(message)) {
      return new ContainerFileError('notAFolder', path, message);
    }
    return error instanceof DockerError ? error : new ContainerFileError('failed', path, message);
  }
}

function toEntry(e: FolderEntry): ContainerEntry {
  return { name: e.name, kind: e.type, toDirectory: e.type === 'symlink' && e.targetIsDirectory === true };
}

/** A file's stat from its path stat header (exported for the tests of the header's reading). */
export function statFromHeader(header: string): ContainerFileStat | undefined {
  const stat = parsePathStat(header);
  return stat && { kind: kindOfMode(stat.mode), linkTarget: stat.linkTarget || undefined, toDirectory: false, size: stat.size, mtime: 0, permissions: stat.mode & 0o777 };
}
