import * as assert from 'node:assert/strict';
import { displayFormat } from '../../src/tree/format';
import { sampledRunning, binarySize, decimalSize, statsColumns, statsSample, statsTable } from '../../src/docker/containerStats';

// A sample as this machine's engine answered it (cgroup v1), with the row `docker stats` printed for it:
// f39ead8db661   worker    0.00%     452KiB / 23.54GiB   0.00%     1.19kB / 0B   0B / 0B     2
const idle = {
  read: '2026-12-01T16:43:31.623414616Z',
  cpu_stats: { cpu_usage: { total_usage: 90946846, percpu_usage: [48099390, 42847456] }, system_cpu_usage: 48229220000000, online_cpus: 2 },
  precpu_stats: { cpu_usage: { total_usage: 90928171 }, system_cpu_usage: 48227230000000 },
  memory_stats: { usage: 471040, limit: 25275990016, stats: { total_inactive_file: 8192, inactive_file: 8192 } },
  networks: { eth0: { rx_bytes: 1188, tx_bytes: 0 } },
  blkio_stats: { io_service_bytes_recursive: [] },
  pids_stats: { current: 2 },
};

const { percent } = displayFormat('en');

describe('container stats (docker stats)', () => {
  it('gives the row docker stats printed for the same sample', () => {
    assert.deepEqual(statsColumns('f39ead8db661aa', 'worker', statsSample(idle), percent), [
      'f39ead8db661',
      'worker',
      '0.00%',
      '452KiB / 23.54GiB',
      '0.00%',
      '1.19kB / 0B',
      '0B / 0B',
      '2',
    ]);
  });

  it('counts CPU across every CPU as the CLI does: one busy core of two is 100%', () => {
    const busy = {
      ...idle,
      cpu_stats: { ...idle.cpu_stats, cpu_usage: { total_usage: 1_000_000_000 } },
      precpu_stats: { cpu_usage: { total_usage: 0 }, system_cpu_usage: idle.cpu_stats.system_cpu_usage - 2_000_000_000 },
    };
    assert.equal(statsSample(busy).cpuPercent.toFixed(2), '100.00');
    assert.equal(statsSample({ ...idle, precpu_stats: {} }).cpuPercent > 0, true, 'a first sample without precpu still counts from zero');
    assert.equal(statsSample({}).cpuPercent, 0);
  });

  it('leaves out droppable page cache on cgroup v2, and sums block I/O by operation and networks by interface', () => {
    const v2 = statsSample({
      memory_stats: { usage: 10 * 1024 * 1024, limit: 100 * 1024 * 1024, stats: { inactive_file: 2 * 1024 * 1024 } },
      networks: { eth0: { rx_bytes: 1500, tx_bytes: 500 }, eth1: { rx_bytes: 500, tx_bytes: 500 } },
      blkio_stats: {
        io_service_bytes_recursive: [
          { op: 'Read', value: 4096 },
          { op: 'read', value: 4096 },
          { op: 'Write', value: 1_000_000 },
          { op: 'Total', value: 9 },
        ],
      },
    });
    assert.equal(v2.memoryUsage, 8 * 1024 * 1024);
    assert.equal(v2.memoryPercent, 8);
    assert.deepEqual([v2.networkReceived, v2.networkSent, v2.blockRead, v2.blockWritten], [2000, 1000, 8192, 1_000_000]);
  });

  it("tells a stopped container's zeroed samples from a running one's", () => {
    assert.equal(sampledRunning({ read: '2026-12-01T16:43:31.623414616Z' }), true);
    assert.equal(sampledRunning({ read: '0001-01-01T00:00:00Z' }), false);
    assert.equal(sampledRunning({}), false);
  });

  it('writes percentages in the display language', () => {
    assert.deepEqual([displayFormat('en').percent(12.5), displayFormat('de').percent(12.5)], ['12.50%', '12,50\u00a0%']);
  });

  it('writes sizes in the CLI units: binary for memory, decimal for I/O', () => {
    assert.deepEqual([binarySize(0), binarySize(1536), binarySize(1024 ** 3 * 1.5)], ['0B', '1.5KiB', '1.5GiB']);
    assert.deepEqual([decimalSize(999), decimalSize(1000), decimalSize(123_456_789)], ['999B', '1kB', '123MB']);
  });

  it('lays out columns three spaces apart and shows a stopped container as --', () => {
    const table = statsTable([statsColumns('abc', 'web', undefined, percent)]);
    assert.equal(table.length, 2);
    assert.ok(table[0].startsWith('CONTAINER ID   NAME   CPU %'));
    assert.ok(table[1].startsWith('abc            web    --   '));
  });
});
