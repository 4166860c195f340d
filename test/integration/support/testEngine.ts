import Docker from 'dockerode';
import * as net from 'node:net';

/** Every object a test creates carries this label, so cleanup removes only what tests made. */
export const runLabel = 'dev.docker-explorer.test-run';
export const runId = `${process.pid}-${Date.now()}`;

export const testImage = process.env.DX_TEST_IMAGE ?? 'dx-test/busybox:latest';

/** A client of the private test engine, independent of the extension, to act "from outside". */
export function testDocker(): Docker {
  const host = process.env.DOCKER_HOST ?? '';
  if (!host.startsWith('unix://')) {
    throw new Error(`integration tests need the private engine's unix DOCKER_HOST, got "${host}"`);
  }
  return new Docker({ socketPath: host.slice('unix://'.length) });
}

export function uniqueName(prefix: string): string {
  return `dxt-${prefix}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A container that stops at once on SIGTERM (init as PID 1), labelled as the tests'. */
export async function createContainer(docker: Docker, name: string, options: Partial<Docker.ContainerCreateOptions> = {}): Promise<Docker.Container> {
  return docker.createContainer({
    name,
    Image: testImage,
    Cmd: ['sleep', '3600'],
    ...options,
    // After the caller's options: a caller's own Labels must not drop the run label the cleanup finds.
    Labels: { ...(options.Labels ?? {}), [runLabel]: runId },
    HostConfig: { Init: true, ...(options.HostConfig ?? {}) },
  });
}

/** Removes every container and volume this test run created, and image tags it added. */
export function cleanupRun(docker: Docker): Promise<void> {
  return removeLabelled(docker, `${runLabel}=${runId}`);
}

/** Leftovers of earlier runs that crashed before their cleanup (anything with the run label, whatever its run). */
export function cleanupEarlierRuns(docker: Docker): Promise<void> {
  return removeLabelled(docker, runLabel);
}

/** Removes the containers (with their anonymous volumes), then the volumes and networks that carry `label`. */
async function removeLabelled(docker: Docker, label: string): Promise<void> {
  const containers = await docker.listContainers({ all: true, filters: { label: [label] } });
  for (let i = 0; i < containers.length; i += 20) {
    await Promise.all(
      containers.slice(i, i + 20).map((c) =>
        docker
          .getContainer(c.Id)
          .remove({ force: true, v: true })
          .catch(() => undefined),
      ),
    );
  }
  const networks = await docker.listNetworks({ filters: { label: [label] } });
  await Promise.all(
    networks.map((n) =>
      docker
        .getNetwork(n.Id)
        .remove()
        .catch(() => undefined),
    ),
  );
  const { Volumes } = await docker.listVolumes({ filters: { label: [label] } });
  await Promise.all(
    (Volumes ?? []).map((v) =>
      docker
        .getVolume(v.Name)
        .remove()
        .catch(() => undefined),
    ),
  );
}

let subnets = 0;
const subnetBase = (process.pid + Date.now()) % 200;

/**
 * A /24 for a test network, unique within this run and in a range (10.231.0.0/16) kept for the
 * network tests: each network's bridge lands on the host, beside the other engines' bridges.
 */
export function testSubnet(): { subnet: string; gateway: string; host: (n: number) => string } {
  const third = (subnetBase + subnets++) % 200;
  const prefix = `10.231.${20 + third}`;
  return { subnet: `${prefix}.0/24`, gateway: `${prefix}.1`, host: (n) => `${prefix}.${n}` };
}

/** A user-defined bridge network with the run label, so cleanupRun removes it. */
export async function createNetwork(docker: Docker, name: string, options: Partial<Docker.NetworkCreateOptions> = {}): Promise<Docker.Network> {
  return docker.createNetwork({ Name: name, CheckDuplicate: true, ...options, Labels: { ...(options.Labels ?? {}), [runLabel]: runId } });
}

/** A loopback port free right now, for publishing a container port in a test. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
