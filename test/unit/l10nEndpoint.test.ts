import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { resolveEndpoint } from '../../src/docker/connection';

// The views' titles name the engine and what chose it: the endpoint's description, built once in
// src/docker. Its words go through @vscode/l10n (a Korean window reads "(DOCKER_HOST에서)").
describe("the engine's name in the views' titles", () => {
  const base = { env: {}, homedir: '/home/u', platform: 'linux' as const, readFile: () => undefined };
  const resolve = {
    setting: () => resolveEndpoint({ ...base, setting: 'tcp://127.0.0.1:2375' }),
    DOCKER_HOST: () => resolveEndpoint({ ...base, env: { DOCKER_HOST: 'unix:///tmp/d.sock' } }),
    default: () => resolveEndpoint(base),
  };
  const english = {
    setting: 'tcp://127.0.0.1:2375 (from settings)',
    DOCKER_HOST: 'unix:///tmp/d.sock (from DOCKER_HOST)',
    default: 'unix:///var/run/docker.sock (default)',
  };

  for (const [source, endpoint] of Object.entries(resolve)) {
    it(`says which engine and what chose it, in English (${source})`, () => {
      assert.equal(endpoint().source, source);
      assert.equal(endpoint().description, english[source as keyof typeof english]);
    });
  }

  it('names a context by its name', () => {
    const files: Record<string, string> = {
      '/home/u/.docker/config.json': JSON.stringify({ currentContext: 'build-box' }),
    };
    const endpoint = resolveEndpoint({
      ...base,
      readFile: (file) => files[file] ?? (file.endsWith('meta.json') ? JSON.stringify({ Endpoints: { docker: { Host: 'ssh://root@build-box' } } }) : undefined),
    });
    assert.equal(endpoint.description, `${endpoint.host} (from context "build-box")`);
  });

  it('is worded by the bundle @vscode/l10n is configured with, as the extension configures it with the display language', () => {
    const korean = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../l10n/bundle.l10n.ko.json'), 'utf8')) as Record<string, string>;
    l10n.config({ contents: korean });
    try {
      assert.equal(resolve.DOCKER_HOST().description, korean['{0} (from DOCKER_HOST)'].replace('{0}', 'unix:///tmp/d.sock'));
      assert.notEqual(resolve.DOCKER_HOST().description, english.DOCKER_HOST);
    } finally {
      l10n.config({ contents: {} });
    }
  });
});
