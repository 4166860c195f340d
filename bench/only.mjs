// BENCH_ONLY=section,section runs only those sections of `npm run bench` (default: all of them).
const SECTIONS = {
  listing: 'containers/images/volumes listing against the floor, the CLI and vscode-container-client',
  replayed: 'containers listing against a recorded engine answer',
  change: 'change to view, ours and the Microsoft design',
  idle: 'requests while nothing changes',
  burst: 'a prune of many containers',
  terminals: 'Open Shell to the first prompt byte and exec throughput against docker exec -it under a pty',
  startup: 'package, bundle and .vsix size, require() time',
  'vscode-startup': 'in a real VS Code: activate() to the first container rows',
  'vscode-memory': "in a real VS Code: the extension host's memory without and with the bench's objects",
  open: 'in a real VS Code: opening the view at 1000, 3000 and 10,000 containers, cold and warm host, with the event-loop delay',
  page: 'in a real VS Code: every kind of container change to its row on the page, beside the raw event (its floor), at 1000 and 10,000 containers',
  scroll: 'in a real VS Code: a compose project of 5,000 among 10,000 containers expanded and scrolled to its end',
  'burst-vscode': 'in a real VS Code: 2,000 stopped containers removed among 10,000, to the page showing none',
  'idle-vscode': 'in a real VS Code, nothing changing with 3000 containers: ours shown, dormant and not installed side by side: requests, CPU, timers, heap',
};
const ALIASES = { vscode: ['vscode-startup', 'vscode-memory', 'open', 'page', 'scroll', 'burst-vscode', 'idle-vscode'] };

function parse(value) {
  const names = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !Object.hasOwn(SECTIONS, n) && !Object.hasOwn(ALIASES, n));
  if (unknown.length) {
    const known = [...Object.keys(SECTIONS), ...Object.keys(ALIASES)].join(', ');
    console.error(`[bench] BENCH_ONLY names unknown section(s) ${unknown.join(', ')}; known: ${known}. Nothing was run.`);
    process.exit(2);
  }
  return names.length ? new Set(names.flatMap((n) => ALIASES[n] ?? [n])) : undefined;
}

const only = parse(process.env.BENCH_ONLY);

/** Whether the run includes `section`. */
export function wants(section) {
  if (!Object.hasOwn(SECTIONS, section)) throw new Error(`no bench section named ${section}`);
  return !only || only.has(section);
}
