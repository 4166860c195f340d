import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '../../..');
const bundlePath = path.join(root, 'l10n', 'bundle.l10n.json');
const regenerate = 'regenerate it with `npm run l10n`';

interface L10nCall {
  where: string;
  /** The English key, or undefined when the first argument is not a literal the bundle can hold. */
  key: string | undefined;
}

/** Every `l10n.t(...)` call in src/, read with the TypeScript parser (not by the tool that writes the bundle). */
function l10nCalls(): L10nCall[] {
  const calls: L10nCall[] = [];
  const files = fs.readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, 'src', file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 't' &&
        /(^|\.)l10n$/.test(node.expression.expression.getText(source))
      ) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        calls.push({ where: `src/${file}:${line + 1}`, key: keyOf(node.arguments[0]) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

/** The bundle's key for a message: the text itself, or message/comment for the object form. */
function keyOf(argument: ts.Expression | undefined): string | undefined {
  if (argument && (ts.isStringLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument))) {
    return argument.text;
  }
  if (argument && ts.isObjectLiteralExpression(argument)) {
    const property = (name: string) => argument.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === name)?.initializer;
    const message = keyOf(property('message'));
    const comment = property('comment');
    const comments = comment && ts.isArrayLiteralExpression(comment) ? comment.elements.map(keyOf) : [keyOf(comment)];
    return message === undefined || comments.includes(undefined) ? undefined : comment ? `${message}/${comments.join('')}` : message;
  }
  return undefined;
}

describe('the l10n bundle (l10n/bundle.l10n.json, which package.json names)', () => {
  const calls = l10nCalls();
  const bundle = (): Record<string, string> => JSON.parse(fs.readFileSync(bundlePath, 'utf8'));

  it('exists in the folder package.json names', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.equal(path.resolve(root, manifest.l10n), path.dirname(bundlePath));
    assert.ok(fs.existsSync(bundlePath), `${bundlePath} is missing; ${regenerate}`);
  });

  it('finds the calls it checks (the reader is not blind)', () => {
    assert.ok(calls.length > 100, `${calls.length} calls found`);
    assert.ok(calls.some((c) => c.key === 'Used by no container.'));
  });

  it('gives every vscode.l10n.t call a literal English key, which a bundle can hold', () => {
    assert.deepEqual(
      calls.filter((c) => c.key === undefined).map((c) => c.where),
      [],
    );
  });

  it('holds the English key of every vscode.l10n.t call in src/', () => {
    const keys = bundle();
    const missing = calls.filter((c) => c.key !== undefined && !(c.key in keys)).map((c) => `${c.where}: ${JSON.stringify(c.key)}`);
    assert.deepEqual(missing, [], `missing from the bundle; ${regenerate}`);
  });

  it('holds no key that src/ no longer uses', () => {
    const used = new Set(calls.map((c) => c.key));
    assert.deepEqual(
      Object.keys(bundle()).filter((key) => !used.has(key)),
      [],
      `unused in the bundle; ${regenerate}`,
    );
  });
});
