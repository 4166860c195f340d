import { printable } from '../docker/shell';

/** Docker's names for control keys after `ctrl-`, as `docker attach --detach-keys` accepts them. */
const controlCodes: Record<string, number> = { '@': 0, '[': 27, '\\': 28, ']': 29, '^': 30, _: 31 };
for (let c = 0; c < 26; c++) {
  controlCodes[String.fromCharCode(97 + c)] = c + 1;
}

export class DetachKeysError extends Error {
  constructor(message: string) {
    // Messages quote what was typed: control characters are shown as \xNN.
    super(printable(message));
  }
}

/**
 * Parses a detach sequence in docker's format ("ctrl-p,ctrl-q", "ctrl-a,x"): keys separated by
 * commas, each one character or `ctrl-` and one of a-z @ [ \ ] ^ _. Returns the bytes it stands for.
 */
export function parseDetachKeys(spec: string): string {
  if (spec.trim() === '') {
    throw new DetachKeysError('the sequence is empty');
  }
  let bytes = '';
  for (const key of spec.split(',')) {
    if (key.length === 1) {
      bytes += key;
      continue;
    }
    const lower = key.toLowerCase();
    const name = lower.startsWith('ctrl-') ? lower.slice('ctrl-'.length) : undefined;
    const code = name !== undefined && name.length === 1 ? controlCodes[name] : undefined;
    if (code === undefined) {
      throw new DetachKeysError(`"${key}" is not a key: use one character, or ctrl- and one of a-z @ [ \\ ] ^ _`);
    }
    bytes += String.fromCharCode(code);
  }
  return bytes;
}

/**
 * Watches what the user types for the detach sequence. Keys that could start the sequence are
 * held back until the sequence is complete (detach) or broken (they are sent on), as the engine does.
 */
export class DetachMatcher {
  private held = '';

  constructor(private readonly sequence: string) {}

  /** Returns the text to send to the process now, and whether the sequence was completed. */
  feed(input: string): { forward: string; detach: boolean } {
    let forward = '';
    for (const ch of input) {
      const candidate = this.held + ch;
      if (this.sequence.startsWith(candidate)) {
        this.held = candidate;
        if (candidate === this.sequence) {
          this.held = '';
          return { forward, detach: true };
        }
        continue;
      }
      // The held keys and this one are not the sequence: send the first held key on, retry the rest.
      let rest = candidate;
      this.held = '';
      while (rest.length > 0) {
        if (this.sequence.startsWith(rest)) {
          this.held = rest;
          break;
        }
        forward += rest[0];
        rest = rest.slice(1);
      }
    }
    return { forward, detach: false };
  }
}
