/** Quotes a word for a POSIX shell only when it needs it, as people would type it. */
export function shellQuote(word: string): string {
  return word !== '' && /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A command line as people would type it: `docker stop web`. */
export function commandLine(words: string[]): string {
  return words.map(shellQuote).join(' ');
}
