import * as assert from 'node:assert/strict';
import type { HistoryEntry, ImageLayer } from '../../src/docker/imageHistory';
import { instructionOf, markShared, shortInstruction, toImageLayers } from '../../src/docker/imageHistory';

function entry(Id: string, CreatedBy: string, Size: number, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return { Id, Created: 1_700_000_000, CreatedBy, Tags: null, Size, Comment: '', ...extra };
}

describe('image history: the instruction behind CreatedBy', () => {
  it('drops the legacy builder`s /bin/sh -c #(nop) from metadata steps', () => {
    assert.equal(instructionOf('/bin/sh -c #(nop)  CMD ["/bin/sh"]'), 'CMD ["/bin/sh"]');
    assert.equal(instructionOf('/bin/sh -c #(nop)  ENV A=1'), 'ENV A=1');
    assert.equal(instructionOf('/bin/sh -c #(nop) COPY file:3b1f0ae9a3f4c2e1 in /app '), 'COPY file:3b1f0ae9a3f4c2e1 in /app');
  });

  it('writes a shell step as the RUN it was', () => {
    assert.equal(instructionOf('/bin/sh -c echo hi > /x'), 'RUN echo hi > /x');
    assert.equal(instructionOf('|2 A=1 B=two words /bin/sh -c make install'), 'RUN make install', 'build arguments are the legacy builder`s prefix');
  });

  it('reads BuildKit`s own spelling', () => {
    assert.equal(instructionOf('RUN /bin/sh -c apk add curl # buildkit'), 'RUN apk add curl');
    assert.equal(instructionOf('RUN |1 V=3 /bin/sh -c echo $V # buildkit'), 'RUN echo $V');
    assert.equal(instructionOf('COPY app /app # buildkit'), 'COPY app /app');
    assert.equal(instructionOf('ENV A=1'), 'ENV A=1');
  });

  it('leaves nothing for an empty or blank CreatedBy (an imported image)', () => {
    assert.equal(instructionOf(''), '');
    assert.equal(instructionOf('   '), '');
  });

  it('keeps a command that only mentions /bin/sh -c later on', () => {
    assert.equal(instructionOf('/bin/sh -c sh -c "/bin/sh -c true"'), 'RUN sh -c "/bin/sh -c true"');
  });
});

describe('image history: a row`s short instruction', () => {
  it('is one line, whitespace runs folded', () => {
    assert.equal(shortInstruction('RUN apt-get update &&   \\\n\tapt-get install -y curl'), 'RUN apt-get update && \\ apt-get install -y curl');
  });

  it('ends in an ellipsis past the limit and is whole below it', () => {
    const long = `RUN ${'x'.repeat(100)}`;
    const short = shortInstruction(long, 20);
    assert.equal(short.length, 20);
    assert.ok(short.endsWith('…'), short);
    assert.ok(long.startsWith(short.slice(0, -1)));
    assert.equal(shortInstruction('RUN echo hi', 20), 'RUN echo hi');
    assert.equal(shortInstruction('', 20), '');
  });
});

describe('image history: the layer model', () => {
  const history: HistoryEntry[] = [
    entry('sha256:top', '/bin/sh -c #(nop)  LABEL x=y', 0, { Tags: ['dxt/layers:v1'] }),
    entry('sha256:env', '/bin/sh -c #(nop)  ENV A=1', 0),
    entry('sha256:run', '/bin/sh -c echo hi > /greeting', 3),
    entry('sha256:base', '/bin/sh -c #(nop)  CMD ["/bin/sh"]', 0, { Tags: ['dx-test/busybox:latest'] }),
    entry('<missing>', '', 2_100_000, { Comment: 'Imported from -', Tags: ['<none>:<none>'] }),
  ];

  it('keeps the engine`s order (newest first) and maps every field', () => {
    const layers = toImageLayers(history);
    assert.deepEqual(
      layers.map((l) => [l.id, l.instruction, l.size, l.empty]),
      [
        ['sha256:top', 'LABEL x=y', 0, true],
        ['sha256:env', 'ENV A=1', 0, true],
        ['sha256:run', 'RUN echo hi > /greeting', 3, false],
        ['sha256:base', 'CMD ["/bin/sh"]', 0, true],
        [undefined, '', 2_100_000, false],
      ],
    );
    assert.deepEqual(layers[0].tags, ['dxt/layers:v1']);
    assert.deepEqual(layers[4].tags, [], '<none>:<none> is no tag');
    assert.equal(layers[4].comment, 'Imported from -');
    assert.equal(layers[2].createdBy, '/bin/sh -c echo hi > /greeting', 'the raw line is kept for the tooltip');
    assert.equal(layers[2].created, 1_700_000_000);
  });

  it('maps a null answer to no layers', () => {
    assert.deepEqual(toImageLayers(null), []);
  });

  it('marks the steps at and below another local image as shared with it, files only', () => {
    const layers = markShared(toImageLayers(history), 'sha256:top', [
      { id: 'sha256:top', tags: ['docker.io/dxt/layers:v1'] },
      { id: 'sha256:base', tags: ['docker.io/dx-test/busybox:latest'] },
      { id: 'sha256:unrelated', tags: [] },
    ]);
    const shared = (l: ImageLayer) => l.sharedWith?.name;
    assert.deepEqual(layers.map(shared), [undefined, undefined, undefined, undefined, 'docker.io/dx-test/busybox:latest']);
  });

  it('marks nothing when only the image itself has those steps', () => {
    const layers = markShared(toImageLayers(history), 'sha256:top', [{ id: 'sha256:top', tags: [] }]);
    assert.ok(layers.every((l) => l.sharedWith === undefined));
  });

  it('names an untagged sharer by its short id', () => {
    const layers = markShared(toImageLayers(history), 'sha256:top', [{ id: 'sha256:run', tags: [] }]);
    assert.deepEqual(
      layers.map((l) => l.sharedWith?.name),
      [undefined, undefined, 'run', undefined, 'run'],
    );
  });
});
