// The part of tar-stream 2 (a dockerode dependency, through tar-fs) the archive code uses; it ships no types.
declare module 'tar-stream' {
  import type { Readable, Writable } from 'node:stream';

  export interface Headers {
    name: string;
    size?: number;
    mode?: number;
    mtime?: Date;
    type?: 'file' | 'link' | 'symlink' | 'directory' | 'character-device' | 'block-device' | 'fifo' | 'contiguous-file' | 'pax-header' | 'pax-global-header' | null;
    linkname?: string | null;
    uid?: number;
    gid?: number;
  }

  export interface Extract extends Writable {
    on(event: 'entry', listener: (headers: Headers, stream: Readable, next: (err?: unknown) => void) => void): this;
    on(event: 'finish' | 'close', listener: () => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
    destroy(err?: Error): this;
  }

  export interface Pack extends Readable {
    entry(headers: Headers, buffer?: Buffer | string, callback?: (err?: Error | null) => void): Writable;
    entry(headers: Headers, callback: (err?: Error | null) => void): Writable;
    destroy(err?: Error): this;
    finalize(): void;
  }

  export function extract(): Extract;
  export function pack(): Pack;
}
