// The services and profiles a compose file names, read only to offer them in a quick pick. The
// compose tool itself parses the file when it runs: this is a reading of the block layout most
// files use (`services:` at the top, one key per service), not a YAML implementation.

export interface ComposeServiceEntry {
  name: string;
  profiles: string[];
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function isBlankOrComment(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

function unquote(word: string): string {
  const w = word.trim();
  return /^(['"]).*\1$/.test(w) ? w.slice(1, -1) : w;
}

/** `key:` or `key: value` at the start of a trimmed line; undefined for anything else. */
function keyOf(trimmed: string): { key: string; value: string } | undefined {
  const m = /^("[^"]+"|'[^']+'|[A-Za-z0-9_.-]+)\s*:(?:\s+(.*))?$/.exec(trimmed);
  return m ? { key: unquote(m[1]), value: (m[2] ?? '').replace(/\s+#.*$/, '').trim() } : undefined;
}

/** The services of a compose file, in file order, each with the profiles it belongs to. */
export function composeServices(text: string): ComposeServiceEntry[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^services\s*:\s*(#.*)?$/.test(l));
  if (start < 0) {
    return [];
  }
  const services: ComposeServiceEntry[] = [];
  let serviceIndent: number | undefined;
  let current: ComposeServiceEntry | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (isBlankOrComment(line)) {
      continue;
    }
    const indent = indentOf(line);
    if (indent === 0) {
      break;
    }
    serviceIndent ??= indent;
    const entry = keyOf(line.trim());
    if (indent === serviceIndent) {
      current = entry ? { name: entry.key, profiles: [] } : undefined;
      if (current) {
        services.push(current);
      }
      continue;
    }
    if (current && entry?.key === 'profiles' && indent > serviceIndent) {
      current.profiles = entry.value ? flowList(entry.value) : blockList(lines, i + 1, indent);
    }
  }
  return services;
}

/** `[a, "b"]` */
function flowList(value: string): string[] {
  const inner = /^\[(.*)\]$/.exec(value)?.[1];
  return inner === undefined
    ? []
    : inner
        .split(',')
        .map(unquote)
        .filter((s) => s !== '');
}

/** `- a` lines below a key. */
function blockList(lines: string[], from: number, keyIndent: number): string[] {
  const items: string[] = [];
  for (let i = from; i < lines.length; i++) {
    if (isBlankOrComment(lines[i])) {
      continue;
    }
    const m = /^(\s*)-\s+(.*)$/.exec(lines[i]);
    if (!m || m[1].length < keyIndent) {
      break;
    }
    items.push(unquote(m[2].replace(/\s+#.*$/, '')));
  }
  return items;
}

/** Every profile any service names, sorted. */
export function composeProfiles(services: ComposeServiceEntry[]): string[] {
  return [...new Set(services.flatMap((s) => s.profiles))].sort();
}
