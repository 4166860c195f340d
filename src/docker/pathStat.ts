/**
 * A path in a container's filesystem as `HEAD /containers/{id}/archive` describes it: the
 * X-Docker-Container-Path-Stat header, base64 of JSON with Go's os.FileMode bits.
 */
export interface ContainerPathStat {
  name: string;
  size: number;
  mode: number;
  /** For a symbolic link: where it leads, fully resolved inside the container; else ''. */
  linkTarget: string;
}

// Go's os.FileMode type bits: directory, symlink, device, named pipe, socket, char device, irregular.
const symlinkBit = 2 ** 27;
const typeBits = [2 ** 31, symlinkBit, 2 ** 26, 2 ** 25, 2 ** 24, 2 ** 21, 2 ** 19];
const hasBit = (mode: number, bit: number) => Math.floor(mode / bit) % 2 === 1;

/** Reads the header; undefined when it is missing or not what the engine sends. */
export function parsePathStat(header: string | string[] | undefined): ContainerPathStat | undefined {
  if (typeof header !== 'string' || header === '') {
    return undefined;
  }
  try {
    const stat = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as Partial<ContainerPathStat>;
    if (typeof stat.mode !== 'number') {
      return undefined;
    }
    return { name: String(stat.name ?? ''), size: Number(stat.size ?? 0), mode: stat.mode, linkTarget: String(stat.linkTarget ?? '') };
  } catch {
    return undefined;
  }
}

export function isSymlink(stat: ContainerPathStat): boolean {
  return hasBit(stat.mode, symlinkBit);
}

/** A regular file with an execute bit for anyone (what `test -x` answers for root). */
export function isExecutableFile(stat: ContainerPathStat): boolean {
  return !typeBits.some((bit) => hasBit(stat.mode, bit)) && (stat.mode & 0o111) !== 0;
}
