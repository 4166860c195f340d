import * as tar from 'tar-stream';
import * as l10n from '@vscode/l10n';

/**
 * The archive endpoints speak tar: `GET /containers/{id}/archive?path=P` answers with P (a file, or
 * a folder and its whole subtree) under its own name, `PUT` unpacks a tar into a folder. These are
 * the readers and writers of those tars; they know no engine, so the unit tests feed them tars.
 */

export type EntryType = 'file' | 'directory' | 'symlink' | 'other';

export interface FolderEntry {
  name: string;
  type: EntryType;
  /** For a symlink: where it points, as written in the link. */
  linkTarget?: string;
  /** For a symlink: whether what it points to is a folder (undefined when the tar could not tell). */
  targetIsDirectory?: boolean;
  size: number;
  mode: number;
  mtime: number;
  uid?: number;
  gid?: number;
}

function entryType(type: tar.Headers['type']): EntryType {
  switch (type) {
    case 'file':
    case 'contiguous-file':
    case 'link':
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    default:
      return 'other';
  }
}

/**
 * The entry's path below the archived item: "etc/passwd" in the archive of /etc is "passwd";
 * the archive of "/" names its entries "/bin", "/bin/sh". "" is the item itself.
 */
export function relativeEntryPath(name: string): string {
  const trimmed = name.replace(/\/+$/, '');
  if (trimmed.startsWith('/')) {
    return trimmed.slice(1);
  }
  const cut = trimmed.indexOf('/');
  return cut < 0 ? '' : trimmed.slice(cut + 1);
}

export interface FolderListing {
  entries: FolderEntry[];
  /** The listing stopped after `maxBytes` of archive: the rest of the folder was not seen. */
  truncated: boolean;
  /** How many bytes of tar were read. */
  bytesRead: number;
}

/**
 * The first level of a folder from its archive. The engine sends the whole subtree in walk order,
 * so every byte is read (file bodies are skipped, not kept); a symlink's target kind is found in
 * the same archive when it points inside it. Stops, and says so, after `maxBytes`.
 */
export function listFolderArchive(archive: NodeJS.ReadableStream, folder: string, maxBytes: number): Promise<FolderListing> {
  return new Promise((resolve, reject) => {
    const extract = tar.extract();
    const entries = new Map<string, FolderEntry>();
    const directories = new Set<string>();
    let bytesRead = 0;
    let done = false;
    const finish = (truncated: boolean) => {
      if (done) return;
      done = true;
      for (const entry of entries.values()) {
        if (entry.type === 'symlink' && entry.linkTarget !== undefined) {
          const inside = resolveLink(folder, entry.linkTarget);
          if (inside !== undefined && (directories.has(inside) || entries.has(inside))) {
            entry.targetIsDirectory = directories.has(inside);
          }
        }
      }
      resolve({ entries: [...entries.values()], truncated, bytesRead });
    };
    archive.on('data', (chunk: Buffer) => {
      bytesRead += chunk.length;
      if (bytesRead > maxBytes && !done) {
        finish(true);
        (archive as unknown as { destroy?(): void }).destroy?.();
        extract.destroy();
      }
    });
    archive.on('error', (err: Error) => (done ? undefined : ((done = true), reject(err))));
    extract.on('entry', (header, stream, next) => {
      const relative = relativeEntryPath(header.name);
      if (relative !== '') {
        const type = entryType(header.type);
        if (type === 'directory') {
          directories.add(relative);
        }
        if (!relative.includes('/')) {
          entries.set(relative, {
            name: relative,
            type,
            linkTarget: type === 'symlink' ? (header.linkname ?? '') : undefined,
            size: header.size ?? 0,
            mode: header.mode ?? 0,
            mtime: header.mtime?.getTime() ?? 0,
          });
        }
      }
      stream.on('end', () => next());
      stream.resume();
    });
    extract.on('finish', () => finish(false));
    extract.on('error', (err) => (done ? undefined : ((done = true), reject(err))));
    archive.pipe(extract);
  });
}

/** A link's target as a path relative to the listed folder, when it stays inside it ("busybox" from /bin to "/bin/busybox"). */
function resolveLink(folder: string, target: string): string | undefined {
  const base = folder === '/' ? '' : folder;
  const absolute = target.startsWith('/') ? target : `${base}/${target}`;
  const parts: string[] = [];
  for (const part of absolute.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  const resolved = `/${parts.join('/')}`;
  const prefix = base === '' ? '/' : `${base}/`;
  return resolved.startsWith(prefix) ? resolved.slice(prefix.length) : undefined;
}

export class ArchiveTooLargeError extends Error {
  constructor(readonly size: number) {
    super(l10n.t('the file is larger than the limit ({0} bytes)', size));
    this.name = 'ArchiveTooLargeError';
  }
}

/** The one file in the archive of a file: its bytes and header. Refuses (ArchiveTooLargeError) over `maxBytes`. */
export function readFileArchive(archive: NodeJS.ReadableStream, maxBytes: number): Promise<{ data: Uint8Array; entry: FolderEntry }> {
  return new Promise((resolve, reject) => {
    const extract = tar.extract();
    let result: { data: Uint8Array; entry: FolderEntry } | undefined;
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      (archive as unknown as { destroy?(): void }).destroy?.();
      extract.destroy();
      reject(err);
    };
    extract.on('entry', (header, stream, next) => {
      if (result || failed) {
        stream.on('end', () => next());
        stream.resume();
        return;
      }
      const size = header.size ?? 0;
      if (size > maxBytes) {
        fail(new ArchiveTooLargeError(size));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        result = {
          data: new Uint8Array(Buffer.concat(chunks)),
          entry: {
            name: relativeEntryPath(header.name) || header.name.replace(/\/+$/, ''),
            type: entryType(header.type),
            linkTarget: header.linkname ?? undefined,
            size,
            mode: header.mode ?? 0,
            mtime: header.mtime?.getTime() ?? 0,
            uid: header.uid,
            gid: header.gid,
          },
        };
        next();
      });
    });
    extract.on('finish', () => (failed ? undefined : result ? resolve(result) : reject(new Error(l10n.t('the archive holds no file')))));
    extract.on('error', fail);
    archive.on('error', fail);
    archive.pipe(extract);
  });
}

export interface PackedEntry {
  /** Relative to the folder the tar is unpacked into ("name", "dir/name"). */
  name: string;
  type: 'file' | 'directory' | 'symlink';
  data?: Uint8Array;
  mode?: number;
  linkTarget?: string;
  mtime?: Date;
  uid?: number;
  gid?: number;
}

/** A tar of the given entries, in order, for `PUT /containers/{id}/archive`. */
export function packEntries(entries: readonly PackedEntry[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pack = tar.pack();
    const chunks: Buffer[] = [];
    pack.on('data', (c: Buffer) => chunks.push(c));
    pack.on('end', () => resolve(Buffer.concat(chunks)));
    pack.on('error', reject);
    const add = (i: number) => {
      if (i >= entries.length) {
        pack.finalize();
        return;
      }
      const e = entries[i];
      const header: tar.Headers = {
        name: e.name,
        type: e.type,
        mode: e.mode ?? (e.type === 'directory' ? 0o755 : 0o644),
        mtime: e.mtime ?? new Date(),
        linkname: e.type === 'symlink' ? e.linkTarget : undefined,
        uid: e.uid ?? 0,
        gid: e.gid ?? 0,
      };
      pack.entry(header, e.type === 'file' ? Buffer.from(e.data ?? new Uint8Array()) : undefined, (err) => (err ? reject(err) : add(i + 1)));
    };
    add(0);
  });
}
