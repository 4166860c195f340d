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
    splitCommandLine(line);
  } catch {
    return 'unclosedQuote';
  }
  return splitCommandLine(line).length === 0 ? 'empty' : undefined;
}

/**
 * Splits a command line into words the way a POSIX shell would for simple commands: blanks
 * separate words, single quotes keep everything, double quotes and backslashes escape.
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote === "'") {
      if (ch === "'") {
        quote = undefined;
      } else {
        word += ch;
      }
    } else if (quote === '"') {
      if (ch === '"') {
        quote = undefined;
      } else if (ch === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) {
        word += line[++i];
      } else {
        word += ch;
      }
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (ch === ' ' || ch === '\t') {
      if (inWord) {
        words.push(word);
        word = '';
        inWord = false;
      }
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) {
    throw new Error(`unclosed ${quote} quote`);
  }
  if (inWord) {
    words.push(word);
  }
  return words;
}
