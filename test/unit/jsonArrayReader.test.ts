import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { JsonArraySlicer, readJsonArray } from '../../src/docker/jsonArrayReader';

/** Feeds text cut at the given points; returns every element the slicer gave back, in order. */
function sliced(text: string, cuts: number[]): unknown[] {
  const slicer = new JsonArraySlicer();
  const out: unknown[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    out.push(...slicer.push(text.slice(from, cut)));
    from = cut;
  }
  out.push(...slicer.push(text.slice(from)));
  slicer.end();
  return out;
}

describe('JsonArraySlicer: one JSON array read in slices', () => {
  it('gives back the same elements as JSON.parse, wherever the text is cut (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.boolean(), fc.array(fc.nat()), (values, pretty, cuts) => {
        const text = JSON.stringify(values, null, pretty ? 2 : undefined);
        assert.deepEqual(
          sliced(
            text,
            cuts.map((c) => c % (text.length + 1)),
          ),
          JSON.parse(text),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('keeps braces, brackets, commas and escaped quotes inside strings out of the structure', () => {
    const values = [{ Names: ['/a"],{'], Labels: { 'x\\': '}\\"' } }, '\\', '"[', { Command: 'sh -c "echo },{\\"Id\\":"' }];
    const text = JSON.stringify(values);
    for (let cut = 0; cut <= text.length; cut++) {
      assert.deepEqual(sliced(text, [cut]), values, `cut at ${cut}`);
    }
  });

  it('gives elements back as soon as each is complete, before the array ends', () => {
    const slicer = new JsonArraySlicer();
    assert.deepEqual(slicer.push('[{"Id":"a"},{"Id":"b"'), [{ Id: 'a' }]);
    assert.deepEqual(slicer.push('},'), [{ Id: 'b' }]);
    assert.deepEqual(slicer.push('{"Id":"c"}]'), [{ Id: 'c' }]);
    slicer.end();
  });

  it('reads an empty array and surrounding whitespace', () => {
    assert.deepEqual(sliced(' \n[ ]\n', [2, 3]), []);
  });

  it('refuses what is not one whole JSON array', () => {
    for (const text of ['{"Id":"a"}', '[{"Id":"a"}', '[{"Id":"a"},', '[1,2]x', '', '[{"Id":}]']) {
      assert.throws(() => sliced(text, []), /JSON|answer/, text);
    }
  });
});

describe('readJsonArray: an answer read off a stream', () => {
  it('maps every element, in order, across chunks', async () => {
    const values = Array.from({ length: 50 }, (_, i) => ({ Id: `c${i}`, Names: [`/n${i}`] }));
    const text = JSON.stringify(values);
    const chunks = text.match(/[\s\S]{1,37}/g) ?? [];
    const ids = await readJsonArray(Readable.from(chunks), (v) => (v as { Id: string }).Id);
    assert.deepEqual(
      ids,
      values.map((v) => v.Id),
    );
  });

  it('keeps a character whole when the bytes of a chunk end inside it', async () => {
    const values = [
      { Id: 'a', Names: ['/웹-서버'] },
      { Id: 'b', Labels: { 설명: '데이터베이스' } },
    ];
    const bytes = Buffer.from(JSON.stringify(values), 'utf8');
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    assert.deepEqual(await readJsonArray(Readable.from(chunks), (v) => v), values);
  });

  it('gives the event loop a turn while it reads a long answer', async () => {
    const values = Array.from({ length: 2000 }, (_, i) => ({ Id: `c${i}` }));
    const text = JSON.stringify(values);
    // One chunk, as a fast socket may deliver it: the reader must still slice its work.
    let ranBeforeTheEnd = false;
    let done = false;
    setImmediate(() => (ranBeforeTheEnd = !done));
    await readJsonArray(Readable.from([text]), (v) => v, { sliceMs: 0, sliceChars: 4096 });
    done = true;
    assert.equal(ranBeforeTheEnd, true, 'an immediate scheduled before the read ran before it finished');
  });

  it('fails with the stream', async () => {
    const broken = new Readable({
      read() {
        this.push('[{"Id":"a"},');
        this.destroy(new Error('socket hang up'));
      },
    });
    await assert.rejects(
      readJsonArray(broken, (v) => v),
      /socket hang up/,
    );
  });
});
