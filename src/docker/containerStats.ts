/** One sample of `GET /containers/{id}/stats` (the parts `docker stats` reads; cgroup v1 and v2). */
export interface RawStats {
  /** When the engine read it; the zero time once the container stopped (the stream stays open and resumes on start). */
  read?: string;
  cpu_stats?: { cpu_usage?: { total_usage?: number; percpu_usage?: number[] }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null };
  pids_stats?: { current?: number };
}

/** What one row of `docker stats` shows, as numbers. */
export interface StatsSample {
  cpuPercent: number;
  memoryUsage: number;
  memoryLimit: number;
  memoryPercent: number;
  networkReceived: number;
  networkSent: number;
  blockRead: number;
  blockWritten: number;
  pids: number;
}

/** Whether the sample was read from a running container: a stopped one's stream sends zeroed samples. */
export function sampledRunning(raw: RawStats): boolean {
  return !!raw.read && !raw.read.startsWith('0001-01-01');
}

/** The docker CLI's arithmetic (cli/command/container/stats_helpers.go), so both show the same numbers. */
export function statsSample(raw: RawStats): StatsSample {
  const cpu = raw.cpu_stats ?? {};
  const pre = raw.precpu_stats ?? {};
  const cpuDelta = (cpu.cpu_usage?.total_usage ?? 0) - (pre.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu.system_cpu_usage ?? 0) - (pre.system_cpu_usage ?? 0);
  const cpus = cpu.online_cpus || cpu.cpu_usage?.percpu_usage?.length || 1;
  const cpuPercent = cpuDelta > 0 && systemDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0;

  // Page cache the kernel can drop is not counted as used: total_inactive_file on cgroup v1, inactive_file on v2.
  const memory = raw.memory_stats ?? {};
  const stats = memory.stats ?? {};
  const inactive = stats.total_inactive_file ?? stats.inactive_file ?? 0;
  const usage = memory.usage ?? 0;
  const memoryUsage = inactive < usage ? usage - inactive : usage;
  const memoryLimit = memory.limit ?? 0;

  let networkReceived = 0;
  let networkSent = 0;
  for (const n of Object.values(raw.networks ?? {})) {
    networkReceived += n.rx_bytes ?? 0;
    networkSent += n.tx_bytes ?? 0;
  }
  let blockRead = 0;
  let blockWritten = 0;
  for (const entry of raw.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = (entry.op ?? '').toLowerCase();
    if (op === 'read') blockRead += entry.value ?? 0;
    if (op === 'write') blockWritten += entry.value ?? 0;
  }
  return {
    cpuPercent,
    memoryUsage,
    memoryLimit,
    memoryPercent: memoryLimit > 0 ? (memoryUsage / memoryLimit) * 100 : 0,
    networkReceived,
    networkSent,
    blockRead,
    blockWritten,
    pids: raw.pids_stats?.current ?? 0,
  };
}

/** "452KiB", "23.54GiB": powers of 1024 with four significant digits, as docker stats writes memory. */
export function binarySize(bytes: number): string {
  return scaled(bytes, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'], 4);
}

/** "1.19kB", "0B": powers of 1000 with three significant digits, as docker stats writes I/O. */
export function decimalSize(bytes: number): string {
  return scaled(bytes, 1000, ['B', 'kB', 'MB', 'GB', 'TB', 'PB'], 3);
}

function scaled(value: number, base: number, units: string[], digits: number): string {
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  return `${Number(value.toPrecision(digits))}${units[unit]}`;
}

/** The columns of `docker stats`, for one container; a stopped one shows "--" as the CLI does. Percentages in the display language; sizes in the CLI's own units. */
export function statsColumns(id: string, name: string, sample: StatsSample | undefined, percent: (n: number) => string): string[] {
  const short = id.replace(/^sha256:/, '').slice(0, 12);
  if (!sample) {
    return [short, name, '--', '-- / --', '--', '-- / --', '-- / --', '--'];
  }
  return [
    short,
    name,
    percent(sample.cpuPercent),
    `${binarySize(sample.memoryUsage)} / ${binarySize(sample.memoryLimit)}`,
    percent(sample.memoryPercent),
    `${decimalSize(sample.networkReceived)} / ${decimalSize(sample.networkSent)}`,
    `${decimalSize(sample.blockRead)} / ${decimalSize(sample.blockWritten)}`,
    String(sample.pids),
  ];
}

export const statsHeader = ['CONTAINER ID', 'NAME', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O', 'PIDS'];

/** Rows padded into columns three spaces apart, as the CLI's tabwriter lays them out. */
export function statsTable(rows: string[][]): string[] {
  const all = [statsHeader, ...rows];
  const widths = statsHeader.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] + 3))).join(''));
}
