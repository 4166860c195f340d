import * as l10n from '@vscode/l10n';

/** Quotes a word for a POSIX shell only when it needs it, as people would type it. */
export function shellQuote(word: string): string {
  return word !== '' && /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Control characters shown as \xNN, so a message that quotes typed text never carries them to the screen. */
export function printable(value: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return value.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A command line as people would type it: `docker stop web`. */
export function commandLine(words: string[]): string {
  return words.map(shellQuote).join(' ');
}

/** A quote opened and never closed in a line split by splitShellWords; the message says which, for people. */
export class UnclosedQuoteError extends Error {
  constructor(readonly quote: '"' | "'") {
    super(quote === '"' ? l10n.t('A double quote is not closed; close it or remove it.') : l10n.t('A single quote is not closed; close it or remove it.'));
  }
}

/**
 * Splits a line into words the way a POSIX shell does for a simple command, with no expansion:
 * blanks separate words, single quotes keep everything, double quotes and backslashes escape.
 */
export function splitShellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) word += line[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (ch === ' ' || ch === '\t' || ch === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) throw new UnclosedQuoteError(quote);
  if (inWord) words.push(word);
  return words;
}
