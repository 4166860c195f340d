// DX_BENCH_CPU_PROFILE=<folder>: a V8 CPU profile of this extension host while the view opens
// (bench/openProfile.mjs reads it: where the time went, and what ran in the longest blocks).
import * as fs from 'node:fs';
import { Session } from 'node:inspector';
import * as path from 'node:path';

export interface CpuProfiler {
  /** Stops profiling and writes `<name>.cpuprofile` into the folder; resolves with its path. */
  stop(name: string): Promise<string | undefined>;
}

const off: CpuProfiler = { stop: async () => undefined };

export async function startCpuProfile(folder = process.env.DX_BENCH_CPU_PROFILE): Promise<CpuProfiler> {
  if (!folder) {
    return off;
  }
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  return {
    async stop(name) {
      const { profile } = (await post('Profiler.stop')) as { profile: object };
      session.disconnect();
      fs.mkdirSync(folder, { recursive: true });
      const file = path.join(folder, `${name}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}
