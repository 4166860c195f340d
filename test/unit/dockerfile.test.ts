import * as assert from 'node:assert/strict';
import { scanDockerfile } from '../../src/docker/dockerfile';

describe('the Dockerfile scanner: ARGs, stages and what needs BuildKit', () => {
  it('finds global and stage ARGs with their defaults, quoted or not, several on a line', () => {
    const scan = scanDockerfile(
      ['ARG BASE=busybox', 'FROM $BASE AS build', 'ARG VERSION', 'ARG A="two words" B=\'x y\' C=3', 'RUN echo $VERSION', 'FROM build', 'arg late=1'].join('\n'),
    );
    assert.deepEqual(
      scan.args.map((a) => [a.name, a.defaultValue, a.stage, a.line]),
      [
        ['BASE', 'busybox', undefined, 1],
        ['VERSION', undefined, 0, 3],
        ['A', 'two words', 0, 4],
        ['B', 'x y', 0, 4],
        ['C', '3', 0, 4],
        ['late', '1', 1, 7],
      ],
    );
  });

  it('lists the stages with their names lowercased, as the builder reads them', () => {
    const scan = scanDockerfile('FROM --platform=linux/amd64 busybox AS Build\nRUN true\nFROM build as runtime\nFROM scratch\n');
    assert.deepEqual(
      scan.stages.map((s) => [s.index, s.name, s.base, s.line]),
      [
        [0, 'build', 'busybox', 1],
        [1, 'runtime', 'build', 3],
        [2, undefined, 'scratch', 4],
      ],
    );
    assert.equal(scan.instructions, 4);
    assert.deepEqual(scan.buildKitOnly, []);
  });

  it('joins continued lines, skipping comments and blank lines inside them, with the escape directive', () => {
    const scan = scanDockerfile('FROM busybox\nRUN echo a \\\n  # a comment\n\n  && echo b\nARG X=1');
    assert.equal(scan.instructions, 3);
    assert.deepEqual(scan.args[0], { name: 'X', defaultValue: '1', stage: 0, line: 6 });
    const backtick = scanDockerfile('# escape=`\nFROM busybox\nRUN echo a `\n  b\nARG Y');
    assert.equal(backtick.instructions, 3);
    assert.equal(backtick.args[0].line, 5);
  });

  it('says which lines need BuildKit: a syntax directive, RUN flags, COPY and ADD flags it lacks, heredocs', () => {
    const scan = scanDockerfile(
      [
        '# syntax=docker/dockerfile:1.4',
        'FROM busybox',
        'RUN --mount=type=cache,target=/root/.cache make',
        'RUN --network=none true',
        'COPY --chmod=755 run.sh /',
        'COPY --link . /app',
        'COPY --from=build --chown=1:1 /out /out',
        'ADD --chown=1:1 a /a',
        'RUN <<EOF',
        'echo hi',
        'EOF',
        'COPY <<-"END" /etc/x',
      ].join('\n'),
    );
    assert.deepEqual(
      scan.buildKitOnly.map((u) => [u.feature, u.line, u.text]),
      [
        ['syntax', 1, '# syntax=docker/dockerfile:1.4'],
        ['runFlag', 3, 'RUN --mount=type=cache,target=/root/.cache'],
        ['runFlag', 4, 'RUN --network=none'],
        ['copyFlag', 5, 'COPY --chmod=755'],
        ['copyFlag', 6, 'COPY --link'],
        ['heredoc', 9, 'RUN <<EOF'],
        ['heredoc', 12, 'COPY <<-"END"'],
      ],
    );
  });

  it('takes a syntax line after the top for an ordinary comment, and shell text for no heredoc', () => {
    const scan = scanDockerfile('FROM busybox\n# syntax=docker/dockerfile:1\nRUN echo $((1<<2)) && echo "a -- b"\nCOPY --from=0 /a /b');
    assert.deepEqual(scan.buildKitOnly, []);
    const afterComment = scanDockerfile('# just a comment\n# syntax=docker/dockerfile:1\nFROM busybox');
    assert.deepEqual(afterComment.buildKitOnly, [], 'directives end at the first ordinary comment');
  });

  it('reads CRLF files and a byte-order mark', () => {
    const scan = scanDockerfile('\uFEFF# syntax=x\r\nFROM busybox AS a\r\nARG V=1\r\n');
    assert.equal(scan.buildKitOnly[0].feature, 'syntax');
    assert.equal(scan.stages[0].name, 'a');
    assert.equal(scan.args[0].defaultValue, '1');
  });
});
