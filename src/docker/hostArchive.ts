import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-stream';
import { relativeEntryPath } from './tarEntries';

/**
 * `docker cp` on the host's side: a container's archive unpacked as files and folders (never a
 * .tar left behind), and a host file or folder packed for `PUT archive`, streamed both ways.
 */

export interface ExtractResult {
  files: number;
  folders: number;
  links: number;
  /** Devices, pipes and entries that would land outside the destination: not written. */
  skipped: string[];
}

/** Unpacks the archive of one container path so that the path itself becomes `dest`. */
export function extractToHost(archive: NodeJS.ReadableStream, dest: string): Promise<ExtractResult> {
  const result: ExtractResult = { files: 0, folders: 0, links: 0, skipped: [] };
  const links: string[] = [];
  return new Promise((resolve, reject) => {
    const extract = tar.extract();
    const target = (name: string): string | undefined => {
      const relative = relativeEntryPath(name);
      const parts = relative === '' ? [] : relative.split('/');
      if (parts.some((p) => p === '..' || p === '')) {
        return undefined;
      }
      const where = path.join(dest, ...parts);
      // Never write through a link this archive made: it could point anywhere on the host.
      return links.some((l) => where.startsWith(`${l}${path.sep}`)) ? undefined : where;
    };
    extract.on('entry', (header, stream, next) => {
      const where = target(header.name);
      const done = (err?: unknown) => (err ? (extract.destroy(err as Error), reject(err)) : next());
      const skip = () => {
        result.skipped.push(header.name);
        stream.on('end', () => next());
        stream.resume();
      };
      if (!where) {
        skip();
        return;
      }
      const mode = (header.mode ?? 0o644) & 0o777;
      switch (header.type) {
        case 'directory':
          fs.promises.mkdir(where, { recursive: true }).then(() => {
            result.folders++;
            stream.on('end', () => next());
            stream.resume();
          }, done);
          return;
        case 'file':
        case 'contiguous-file':
          fs.promises
            .mkdir(path.dirname(where), { recursive: true })
            .then(() => pipeline(stream, fs.createWriteStream(where, { mode })))
            .then(() => {
              result.files++;
              next();
            }, done);
          return;
        case 'symlink':
          fs.promises.symlink(header.linkname ?? '', where).then(() => {
            result.links++;
            links.push(where);
            stream.on('end', () => next());
            stream.resume();
          }, done);
          return;
        case 'link': {
          const linked = header.linkname ? target(header.linkname) : undefined;
          if (!linked) {
            skip();
            return;
          }
          fs.promises.copyFile(linked, where).then(() => {
            result.files++;
            stream.on('end', () => next());
            stream.resume();
          }, done);
          return;
        }
        default:
          skip();
      }
    });
    extract.on('finish', () => resolve(result));
    extract.on('error', reject);
    archive.on('error', (err: Error) => (extract.destroy(err), reject(err)));
    archive.pipe(extract);
  });
}

/** A tar stream of a host file or folder under `name` (links as links), for `PUT archive` into a container folder. */
export function packHostPath(from: string, name: string): NodeJS.ReadableStream {
  const pack = tar.pack();
  const add = async (host: string, entryName: string): Promise<void> => {
    const stat = await fs.promises.lstat(host);
    const header = { name: entryName, mode: stat.mode & 0o7777, mtime: stat.mtime };
    if (stat.isSymbolicLink()) {
      await entry(pack, { ...header, type: 'symlink', linkname: await fs.promises.readlink(host) });
    } else if (stat.isDirectory()) {
      await entry(pack, { ...header, type: 'directory' });
      for (const child of (await fs.promises.readdir(host)).sort()) {
        await add(path.join(host, child), `${entryName}/${child}`);
      }
    } else if (stat.isFile()) {
      await new Promise<void>((resolve, reject) => {
        const sink = pack.entry({ ...header, type: 'file', size: stat.size }, (err) => (err ? reject(err) : resolve()));
        fs.createReadStream(host).on('error', reject).pipe(sink);
      });
    }
    // Sockets, pipes and devices on the host are not copied.
  };
  add(from, name).then(
    () => pack.finalize(),
    (err: Error) => pack.destroy(err),
  );
  return pack;
}

function entry(pack: tar.Pack, header: tar.Headers): Promise<void> {
  return new Promise((resolve, reject) => pack.entry(header, undefined, (err) => (err ? reject(err) : resolve())));
}

/** How many files and bytes a host path holds, for the message after an upload. */
export async function hostPathSize(from: string): Promise<{ files: number; bytes: number }> {
  const stat = await fs.promises.lstat(from);
  if (!stat.isDirectory()) {
    return { files: stat.isFile() ? 1 : 0, bytes: stat.isFile() ? stat.size : 0 };
  }
  let files = 0;
  let bytes = 0;
  for (const child of await fs.promises.readdir(from)) {
    const inner = await hostPathSize(path.join(from, child));
    files += inner.files;
    bytes += inner.bytes;
  }
  return { files, bytes };
}
