import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { commandLineProblem, splitCommandLine } from '../../src/terminal/commandWords';
import { DetachKeysError, DetachMatcher, parseDetachKeys } from '../../src/terminal/detachKeys';
import { LogCursor, LogLineSplitter, sinceParameter, timestampNanos } from '../../src/terminal/logLines';
import { StreamDemultiplexer, terminalText, Utf8Streams } from '../../src/terminal/streamDecoding';
import { TextTail } from '../../src/terminal/textTail';

function frame(kind: number, text: string | Buffer): Buffer {
  const payload = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = kind;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('detach keys', () => {
  it("reads docker's default ctrl-p,ctrl-q as the bytes 0x10 0x11", () => {
    assert.equal(parseDetachKeys('ctrl-p,ctrl-q'), '\x10\x11');
  });

  it('accepts plain characters and the punctuation control keys docker knows', () => {
    assert.equal(parseDetachKeys('ctrl-a,x'), '\x01x');
    assert.equal(parseDetachKeys('ctrl-@,ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_'), '\x00\x1b\x1c\x1d\x1e\x1f');
  });

  for (const bad of ['', 'ctrl-', 'ctrl-pp', 'alt-p', 'ctrl-1', 'ctrl-p,,ctrl-q']) {
    it(`refuses "${bad}" with a reason`, () => {
      assert.throws(() => parseDetachKeys(bad), DetachKeysError);
    });
  }

  it('detaches on the full sequence and sends nothing of it to the process', () => {
    const m = new DetachMatcher('\x10\x11');
    assert.deepEqual(m.feed('ls\r'), { forward: 'ls\r', detach: false });
    assert.deepEqual(m.feed('\x10'), { forward: '', detach: false });
    assert.deepEqual(m.feed('\x11'), { forward: '', detach: true });
  });

  it('sends held keys on when the sequence is broken', () => {
    const m = new DetachMatcher('\x10\x11');
    assert.deepEqual(m.feed('\x10'), { forward: '', detach: false });
    assert.deepEqual(m.feed('a'), { forward: '\x10a', detach: false });
  });

  it('finds the sequence after a repeated first key and inside one chunk', () => {
    const m = new DetachMatcher('\x10\x11');
    assert.deepEqual(m.feed('x\x10\x10\x11'), { forward: 'x\x10', detach: true });
  });

  it('finds a sequence whose prefix repeats (a,a,b) after a false start', () => {
    const m = new DetachMatcher('aab');
    assert.deepEqual(m.feed('aaab'), { forward: 'a', detach: true });
  });
});

describe('stream demultiplexing', () => {
  it('splits stdout and stderr frames that arrive in one chunk', () => {
    const demux = new StreamDemultiplexer();
    const frames = demux.push(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n')]));
    assert.deepEqual(
      frames.map((f) => [f.stream, f.data.toString()]),
      [
        ['stdout', 'out\n'],
        ['stderr', 'err\n'],
      ],
    );
  });

  it('reassembles frames whose header and payload are cut across chunks, byte by byte', () => {
    const demux = new StreamDemultiplexer();
    const all = Buffer.concat([frame(1, 'hello '), frame(2, 'world'), frame(1, '')]);
    const seen: string[] = [];
    for (const byte of all) {
      for (const f of demux.push(Buffer.from([byte]))) {
        seen.push(`${f.stream}:${f.data.toString()}`);
      }
    }
    assert.deepEqual(seen, ['stdout:hello ', 'stderr:world', 'stdout:']);
    assert.equal(demux.leftover, 0);
  });

  it('refuses a stream that is not multiplexed rather than printing garbage', () => {
    assert.throws(() => new StreamDemultiplexer().push(Buffer.from('plain text output')), /not a multiplexed stream/);
  });
});

describe('UTF-8 decoding', () => {
  it('keeps a character split across chunks whole', () => {
    const bytes = Buffer.from('✓日本', 'utf8');
    const d = new Utf8Streams();
    let text = '';
    for (const byte of bytes) {
      text += d.decode('tty', Buffer.from([byte]));
    }
    assert.equal(text, '✓日本');
  });

  it('decodes any bytes, valid or not, cut anywhere, exactly as the whole at once (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x80, 0xbf, 0xc3, 0xe2, 0xf0, 0xf4, 0xf8, 0xff)), { maxLength: 64 }),
        fc.array(fc.integer({ min: 0, max: 64 }), { maxLength: 8 }),
        (values, cuts) => {
          const bytes = Buffer.from(values);
          const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
          const d = new Utf8Streams();
          let text = '';
          let from = 0;
          for (const at of [...points, bytes.length]) {
            text += d.decode('tty', bytes.subarray(from, at));
            from = at;
          }
          text += d.end('tty');
          assert.equal(text, bytes.toString('utf8'));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('decodes stdout and stderr separately, so interleaved frames do not mix half characters', () => {
    const check = Buffer.from('✓', 'utf8');
    const d = new Utf8Streams();
    const out = d.decode('stdout', check.subarray(0, 1)) + d.decode('stderr', Buffer.from('e')) + d.decode('stdout', check.subarray(1));
    assert.equal(out, 'e✓');
  });

  it("turns our own messages' line feeds into CR LF without doubling existing ones", () => {
    assert.equal(terminalText('a\nb\r\nc'), 'a\r\nb\r\nc');
  });
});

describe('command lines typed by the user', () => {
  it('splits words as a shell would, with quotes and backslashes', () => {
    assert.deepEqual(splitCommandLine(`ls -l  '/my dir' "a \\"b\\"" c\\ d`), ['ls', '-l', '/my dir', 'a "b"', 'c d']);
  });

  it('keeps an empty quoted word', () => {
    assert.deepEqual(splitCommandLine(`echo ''`), ['echo', '']);
  });

  it('says what is wrong: empty, control characters, unclosed quote', () => {
    assert.equal(commandLineProblem('   '), 'empty');
    assert.equal(commandLineProblem('ls\nrm -rf /'), 'controlCharacters');
    assert.equal(commandLineProblem('echo \x1b[31m'), 'controlCharacters');
    assert.equal(commandLineProblem(`echo 'oops`), 'unclosedQuote');
    assert.equal(commandLineProblem('sh -c "echo hi | wc -c"'), undefined);
  });
});

describe('log lines and resuming a follow', () => {
  it("reads nanosecond timestamps and writes them back as the engine's since", () => {
    const nanos = timestampNanos('2026-11-28T22:50:36.000000123Z')!;
    assert.equal(sinceParameter(nanos), `${Date.parse('2026-11-28T22:50:36Z') / 1000}.000000123`);
    assert.equal(timestampNanos('2026-11-28T22:50:36.5Z')! - timestampNanos('2026-11-28T22:50:36Z')!, 500_000_000n);
    assert.equal(timestampNanos('not a time'), undefined);
  });

  it('cuts text into timestamped lines, keeping an unfinished line for the next chunk', () => {
    const s = new LogLineSplitter('stdout');
    assert.deepEqual(s.push('2026-11-28T22:50:36.1Z hel'), []);
    assert.deepEqual(s.push('lo\n2026-11-28T22:50:36.2Z x'), [{ stream: 'stdout', timestamp: '2026-11-28T22:50:36.1Z', text: 'hello\n' }]);
    assert.deepEqual(s.flush(), [{ stream: 'stdout', timestamp: '2026-11-28T22:50:36.2Z', text: 'x' }]);
  });

  it('after a resume from the last timestamp, skips what was shown and keeps what is new', () => {
    const c = new LogCursor();
    assert.equal(c.resume(), undefined);
    const t1 = '2026-11-28T22:50:36.100Z';
    const t2 = '2026-11-28T22:50:36.200Z';
    const t3 = '2026-11-28T22:50:37Z';
    assert.ok(c.accept(t1));
    assert.ok(c.accept(t2));
    assert.ok(c.accept(t2)); // two lines in the same nanosecond
    const since = c.resume();
    assert.equal(since, sinceParameter(timestampNanos(t2)!));
    // The engine's since is inclusive: it sends both t2 lines again, then the new ones.
    assert.equal(c.accept(t2), false);
    assert.equal(c.accept(t2), false);
    assert.equal(c.accept(t3), true);
    assert.equal(c.accept(t1), false);
  });
});

describe('the transcript a terminal session keeps', () => {
  it('keeps the latest text, at least the limit and at most one chunk more, however much was written', () => {
    const tail = new TextTail(1000);
    let all = '';
    for (let i = 0; i < 5000; i++) {
      const chunk = `line ${i} ${'x'.repeat(i % 97)}\r\n`;
      tail.push(chunk);
      all += chunk;
    }
    const kept = tail.text;
    assert.ok(all.endsWith(kept), 'the kept text is the end of what was written');
    assert.ok(kept.length >= 1000 && kept.length < 1000 + 110, `kept ${kept.length} characters`);
    assert.ok(kept.startsWith('line '), 'whole chunks are kept');
  });

  it('keeps everything while it is under the limit', () => {
    const tail = new TextTail(1000);
    tail.push('a');
    tail.push('');
    tail.push('bc');
    assert.equal(tail.text, 'abc');
  });
});
