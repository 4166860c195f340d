import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// Each translation (l10n/bundle.l10n.LANG.json, package.nls.LANG.json) against its English original:
// the same keys, the same placeholders, the same command links and code spans, and translated.
// The failures list the keys, so whoever adds an English string sees what to add in each language.

const root = path.resolve(__dirname, '../../..');

type Strings = Record<string, string>;

const read = (file: string): Strings => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

/** The translations of one English file: [language, file name]. */
function translationsOf(folder: string, prefix: string): [string, string][] {
  const pattern = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.([a-z]{2}(?:-[a-z]+)?)\\.json$`);
  return fs
    .readdirSync(path.join(root, folder))
    .map((name) => [pattern.exec(name)?.[1], path.join(folder, name)] as const)
    .filter((entry): entry is [string, string] => entry[0] !== undefined);
}

/** The placeholders a string uses, {0} {1}..., sorted, with repeats (a translation may reorder them, not drop or add one). */
const placeholders = (text: string): string[] => (text.match(/\{\d+\}/g) ?? []).sort();

/** Markdown command links and `code spans`: docker commands, settings and flags stay as they are. */
const literals = (text: string): string[] => [...(text.match(/\(command:[^)]*\)/g) ?? []), ...(text.match(/`[^`]+`/g) ?? [])].sort();

/** Values that are the same in every language (an id, a docker word no language translates). */
const sameInEveryLanguage = new Set(['ID']);

function checkTranslation(englishFile: string, translationFile: string, language: string): void {
  const english = read(englishFile);
  const translated = read(translationFile);
  const keys = Object.keys(english);
  const list = (found: string[]) => found.map((key) => `  ${JSON.stringify(key)}`).join('\n');

  it(`translates every key of ${englishFile}`, () => {
    const missing = keys.filter((key) => typeof translated[key] !== 'string' || translated[key].trim() === '');
    assert.deepEqual(missing, [], `${missing.length} keys have no ${language} text in ${translationFile}; add them:\n${list(missing)}`);
  });

  it('holds no key the English file does not have', () => {
    const extra = Object.keys(translated).filter((key) => !(key in english));
    assert.deepEqual(extra, [], `${extra.length} keys of ${translationFile} are not in ${englishFile} (renamed or removed there?); remove them:\n${list(extra)}`);
  });

  it('keeps every {0} placeholder, none dropped or added', () => {
    const wrong = keys.filter((key) => key in translated && placeholders(english[key]).join() !== placeholders(translated[key]).join());
    const detail = wrong.map(
      (key) => `  ${JSON.stringify(key)}: ${placeholders(english[key]).join(' ') || 'none'} -> ${placeholders(translated[key]).join(' ') || 'none'}`,
    );
    assert.deepEqual(wrong, [], `${wrong.length} ${language} strings in ${translationFile} change the placeholders:\n${detail.join('\n')}`);
  });

  it('keeps command links and `code` as they are', () => {
    const wrong = keys.filter((key) => key in translated && literals(english[key]).join('\n') !== literals(translated[key]).join('\n'));
    assert.deepEqual(wrong, [], `${wrong.length} ${language} strings in ${translationFile} change a (command:...) link or a \`code\` span:\n${list(wrong)}`);
  });

  it('is translated, not the English copied', () => {
    const copied = keys.filter((key) => translated[key] === english[key] && !sameInEveryLanguage.has(english[key]));
    assert.deepEqual(copied, [], `${copied.length} strings in ${translationFile} are still the English:\n${list(copied)}`);
  });
}

describe('translations', () => {
  const bundles = translationsOf('l10n', 'bundle.l10n');
  const manifests = translationsOf('.', 'package.nls');

  it('include Korean for both the code (l10n bundle) and the manifest (package.nls)', () => {
    assert.ok(
      bundles.some(([language]) => language === 'ko'),
      'l10n/bundle.l10n.ko.json is missing',
    );
    assert.ok(
      manifests.some(([language]) => language === 'ko'),
      'package.nls.ko.json is missing',
    );
  });

  for (const [language, file] of bundles) {
    describe(`${file} (${language})`, () => checkTranslation('l10n/bundle.l10n.json', file, language));
  }
  for (const [language, file] of manifests) {
    describe(`${file} (${language})`, () => checkTranslation('package.nls.json', file, language));
  }

  it('the placeholder check sees a dropped, an added and a reordered placeholder', () => {
    assert.notEqual(placeholders('Remove {0} of {1}?').join(), placeholders('{0}개 삭제?').join());
    assert.notEqual(placeholders('Remove {0}?').join(), placeholders('{0} {1} 삭제?').join());
    assert.equal(placeholders('{0} of {1}').join(), placeholders('{1} 중 {0}').join());
  });
});
