/** Quotes a word for a POSIX shell only when it needs it, as people would type it. */
export function shellQuote(word: string): string {
  return word !== '' && /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Control characters shown as \xNN, so a message that quotes typed text never carries them to the screen. */
export function printable(value: string): string {
  return value.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A command line as people would type it: `docker stop web`. */
export function commandLine(words: string[]): string {
  return words.map(shellQuote).join(' ');
}
