// One JSON array read in slices as it arrives, so a large answer (10,000 containers are about 7 MB)
// never holds the event loop for one JSON.parse of the whole: each slice of complete elements is
// parsed on its own, and the reader gives the loop a turn between slices.
import * as l10n from '@vscode/l10n';

/**
 * Cuts the text of one top-level JSON array into its complete elements, wherever the text is cut.
 * It tracks only nesting and strings; each run of complete elements is handed to JSON.parse.
 */
export class JsonArraySlicer {
  /** Text not yet parsed: from just after the '[' or after the last element given back. */
  private pending = '';
  /** Where scanning resumes in `pending` (what is before it was scanned already). */
  private scanned = 0;
  private opened = false;
  private closed = false;
  private depth = 0;
  private inString = false;
  private escaped = false;

  /** Takes the next piece of the text; returns the elements completed by it, in order. */
  push(text: string): unknown[] {
    if (this.closed) {
      if (text.trim()) {
        throw new SyntaxError(l10n.t("The Docker Engine's answer has text after its closing bracket."));
      }
      return [];
    }
    let from = 0;
    if (!this.opened) {
      const start = text.search(/\S/);
      if (start < 0) {
        return [];
      }
      if (text[start] !== '[') {
        throw new SyntaxError(l10n.t("The Docker Engine's answer is not a JSON array."));
      }
      this.opened = true;
      from = start + 1;
    }
    this.pending += from ? text.slice(from) : text;
    return this.scan();
  }

  /** The text is all there: throws when the array was not closed. */
  end(): void {
    if (!this.closed) {
      throw new SyntaxError(l10n.t("The Docker Engine's answer ended before its JSON array was closed."));
    }
  }

  private scan(): unknown[] {
    const text = this.pending;
    let lastComma = -1;
    let close = -1;
    let { depth, inString, escaped } = this;
    for (let i = this.scanned; i < text.length; i++) {
      if (inString) {
        // Most of the text is inside strings: jump from quote to quote (indexOf is native).
        if (escaped) {
          escaped = false;
          continue;
        }
        const end = stringEnd(text, i);
        if (end < 0) {
          escaped = trailingBackslashes(text, i, text.length) % 2 === 1;
          break;
        }
        inString = false;
        i = end;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 0x22 /* " */) {
        inString = true;
      } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        depth++;
      } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
        if (depth === 0) {
          if (c !== 0x5d) {
            throw new SyntaxError(l10n.t("The Docker Engine's answer is not a valid JSON array."));
          }
          close = i;
          break;
        }
        depth--;
      } else if (c === 0x2c /* , */ && depth === 0) {
        lastComma = i;
      }
    }
    Object.assign(this, { depth, inString, escaped });
    if (close >= 0) {
      this.closed = true;
      const rest = text.slice(close + 1);
      this.pending = '';
      this.scanned = 0;
      if (rest.trim()) {
        throw new SyntaxError(l10n.t("The Docker Engine's answer has text after its closing bracket."));
      }
      const body = text.slice(0, close);
      return body.trim() ? (JSON.parse(`[${body}]`) as unknown[]) : [];
    }
    if (lastComma < 0) {
      this.scanned = text.length;
      return [];
    }
    this.pending = text.slice(lastComma + 1);
    this.scanned = this.pending.length;
    return JSON.parse(`[${text.slice(0, lastComma)}]`) as unknown[];
  }
}

/** The index of the quote that ends a string whose text starts at `from` (not escaped), or -1 if it is not in `text`. */
function stringEnd(text: string, from: number): number {
  for (let at = from; ;) {
    const quote = text.indexOf('"', at);
    if (quote < 0 || trailingBackslashes(text, from, quote) % 2 === 0) {
      return quote;
    }
    at = quote + 1;
  }
}

/** How many backslashes come right before `end`, not looking before `from`. */
function trailingBackslashes(text: string, from: number, end: number): number {
  let n = 0;
  while (end - n - 1 >= from && text.charCodeAt(end - n - 1) === 0x5c) {
    n++;
  }
  return n;
}

export interface ReadOptions {
  /** After this much work in one turn of the event loop, the reader waits for the next turn. */
  sliceMs?: number;
  /** A chunk longer than this is read in pieces of this size (a fast socket may deliver megabytes at once). */
  sliceChars?: number;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Reads one JSON array off a stream, mapping each element as its slice arrives; the loop gets a turn every `sliceMs`. */
export async function readJsonArray<T>(stream: AsyncIterable<Buffer | string>, map: (element: unknown) => T, options: ReadOptions = {}): Promise<T[]> {
  const sliceMs = options.sliceMs ?? 8;
  const sliceChars = options.sliceChars ?? 256 * 1024;
  const slicer = new JsonArraySlicer();
  const decoder = new TextDecoder();
  const out: T[] = [];
  let turnStarted = performance.now();
  const take = async (text: string) => {
    for (let at = 0; at < text.length; at += sliceChars) {
      for (const element of slicer.push(text.length > sliceChars ? text.slice(at, at + sliceChars) : text)) {
        out.push(map(element));
      }
      if (performance.now() - turnStarted >= sliceMs) {
        await nextTurn();
        turnStarted = performance.now();
      }
    }
  };
  for await (const chunk of stream) {
    await take(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  }
  await take(decoder.decode());
  slicer.end();
  return out;
}
