import { splitShellWords, UnclosedQuoteError } from '../docker/shell';

export type CommandLineProblem = 'empty' | 'controlCharacters' | 'unclosedQuote';

/** Why a command line typed by the user cannot be run; undefined when it can. */
export function commandLineProblem(line: string): CommandLineProblem | undefined {
  if (line.trim() === '') {
    return 'empty';
  }
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(line)) {
    return 'controlCharacters';
  }
  try {
    return splitShellWords(line).length === 0 ? 'empty' : undefined;
  } catch (err) {
    if (err instanceof UnclosedQuoteError) {
      return 'unclosedQuote';
    }
    throw err;
  }
}

/** A typed command line split into words as a POSIX shell would (no expansion). */
export const splitCommandLine = splitShellWords;
