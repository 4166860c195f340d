import * as assert from 'node:assert/strict';
import { resolveEndpoint } from '../../src/docker/connection';
import { fakeVscode, requireWithFakeVscode } from './support/fakeVscode';

const { endpointText } = requireWithFakeVscode<typeof import('../../src/tree/endpointText')>('../../src/tree/endpointText');

// The views' titles name the engine and what chose it. The words go through l10n (a Korean window
// reads "(DOCKER_HOST에서)"); in English they are what src/docker's description has always said.
describe("the engine's name in the views' titles", () => {
  const base = { env: {}, homedir: '/home/u', platform: 'linux' as const, readFile: () => undefined };
  const cases = {
    setting: resolveEndpoint({ ...base, setting: 'tcp://127.0.0.1:2375' }),
    DOCKER_HOST: resolveEndpoint({ ...base, env: { DOCKER_HOST: 'unix:///tmp/d.sock' } }),
    default: resolveEndpoint(base),
  };

  for (const [source, endpoint] of Object.entries(cases)) {
    it(`says in English what the connection says (${source})`, () => {
      assert.equal(endpoint.source, source);
      assert.equal(endpointText(endpoint), endpoint.description);
    });
  }

  it('goes through l10n, so the bundle of the display language words it', () => {
    const t = fakeVscode.l10n.t;
    fakeVscode.l10n.t = (message: string) => `<${message}>`;
    try {
      assert.equal(endpointText(cases.DOCKER_HOST), '<{0} (from DOCKER_HOST)>');
    } finally {
      fakeVscode.l10n.t = t;
    }
  });
});
