import { toDockerError } from '../../docker/errors';
import type { DockerService } from '../../docker/service';

/**
 * After a cancel the engine stops the build by itself, a moment after the request closed: waits
 * (bounded) until the container of the step that was running is gone or no longer running.
 */
export async function waitForBuildStopped(service: DockerService, containerId: string, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const info = await service.inspectContainer(containerId);
      if (!info.State.Running) return true;
    } catch (err) {
      if (toDockerError(err).code === 'notFound') return true;
      throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
