import { toDockerError } from './errors';
import type { DockerService } from './service';

/**
 * The shell the "auto" setting opens: bash when the container has /bin/bash, else the POSIX sh
 * every image with a shell has. The engine's file stat answers without starting a process
 * (about 2 ms, where running `test -x` in the container took about 100 ms); an engine that
 * cannot stat the path still gets the answer from `test -x`.
 */
export async function autoShell(service: Pick<DockerService, 'hasExecutable' | 'execExitCode'>, containerId: string): Promise<'bash' | 'sh'> {
  try {
    return (await service.hasExecutable(containerId, '/bin/bash')) ? 'bash' : 'sh';
  } catch (err) {
    const { code } = toDockerError(err);
    if (code !== 'engine' && code !== 'badRequest') {
      throw err;
    }
  }
  return (await service.execExitCode(containerId, ['test', '-x', '/bin/bash'])) === 0 ? 'bash' : 'sh';
}
