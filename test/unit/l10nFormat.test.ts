import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

// Sizes, ages, counts and dates reach the user through display() (src/tree/display.ts), which reads
// vscode.env.language. A helper with a fixed language (formatSize's English default, the pull
// progress's own bytes) would show "1.98 MB" to a German window and "5 minutes ago" to a Korean one.

const root = path.resolve(__dirname, '../../..');
const src = path.join(root, 'src');

/** Calls of the named functions anywhere in src/ but the files that define them. */
function callsOf(names: string[], except: string[]): string[] {
  const found: string[] = [];
  for (const file of fs.readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !except.includes(f))) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(src, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression.getText(source).split('.').pop() ?? '';
        if (names.includes(callee)) {
          found.push(`src/${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${node.getText(source)}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('sizes, ages and counts in the display language', () => {
  it('come from display() everywhere in src/, never from a formatter with a fixed language', () => {
    const fixed = callsOf(
      ['formatSize', 'formatAge', 'formatBytes', 'toFixed', 'toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'],
      ['tree/format.ts', 'docker/pullProgress.ts'],
    );
    assert.deepEqual(fixed, [], 'use display().size/age/count/date (src/tree/display.ts) instead');
  });

  it('the check sees a fixed-language call (the reader is not blind)', () => {
    assert.ok(callsOf(['toFixed'], []).some((c) => c.startsWith('src/docker/pullProgress.ts')));
  });
});
