import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { EngineEvent, EventStream } from '../../src/docker/events';

describe('the events stream (src/docker/events.ts)', () => {
  it('keeps a label whole when a chunk ends inside a character of it', async () => {
    const stream = new PassThrough();
    const seen: EngineEvent[] = [];
    const events = new EventStream(async () => stream, { connected: () => undefined, event: (e) => seen.push(e), disconnected: () => undefined });
    events.start();
    await new Promise((resolve) => setImmediate(resolve));
    const line = JSON.stringify({ Type: 'container', Action: 'start', Actor: { ID: 'c1', Attributes: { 'dev.example.title': '웹 서버' } }, timeNano: 1 });
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    const cut = bytes.indexOf(Buffer.from('웹', 'utf8')) + 2;
    stream.write(bytes.subarray(0, cut));
    stream.write(bytes.subarray(cut));
    await new Promise((resolve) => setImmediate(resolve));
    events.stop();
    assert.equal(seen.length, 1);
    assert.equal(seen[0].attributes['dev.example.title'], '웹 서버');
  });
});
