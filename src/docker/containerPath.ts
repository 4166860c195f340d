/**
 * Paths inside a container, as the archive endpoints and `docker cp` take them: absolute, POSIX,
 * checked before any request so a bad one changes nothing and costs the engine nothing.
 */

export type ContainerPathProblem = 'empty' | 'relative' | 'dotDot' | 'controlCharacters' | 'tooLong';

/** Linux's PATH_MAX: longer paths the kernel refuses anyway. */
export const maxContainerPathLength = 4096;

/** What is wrong with `path` as a container path, or undefined when it may be used. */
export function containerPathProblem(path: string): ContainerPathProblem | undefined {
  if (path.trim() === '') {
    return 'empty';
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) {
    return 'controlCharacters';
  }
  if (!path.startsWith('/')) {
    return 'relative';
  }
  if (path.split('/').some((part) => part === '..')) {
    return 'dotDot';
  }
  if (path.length > maxContainerPathLength) {
    return 'tooLong';
  }
  return undefined;
}

/** A checked path without `.` segments, doubled or trailing slashes: "/etc//./x/" is "/etc/x". */
export function normalizeContainerPath(path: string): string {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  return `/${parts.join('/')}`;
}

/** The folder a path is in ("/" for "/etc"). */
export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** The last segment of a path ("" for "/"). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinContainerPath(folder: string, name: string): string {
  return folder === '/' ? `/${name}` : `${folder}/${name}`;
}

/** A single file or folder name, as one typed for New File or a host name being uploaded: no slash, no `..`, no control characters. */
export function entryNameProblem(name: string): ContainerPathProblem | undefined {
  if (name.trim() === '' || name === '.') {
    return 'empty';
  }
  if (name === '..' || name.includes('/')) {
    return 'dotDot';
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(name) ? 'controlCharacters' : name.length > 255 ? 'tooLong' : undefined;
}
