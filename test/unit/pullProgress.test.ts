import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { formatBytes, jsonLines, PullEvent, PullProgress } from '../../src/docker/pullProgress';

describe('pull progress', () => {
  it('adds up Downloading current/total across layers and counts finished ones', () => {
    const progress = new PullProgress();
    const events: PullEvent[] = [
      { status: 'Pulling from dx-test/busybox', id: '1.0' },
      { status: 'Pulling fs layer', id: 'a' },
      { status: 'Pulling fs layer', id: 'b' },
      { status: 'Already exists', id: 'c' },
      { status: 'Downloading', id: 'a', progressDetail: { current: 100, total: 1000 } },
      { status: 'Downloading', id: 'b', progressDetail: { current: 50, total: 500 } },
    ];
    events.forEach((e) => progress.add(e));
    assert.deepEqual(progress.summary, { current: 150, total: 1500, layers: 3, layersDone: 1, digest: undefined, upToDate: false, error: undefined });
    progress.add({ status: 'Download complete', id: 'a' });
    progress.add({ status: 'Pull complete', id: 'a' });
    progress.add({ status: 'Digest: sha256:abc' });
    assert.equal(progress.summary.current, 1050);
    assert.equal(progress.summary.layersDone, 2);
    assert.equal(progress.summary.digest, 'sha256:abc');
  });

  it('notices an up-to-date image and an error line', () => {
    const progress = new PullProgress();
    progress.add({ status: 'Status: Image is up to date for x:1' });
    progress.add({ error: 'boom', errorDetail: { message: 'manifest unknown' } });
    assert.equal(progress.summary.upToDate, true);
    assert.equal(progress.summary.error, 'manifest unknown');
  });

  it('reads JSON lines split across chunks', async () => {
    const stream = Readable.from(['{"status":"a"}\n{"sta', 'tus":"b"}\n', '{"status":"c"}']);
    const seen: string[] = [];
    for await (const event of jsonLines(stream)) seen.push(event.status ?? '');
    assert.deepEqual(seen, ['a', 'b', 'c']);
  });

  it('keeps a character whole when a chunk ends inside its UTF-8 bytes', async () => {
    // A build step printing Korean: "빌드" is 6 bytes; the engine may cut a chunk anywhere.
    const bytes = Buffer.from(`${JSON.stringify({ stream: '빌드 완료' })}\n`, 'utf8');
    const cut = bytes.indexOf(Buffer.from('빌', 'utf8')) + 1;
    const stream = Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]);
    const seen: (string | undefined)[] = [];
    for await (const event of jsonLines(stream)) seen.push((event as { stream?: string }).stream);
    assert.deepEqual(seen, ['빌드 완료']);
  });

  it('prints sizes the way docker does', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1_069_079), '1.1 MB');
  });
});
