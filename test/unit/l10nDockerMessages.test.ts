import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import ts from 'typescript';
import { readBuildContext } from '../../src/docker/buildContext';
import { buildArgProblem } from '../../src/docker/buildOptions';
import { resolveEndpoint } from '../../src/docker/connection';
import { ContainerFiles } from '../../src/docker/containerFiles';
import { parseImageRef } from '../../src/docker/imageRef';
import { parseSubnet } from '../../src/docker/networkSpec';
import { parseRegistryAddress } from '../../src/docker/registryAddress';
import { parsePort } from '../../src/docker/runSpec';
import type { DockerService } from '../../src/docker/service';
import { ArchiveTooLargeError } from '../../src/docker/tarEntries';

// Messages src/docker builds for people (the parsers' errors, the engine and registry failures)
// reach the user as they are (describeFailure shows their text), so they are worded through
// @vscode/l10n, which the extension configures with the display language's bundle. src/docker
// has no vscode.

const root = path.resolve(__dirname, '../../..');
const dockerDir = path.join(root, 'src', 'docker');

/** Two words in a row: text for people, unless it is one of the kinds below. */
const prose = /\b[A-Za-z][a-z]*[,:;.]? [a-z]{2,}\b/;

/**
 * Literals with words in them that are not for people, each with why. A docker CLI option line
 * (starting with -) is the CLI's own words and is never listed here.
 */
const notForPeople: { file: string; starts: string; why: string }[] = [
  { file: 'containerFiles.ts', starts: 'cd -- "$1"', why: 'the listing script run by sh in the container' },
  { file: 'containerFiles.ts', starts: 'if [ -L "$f" ]', why: 'the listing script run by sh in the container' },
  { file: 'containerFiles.ts', starts: 'elif [ -d "$f" ]', why: 'the listing script run by sh in the container' },
  { file: 'pullProgress.ts', starts: 'Pulling fs layer', why: "the engine's own status, matched as it sends it" },
  { file: 'service.ts', starts: 'server error', why: "docker-modem's reason for a 500, which errors.ts strips before the engine's message" },
  { file: 'store.ts', starts: 'Exited (', why: "a status in the engine's own format, which containerStatus.ts parses" },
  { file: 'eventGuess.ts', starts: 'Up Less than a second', why: "a status in the engine's own format, which containerStatus.ts parses" },
  { file: 'eventGuess.ts', starts: 'Exited (', why: "a status in the engine's own format, which containerStatus.ts parses" },
];

/** A literal's text with each ${...} as {}, so only the words written in the source are read. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('{}');
  return undefined;
}

const isL10nCall = (node: ts.Node, source: ts.SourceFile): node is ts.CallExpression =>
  ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && /^l10n\.t$/.test(node.expression.getText(source));

/** Every string or template literal in src/docker that reads as words for people and is not the message of an l10n.t call. */
function englishOnlyMessages(): string[] {
  const found: string[] = [];
  for (const file of fs.readdirSync(dockerDir).filter((f) => f.endsWith('.ts'))) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(dockerDir, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
      const text = literalText(node);
      if (text !== undefined) {
        const allowed = text.startsWith('-') || notForPeople.some((n) => n.file === file && text.startsWith(n.starts));
        if (prose.test(text) && !allowed) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          found.push(`src/docker/${file}:${line + 1}: ${text.slice(0, 80)}`);
        }
      }
      if (isL10nCall(node, source)) {
        // The message is the bundle's key; the arguments are read like any other code.
        node.arguments.slice(1).forEach(visit);
        return;
      }
      if (ts.isTemplateExpression(node)) {
        node.templateSpans.forEach((span) => visit(span.expression));
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('messages built in src/docker', () => {
  it('all go through l10n (import * as l10n from "@vscode/l10n"; l10n.t with {0} placeholders)', () => {
    const found = englishOnlyMessages();
    assert.deepEqual(
      found,
      [],
      `${found.length} literals in src/docker read as words for people but are not l10n.t messages. Word them with l10n.t('... {0} ...', value), ` +
        `or, when they are not for people (a script, the engine's own words), add them to notForPeople with why:\n  ${found.join('\n  ')}`,
    );
  });

  it('the check finds a message built without l10n, and passes one built with it', () => {
    const check = (code: string) => {
      const source = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
      const hits: string[] = [];
      const visit = (node: ts.Node): void => {
        const text = literalText(node);
        if (text !== undefined && prose.test(text) && !text.startsWith('-')) hits.push(text);
        if (isL10nCall(node, source)) return void node.arguments.slice(1).forEach(visit);
        ts.forEachChild(node, visit);
      };
      visit(source);
      return hits;
    };
    assert.deepEqual(check('fail(`${name} is not a network name`);'), ['{} is not a network name']);
    assert.deepEqual(check("return 'A user name is required.';"), ['A user name is required.']);
    assert.deepEqual(check("fail(l10n.t('{0} is not a network name', name));"), []);
    assert.deepEqual(check("l10n.t('{0} failed ({1})', program, 'no such helper');"), ['no such helper']);
    assert.deepEqual(check("new DockerError('notFound', message); fail('--network backend');"), []);
  });

  it('are English in plain Node, with their placeholders filled', async () => {
    assert.throws(() => parseImageRef('Bad Name'), { message: '"Bad Name" contains spaces or control characters, which an image name cannot have.' });
    assert.throws(() => parseImageRef('nginx:-x'), { message: '"-x" is not a valid tag: use up to 128 letters, digits, _, . or -, not starting with . or -.' });
    // networkSpec: one placeholder used twice, in an order of its own.
    assert.throws(() => parseSubnet('10.10.0.1/24'), {
      message: '--subnet 10.10.0.1/24: the address has bits set outside the /24 prefix; did you mean 10.10.0.0/24?',
    });
    // runSpec: each side of a port mapping has its own sentence.
    assert.throws(() => parsePort('70000:80'), { message: '-p 70000:80: host port 70000 is out of range; ports go from 1 to 65535.' });
    assert.throws(() => parsePort('8080:0'), { message: '-p 8080:0: container port 0 is out of range; ports go from 1 to 65535.' });
    // connection: where the host came from, as one more whole sentence around the message.
    assert.throws(() => resolveEndpoint({ setting: 'tcp://h:0', env: {}, homedir: '/home/u', platform: 'linux', readFile: () => undefined }), {
      message: 'The Docker host "tcp://h:0" has an invalid port "0"; use a number from 1 to 65535. (from settings)',
    });
    assert.throws(() => parseRegistryAddress('ftp://r.example'), {
      message: '"ftp://r.example": a registry is reached over https:// (or http:// on this machine\'s loopback), not ftp://.',
    });
    assert.equal(buildArgProblem('=1'), '"=1" has no name before "=": give NAME=value, e.g. VERSION=1.2.');
    assert.equal(new ArchiveTooLargeError(12).message, 'the file is larger than the limit (12 bytes)');
    const missing = path.join(os.tmpdir(), 'dx-l10n-no-such-context');
    await assert.rejects(readBuildContext(missing, path.join(missing, 'Dockerfile')), { message: `The build context folder ${missing} does not exist.` });
    // containerFiles: a HEAD with no answer, and no container either.
    const service = { statPath: async () => undefined, findContainer: async () => undefined } as unknown as DockerService;
    await assert.rejects(new ContainerFiles(service).stat('web', '/etc/hosts'), { message: 'the container web does not exist any more' });
  });

  it('are worded by the bundle @vscode/l10n is configured with (Korean here), placeholders filled the same', () => {
    const korean = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.ko.json'), 'utf8')) as Record<string, string>;
    l10n.config({ contents: korean });
    try {
      assert.throws(() => parseSubnet('10.10.0.1/24'), {
        message: korean['{0} {1}: the address has bits set outside the /{2} prefix; did you mean {3}/{2}?']
          .replace('{0}', '--subnet')
          .replace('{1}', '10.10.0.1/24')
          .replace(/\{2\}/g, '24')
          .replace('{3}', '10.10.0.0'),
      });
      assert.match(new ArchiveTooLargeError(12).message, /12/);
      assert.notEqual(new ArchiveTooLargeError(12).message, 'the file is larger than the limit (12 bytes)');
    } finally {
      l10n.config({ contents: {} });
    }
    assert.equal(new ArchiveTooLargeError(12).message, 'the file is larger than the limit (12 bytes)');
  });
});
