// How `docker compose logs` marks each line with the service it came from: a coloured name,
// padded so the lines align. Pure: unit-tested in plain Node.
import type { ContainerModel } from '../docker/models';

/** compose's own order of colours: cyan, yellow, green, magenta, blue, then their bright variants. */
const colours = [36, 33, 32, 35, 34, 96, 93, 92, 95, 94];

/** The name a line is prefixed with: the service, or the container's name when the service has several replicas. */
export function prefixNames(containers: readonly ContainerModel[]): Map<string, string> {
  const perService = new Map<string, number>();
  for (const c of containers) {
    const service = c.composeService ?? c.name;
    perService.set(service, (perService.get(service) ?? 0) + 1);
  }
  return new Map(
    containers.map((c) => {
      const service = c.composeService ?? c.name;
      return [c.id, (perService.get(service) ?? 0) > 1 ? c.name : service];
    }),
  );
}

/** `web    | ` in the colour for the `index`th name, padded to `width`. */
export function linePrefix(name: string, width: number, index: number): string {
  const colour = colours[index % colours.length];
  return `\x1b[${colour}m${name.padEnd(width)} |\x1b[39m `;
}
