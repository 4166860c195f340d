import { StringDecoder } from 'node:string_decoder';

/** Which stream a frame of the engine's multiplexed stream belongs to (its header's first byte). */
export type StreamKind = 'stdin' | 'stdout' | 'stderr';

const kinds: Record<number, StreamKind> = { 0: 'stdin', 1: 'stdout', 2: 'stderr' };

export interface Frame {
  stream: StreamKind;
  data: Buffer;
}

/**
 * Splits the engine's multiplexed stream (non-TTY attach, exec and logs): frames of an 8-byte
 * header [kind, 0, 0, 0, size as uint32 big-endian] then the payload. Chunks may cut anywhere.
 */
export class StreamDemultiplexer {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Frame[] = [];
    while (this.pending.length >= 8) {
      const kind = kinds[this.pending[0]];
      if (kind === undefined) {
        throw new Error(`not a multiplexed stream: header byte ${this.pending[0]}`);
      }
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) {
        break;
      }
      frames.push({ stream: kind, data: this.pending.subarray(8, 8 + size) });
      this.pending = this.pending.subarray(8 + size);
    }
    return frames;
  }

  /** Bytes of an unfinished frame, when the stream ended. */
  get leftover(): number {
    return this.pending.length;
  }
}

/** Decodes UTF-8 per stream without breaking characters split across chunks or frames. */
export class Utf8Streams {
  private readonly decoders = new Map<string, StringDecoder>();

  decode(stream: string, data: Buffer): string {
    let decoder = this.decoders.get(stream);
    if (!decoder) {
      decoder = new StringDecoder('utf8');
      this.decoders.set(stream, decoder);
    }
    return decoder.write(data);
  }

  end(stream: string): string {
    return this.decoders.get(stream)?.end() ?? '';
  }
}

/** Our own messages in a terminal: line feeds become CR LF, as a terminal needs them. */
export function terminalText(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** Colours used in terminals for what is not the process's stdout. */
export const ansi = {
  stderr: (text: string) => `\x1b[31m${text}\x1b[39m`,
  note: (text: string) => `\x1b[2m${text}\x1b[22m`,
  dim: (text: string) => `\x1b[90m${text}\x1b[39m`,
};
