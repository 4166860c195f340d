import { containerNamePattern } from './containerName';

/** Docker's rule for volume names: the daemon's RestrictedNamePattern, the one container names follow. */
export const volumeNamePattern = containerNamePattern;

/** The local driver makes a directory of the name: longer than a file name may be is refused by the kernel. */
export const maxVolumeNameLength = 255;

export type VolumeNameProblem = 'whitespace' | 'tooShort' | 'tooLong' | 'badFirst' | 'badCharacters';

/** What is wrong with a new volume name, or undefined when Docker accepts it; empty means "let the engine pick". */
export function volumeNameProblem(value: string): VolumeNameProblem | undefined {
  if (value === '') {
    return undefined;
  }
  if (/\s/.test(value)) {
    return 'whitespace';
  }
  if (value.length < 2) {
    return 'tooShort';
  }
  if (!/^[a-zA-Z0-9]/.test(value)) {
    return 'badFirst';
  }
  if (!volumeNamePattern.test(value)) {
    return 'badCharacters';
  }
  return value.length > maxVolumeNameLength ? 'tooLong' : undefined;
}
