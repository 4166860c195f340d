/** Docker's rule for container names (daemon/names: `[a-zA-Z0-9][a-zA-Z0-9_.-]+`). */
export const containerNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export type ContainerNameProblem = 'empty' | 'tooShort' | 'badFirst' | 'badCharacters';

/** What is wrong with a new container name, or undefined when Docker accepts it. */
export function containerNameProblem(name: string): ContainerNameProblem | undefined {
  if (name.length === 0) {
    return 'empty';
  }
  if (!/^[a-zA-Z0-9]/.test(name)) {
    return 'badFirst';
  }
  if (!/^[a-zA-Z0-9_.-]*$/.test(name)) {
    return 'badCharacters';
  }
  if (name.length < 2) {
    return 'tooShort';
  }
  return undefined;
}
