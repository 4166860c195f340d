// A compose project as the engine shows it: its containers by the labels compose puts on them.
// No vscode import: the tree and the project commands share it, unit-tested in plain Node.
import { ContainerModel, isActive, isRunning } from './models';

/** The project's state as one word, for the table of actions: what its containers are, taken together. */
export type ProjectState = 'running' | 'partial' | 'paused' | 'stopped';

export function projectState(containers: readonly ContainerModel[]): ProjectState {
  if (containers.some((c) => c.state === 'paused')) {
    return 'paused';
  }
  const running = containers.filter(isRunning).length;
  if (running === 0) {
    return containers.some(isActive) ? 'partial' : 'stopped';
  }
  return running === containers.length ? 'running' : 'partial';
}

export interface ServiceGroup {
  service: string;
  /** Its containers, one per replica, in the order given. */
  containers: ContainerModel[];
}

/** The project's services by name, each with its containers; those without the service label stay on their own. */
export function servicesOf(containers: readonly ContainerModel[]): { services: ServiceGroup[]; unlabelled: ContainerModel[] } {
  const byService = new Map<string, ContainerModel[]>();
  const unlabelled: ContainerModel[] = [];
  for (const c of containers) {
    const service = c.composeService;
    if (service === undefined) {
      unlabelled.push(c);
      continue;
    }
    const list = byService.get(service);
    if (list) {
      list.push(c);
    } else {
      byService.set(service, [c]);
    }
  }
  const services = [...byService.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([service, list]) => ({ service, containers: list }));
  return { services, unlabelled };
}

/** The ports a service publishes, as `docker compose ps` shows them: "127.0.0.1:8080->80/tcp". */
export function publishedPorts(containers: readonly ContainerModel[]): string[] {
  const ports = new Set<string>();
  for (const c of containers) {
    for (const p of c.ports) {
      if (p.publicPort !== undefined) {
        const ip = p.ip && p.ip !== '0.0.0.0' && p.ip !== '::' ? `${p.ip}:` : '';
        ports.add(`${ip}${p.publicPort}->${p.privatePort}/${p.type}`);
      }
    }
  }
  return [...ports].sort();
}
