import { LogLine, LogLineSplitter } from './logLines';
import { ansi, StreamDemultiplexer, Utf8Streams } from './streamDecoding';

/**
 * Reads one `docker logs -f` answer (multiplexed unless the container has a TTY) and hands over
 * whole timestamped lines per stream, the last unfinished one when the stream ends.
 * Shared by Follow Logs and Project Logs.
 */
export function readLogStream(stream: NodeJS.ReadableStream, tty: boolean, take: (lines: LogLine[]) => void, fail: (err: unknown) => void): void {
  const decoder = new Utf8Streams();
  const splitters = { stdout: new LogLineSplitter('stdout'), stderr: new LogLineSplitter('stderr') };
  const push = (kind: 'stdout' | 'stderr', data: Buffer) => take(splitters[kind].push(decoder.decode(kind, data)));
  if (tty) {
    stream.on('data', (chunk: Buffer) => push('stdout', chunk));
  } else {
    const demux = new StreamDemultiplexer();
    stream.on('data', (chunk: Buffer) => {
      try {
        for (const frame of demux.push(chunk)) {
          if (frame.stream !== 'stdin') {
            push(frame.stream, frame.data);
          }
        }
      } catch (err) {
        fail(err);
      }
    });
  }
  stream.on('end', () => {
    for (const kind of ['stdout', 'stderr'] as const) {
      take(splitters[kind].push(decoder.end(kind)));
      take(splitters[kind].flush());
    }
  });
}

/** A line as the terminal shows it, without its line feed: the timestamp dimmed when asked for, stderr in red. */
export function formatLogLine(line: LogLine, timestamps: boolean): string {
  const text = line.text.replace(/\r?\n$/, '');
  const body = line.stream === 'stderr' ? ansi.stderr(text) : text;
  const stamp = timestamps && line.timestamp ? `${ansi.dim(line.timestamp)} ` : '';
  return `${stamp}${body}`;
}
