import * as assert from 'node:assert/strict';
import { displayFormat, formatAge, formatSize } from '../../src/tree/format';

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

  it('prints sizes in powers of 1000 as docker images does, with the language\'s decimal sign', () => {
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

  it('falls back to English for a language tag Intl does not accept', () => {
    assert.equal(formatAge(ago(5 * minute), 'not a language', now), '5 minutes ago');
  });
});
