import * as assert from 'node:assert/strict';
import { fakeVscode, requireWithFakeVscode } from './support/fakeVscode';

const { containerStatusText } = requireWithFakeVscode<typeof import('../../src/tree/containerStatus')>('../../src/tree/containerStatus');

describe('container status text in rows and tooltips', () => {
  afterEach(() => {
    fakeVscode.env.language = 'en';
  });

  const dockerWordings = [
    'Created',
    'Up Less than a second',
    'Up 1 second',
    'Up 45 seconds',
    'Up About a minute',
    'Up 5 minutes',
    'Up About an hour',
    'Up 2 hours (healthy)',
    'Up 3 days (unhealthy)',
    'Up 2 weeks (health: starting)',
    'Up 4 months (Paused)',
    'Up 2 years',
    'Exited (0) Less than a second ago',
    'Exited (137) About a minute ago',
    'Exited (1) About an hour ago',
    'Exited (143) 5 minutes ago',
    'Restarting (1) 3 seconds ago',
    'Removal In Progress',
    'Dead',
  ];

  it('says in English exactly what docker ps says, for every wording it takes apart', () => {
    assert.deepEqual(dockerWordings.map(containerStatusText), dockerWordings);
  });

  it('shows a wording it does not know as the engine gave it', () => {
    assert.equal(containerStatusText('Up for a while (something new)'), 'Up for a while (something new)');
  });

  it('says the times in the display language (the words come from the l10n bundle of that language)', () => {
    fakeVscode.env.language = 'ko';
    assert.equal(containerStatusText('Up 5 minutes'), 'Up 5분');
    assert.equal(containerStatusText('Exited (0) 2 hours ago'), 'Exited (0) 2시간 전');
  });
});
