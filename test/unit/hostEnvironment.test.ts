import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileWatch, ProcessConnection } from '../../src/docker/hostEnvironment';

function writeContext(dir: string, name: string, host: string): void {
  const meta = path.join(dir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
  fs.mkdirSync(meta, { recursive: true });
  fs.writeFileSync(path.join(meta, 'meta.json'), JSON.stringify({ Name: name, Endpoints: { docker: { Host: host } } }));
}

describe('the docker CLI configuration, read and watched (hostEnvironment.ts)', () => {
  const saved = { DOCKER_HOST: process.env.DOCKER_HOST, DOCKER_CONFIG: process.env.DOCKER_CONFIG, DOCKER_CONTEXT: process.env.DOCKER_CONTEXT };
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-cli-config-'));
    process.env.DOCKER_CONFIG = dir;
    delete process.env.DOCKER_HOST;
    delete process.env.DOCKER_CONTEXT;
  });

  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('resolve() says whether the engine changed: a new currentContext does, the same one does not', () => {
    writeContext(dir, 'other', 'tcp://10.0.0.9:2375');
    const connection = new ProcessConnection(() => undefined);
    assert.equal(connection.endpoint?.source, 'default');
    assert.equal(connection.resolve(), false);
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ currentContext: 'other' }));
    assert.equal(connection.resolve(), true);
    assert.equal(connection.endpoint?.host, 'tcp://10.0.0.9:2375');
    assert.equal(connection.resolve(), false);
  });

  it('the host setting wins over the context, as in the CLI: a context switch then changes nothing', () => {
    writeContext(dir, 'other', 'tcp://10.0.0.9:2375');
    const connection = new ProcessConnection(() => 'unix:///tmp/dx-setting.sock');
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ currentContext: 'other' }));
    assert.equal(connection.resolve(), false);
    assert.equal(connection.endpoint?.source, 'setting');
  });

  it('a context that is gone is a configuration error, surfaced on the first request', () => {
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ currentContext: 'missing' }));
    const connection = new ProcessConnection(() => undefined);
    assert.equal(connection.endpoint, undefined);
    assert.throws(() => connection.dockerodeOptions(), /Docker context "missing".*was not found/);
  });

  it("watches config.json, and the current context's store once a context decides", () => {
    writeContext(dir, 'other', 'tcp://10.0.0.9:2375');
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ currentContext: 'other' }));
    const files = new ProcessConnection(() => undefined).watchedFiles();
    assert.equal(files[0], path.join(dir, 'config.json'));
    assert.ok(files.some((f) => f.endsWith(path.join('contexts', 'meta', createHash('sha256').update('other').digest('hex'), 'meta.json'))));
  });

  it('FileWatch sees a file written by rename (as `docker context use` does), also one that did not exist yet', async () => {
    const file = path.join(dir, 'config.json');
    let changes = 0;
    const watch = new FileWatch(() => changes++, 20);
    watch.set([file]);
    try {
      // The first stat (the baseline a change is measured against) is taken asynchronously.
      await new Promise((r) => setTimeout(r, 100));
      fs.writeFileSync(`${file}.tmp`, '{"currentContext":"x"}');
      fs.renameSync(`${file}.tmp`, file);
      const deadline = Date.now() + 2000;
      while (changes === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 10));
      }
      assert.ok(changes >= 1, 'the change was seen');
    } finally {
      watch.dispose();
    }
    const after = changes;
    fs.writeFileSync(file, '{}');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(changes, after, 'nothing is heard after dispose');
  });
});
