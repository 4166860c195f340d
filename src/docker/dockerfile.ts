/**
 * A Dockerfile read the way the legacy builder reads it, only as far as the build questions need:
 * its ARGs (to offer as --build-arg), its stages (to offer as --target) and what only BuildKit
 * understands (so such a file is refused before anything is sent). Pure: no file system, no vscode.
 */
export interface DockerfileArg {
  name: string;
  /** The default after `=`, unquoted; undefined when the ARG has none. */
  defaultValue?: string;
  /** Index of the stage it is declared in; undefined for an ARG before the first FROM (usable in FROM lines). */
  stage?: number;
  line: number;
}

export interface DockerfileStage {
  index: number;
  /** The name after AS, lowercased as the builder does; undefined for an unnamed stage. */
  name?: string;
  /** The image (or stage) it starts FROM, as written. */
  base: string;
  line: number;
}

export type BuildKitFeature = 'syntax' | 'runFlag' | 'copyFlag' | 'heredoc';

export interface BuildKitUse {
  feature: BuildKitFeature;
  /** 1-based line of the instruction (or the directive). */
  line: number;
  /** What was found, e.g. `RUN --mount=type=cache,target=/root` or `# syntax=docker/dockerfile:1`. */
  text: string;
}

export interface DockerfileScan {
  args: DockerfileArg[];
  stages: DockerfileStage[];
  /** Everything in the file the legacy builder (engine 20.10 without BuildKit) cannot build. */
  buildKitOnly: BuildKitUse[];
  /** How many instructions there are: the M of the legacy builder's `Step N/M`. */
  instructions: number;
}

interface Instruction {
  keyword: string;
  rest: string;
  line: number;
}

/** Stage names as moby's parser accepts them (checked after lowercasing). */
export const stageNamePattern = /^[a-z][a-z0-9-_.]*$/;
/** The flags the legacy builder knows on COPY and ADD; any other is BuildKit's. */
const legacyCopyFlags: Record<string, readonly string[]> = { COPY: ['from', 'chown'], ADD: ['chown'] };
const heredoc = /<<-?\s*(["']?)[A-Za-z_][A-Za-z0-9_]*\1/;

export function scanDockerfile(text: string): DockerfileScan {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const { escape, syntax, firstLine } = readDirectives(lines);
  const buildKitOnly: BuildKitUse[] = syntax ? [syntax] : [];
  const args: DockerfileArg[] = [];
  const stages: DockerfileStage[] = [];
  const instructions = joinInstructions(lines, firstLine, escape);
  for (const { keyword, rest, line } of instructions) {
    if (keyword === 'FROM') {
      stages.push(readFrom(rest, stages.length, line));
    } else if (keyword === 'ARG') {
      const stage = stages.length > 0 ? stages.length - 1 : undefined;
      args.push(...readArgs(rest).map((a) => ({ ...a, stage, line })));
    }
    buildKitOnly.push(...buildKitUses(keyword, rest, line));
  }
  return { args, stages, buildKitOnly, instructions: instructions.length };
}

/** Parser directives: `# key=value` lines at the very top, before any comment, blank line or instruction. */
function readDirectives(lines: string[]): { escape: string; syntax?: BuildKitUse; firstLine: number } {
  let escape = '\\';
  let syntax: BuildKitUse | undefined;
  let i = 0;
  for (; i < lines.length; i++) {
    const directive = /^\s*#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.*?)\s*$/.exec(lines[i]);
    if (!directive) break;
    const key = directive[1].toLowerCase();
    if (key === 'escape' && (directive[2] === '`' || directive[2] === '\\')) {
      escape = directive[2];
    } else if (key === 'syntax') {
      syntax = { feature: 'syntax', line: i + 1, text: lines[i].trim() };
    } else if (key !== 'check') {
      break; // not a directive: an ordinary comment, and directives end here
    }
  }
  return { escape, syntax, firstLine: i };
}

/** Logical instructions: continuation lines joined, comments and blank lines inside them dropped. */
function joinInstructions(lines: string[], from: number, escape: string): Instruction[] {
  const result: Instruction[] = [];
  let current: { text: string; line: number } | undefined;
  for (let i = from; i < lines.length; i++) {
    const raw = lines[i];
    const trimmed = raw.trim();
    // Blank lines and comments are skipped, also inside a continued instruction.
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const continues = trimmed.endsWith(escape) && !trimmed.endsWith(escape + escape);
    const body = continues ? trimmed.slice(0, -1) : trimmed;
    current = current ? { text: `${current.text} ${body}`, line: current.line } : { text: body, line: i + 1 };
    if (!continues) {
      result.push(toInstruction(current));
      current = undefined;
    }
  }
  if (current) result.push(toInstruction(current));
  return result;
}

function toInstruction({ text, line }: { text: string; line: number }): Instruction {
  const match = /^(\S+)\s*(.*)$/.exec(text.trim()) ?? ['', text, ''];
  return { keyword: match[1].toUpperCase(), rest: match[2].trim(), line };
}

function readFrom(rest: string, index: number, line: number): DockerfileStage {
  const words = rest.split(/\s+/).filter((w) => !w.startsWith('--'));
  const base = words[0] ?? '';
  const name = words.length >= 3 && words[1].toLowerCase() === 'as' ? words[2].toLowerCase() : undefined;
  return { index, name, base, line };
}

/** `ARG NAME`, `ARG NAME=default`, several on one line, defaults in quotes or not. */
function readArgs(rest: string): Omit<DockerfileArg, 'stage' | 'line'>[] {
  const found: Omit<DockerfileArg, 'stage' | 'line'>[] = [];
  const pair = /([^\s=]+)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g;
  for (const m of rest.matchAll(pair)) {
    const value = m[2];
    found.push({ name: m[1], defaultValue: value === undefined ? undefined : unquote(value) });
  }
  return found;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return value.slice(1, -1).replace(/\\(.)/g, '$1');
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1);
  return value;
}

function buildKitUses(keyword: string, rest: string, line: number): BuildKitUse[] {
  const uses: BuildKitUse[] = [];
  const leading = leadingFlags(rest);
  if (keyword === 'RUN' && leading.length > 0) {
    // The legacy builder knows no RUN flags at all: --mount, --network, --security are BuildKit's.
    uses.push({ feature: 'runFlag', line, text: `RUN ${leading.join(' ')}` });
  }
  if (keyword in legacyCopyFlags) {
    const unknown = leading.filter((f) => !legacyCopyFlags[keyword].includes(/^--([^=]+)/.exec(f)?.[1] ?? ''));
    if (unknown.length > 0) uses.push({ feature: 'copyFlag', line, text: `${keyword} ${unknown.join(' ')}` });
  }
  if ((keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') && heredoc.test(rest)) {
    uses.push({ feature: 'heredoc', line, text: `${keyword} ${heredoc.exec(rest)?.[0]}` });
  }
  return uses;
}

/** The `--flag[=value]` words an instruction starts with (flags end at the first other word). */
function leadingFlags(rest: string): string[] {
  const result: string[] = [];
  for (const word of rest.split(/\s+/)) {
    if (!/^--[a-zA-Z]/.test(word)) break;
    result.push(word);
  }
  return result;
}
