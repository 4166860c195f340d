import * as assert from 'node:assert/strict';
import { displayFormat, formatAge, formatSize, parseContainerStatus, prepareDisplay } from '../../src/tree/format';

const now = Date.UTC(2026, 11, 1, 12, 0, 0);
const ago = (seconds: number) => now / 1000 - seconds;
const minute = 60;
const hour = 60 * minute;
const day = 24 * hour;

// Node here has full ICU (as VS Code's extension host has); a small-ICU Node would print English for 'ko'.
describe('rows and tooltips in the display language', () => {
  const ages: [number, string, string][] = [
    [30, '30 seconds ago', '30초 전'],
    [minute, '1 minute ago', '1분 전'],
    [5 * minute, '5 minutes ago', '5분 전'],
    [2 * hour, '2 hours ago', '2시간 전'],
    [3 * day, '3 days ago', '3일 전'],
    [14 * day, '2 weeks ago', '2주 전'],
    [60 * day, '2 months ago', '2개월 전'],
    [2 * 365 * day, '2 years ago', '2년 전'],
  ];

  for (const [seconds, english, korean] of ages) {
    it(`says an age of ${english.replace(/ ago$/, '')} as "${english}" in English and "${korean}" in Korean`, () => {
      assert.equal(formatAge(ago(seconds), 'en', now), english);
      assert.equal(formatAge(ago(seconds), 'ko', now), korean);
      assert.equal(displayFormat('ko').age(ago(seconds), now), korean);
    });
  }

  it('says "now" for a time that has not passed yet (a clock a little ahead), in each language', () => {
    assert.equal(formatAge(ago(0), 'en', now), 'now');
    assert.equal(formatAge(ago(-5), 'ko', now), '지금');
  });

  it('groups digits of counts as the language does', () => {
    assert.equal(displayFormat('en').count(3000), '3,000');
    assert.equal(displayFormat('de').count(3000), '3.000');
    assert.equal(displayFormat('ko').count(12), '12');
  });

  it("prints sizes in powers of 1000 as docker images does, with the language's decimal sign", () => {
    assert.equal(formatSize(1_980_000, 'en'), '1.98 MB');
    assert.equal(formatSize(1_980_000, 'de'), '1,98 MB');
    assert.equal(formatSize(1_980_000, 'ko'), '1.98 MB');
    assert.equal(formatSize(999_950, 'en'), '1 MB', 'rounding up to 1000 kB moves to the next unit');
  });

  it('prints dates in the language', () => {
    const noonUtc = now / 1000; // noon UTC is 1 December in every time zone within ±11 h
    assert.match(displayFormat('en').date(noonUtc), /^Dec [12], 2026, /);
    assert.match(displayFormat('ko').date(noonUtc), /^2026\. 12\. [12]\. /);
  });

  /** Records each Intl format built while `body` runs. */
  function watchingIntl(body: (built: string[]) => void): void {
    const built: string[] = [];
    const kinds = ['NumberFormat', 'RelativeTimeFormat', 'DateTimeFormat'] as const;
    const originals = kinds.map((kind) => Intl[kind]);
    kinds.forEach((kind, i) => {
      const Original = originals[i] as unknown as new (...args: unknown[]) => object;
      (Intl as unknown as Record<string, unknown>)[kind] = class extends Original {
        constructor(...args: unknown[]) {
          super(...args);
          built.push(kind);
        }
      };
    });
    try {
      body(built);
    } finally {
      kinds.forEach((kind, i) => ((Intl as unknown as Record<string, unknown>)[kind] = originals[i]));
    }
  }

  it('builds each Intl format the first time a row or tooltip needs it, not all of them for the first count', () => {
    watchingIntl((built) => {
      const format = displayFormat('en-x-lazy'); // a tag no other test asked for: a fresh set of formats
      assert.deepEqual(built, []);
      assert.equal(format.count(3000), '3,000');
      assert.deepEqual(built, ['NumberFormat'], 'a page row counts: one NumberFormat');
      assert.equal(format.count(12), '12');
      assert.equal(format.age(ago(2 * hour), now), '2 hours ago');
      assert.deepEqual(built, ['NumberFormat', 'RelativeTimeFormat'], 'each format once, when first needed');
    });
  });

  it('prepares the counts and ages at activation one turn at a time, none in the turn that asks', () => {
    watchingIntl((built) => {
      const turns: (() => void)[] = [];
      prepareDisplay('en-x-prepared', (step) => turns.push(step));
      const seen: string[][] = [];
      while (turns.length > 0) {
        seen.push([...built]);
        turns.shift()!();
      }
      seen.push([...built]);
      // Collation first (nothing of displayFormat's), then the count, then the age: never two in one turn.
      assert.deepEqual(seen, [[], [], ['NumberFormat'], ['NumberFormat', 'RelativeTimeFormat']]);
      assert.equal(displayFormat('en-x-prepared').count(3000), '3,000');
      assert.deepEqual(built, ['NumberFormat', 'RelativeTimeFormat'], 'the rows then build nothing more for a count');
    });
  });

  it('falls back to English for a language tag Intl does not accept', () => {
    assert.equal(formatAge(ago(5 * minute), 'not a language', now), '5 minutes ago');
  });
});

describe('container statuses taken apart to be said in the display language', () => {
  const cases: [string, ReturnType<typeof parseContainerStatus>][] = [
    ['Created', { phase: 'created' }],
    ['Up Less than a second', { phase: 'up', time: 'lessThanASecond', paused: false, health: undefined }],
    ['Up 5 minutes', { phase: 'up', time: { value: 5, unit: 'minute' }, paused: false, health: undefined }],
    ['Up About an hour (healthy)', { phase: 'up', time: 'aboutAnHour', paused: false, health: 'healthy' }],
    ['Up 2 minutes (unhealthy)', { phase: 'up', time: { value: 2, unit: 'minute' }, paused: false, health: 'unhealthy' }],
    ['Up 3 seconds (health: starting)', { phase: 'up', time: { value: 3, unit: 'second' }, paused: false, health: 'starting' }],
    ['Up 1 second (Paused)', { phase: 'up', time: { value: 1, unit: 'second' }, paused: true, health: undefined }],
    ['Exited (137) 2 weeks ago', { phase: 'exited', exitCode: 137, time: { value: 2, unit: 'week' } }],
    ['Exited (0) About a minute ago', { phase: 'exited', exitCode: 0, time: 'aboutAMinute' }],
    ['Restarting (1) Less than a second ago', { phase: 'restarting', exitCode: 1, time: 'lessThanASecond' }],
    ['Removal In Progress', { phase: 'removing' }],
    ['Dead', { phase: 'dead' }],
    ['Up to something else', undefined],
    ['Exited 5 minutes ago', undefined],
  ];
  for (const [status, parts] of cases) {
    it(`reads "${status}"`, () => assert.deepEqual(parseContainerStatus(status), parts));
  }

  it('says the times in them as docker ps does in English, and in Korean', () => {
    const en = displayFormat('en');
    const ko = displayFormat('ko');
    assert.deepEqual(
      [en.span({ value: 5, unit: 'minute' }), en.span({ value: 1, unit: 'second' }), en.spanAgo({ value: 2, unit: 'week' })],
      ['5 minutes', '1 second', '2 weeks ago'],
    );
    assert.deepEqual([ko.span({ value: 5, unit: 'minute' }), ko.span({ value: 3, unit: 'hour' }), ko.spanAgo({ value: 2, unit: 'week' })], ['5분', '3시간', '2주 전']);
  });
});
