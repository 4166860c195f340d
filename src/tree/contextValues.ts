/**
 * The one grammar for contextValue, `<kind>.<state>`: `container.running`, `image.tagged`,
 * `volume.inUse`, `group.containers`. Menus match it with `viewItem =~ /^container\.(running|paused)$/`
 * and the palette pickers use the same constants.
 */
export const ContextValues = {
  container: (state: string): string => `container.${state}`,
  image: (dangling: boolean): string => (dangling ? 'image.dangling' : 'image.tagged'),
  imageRepository: 'imageRepository',
  volume: (inUse: boolean): string => (inUse ? 'volume.inUse' : 'volume.unused'),
  group: (kind: 'containers' | 'images'): string => `group.${kind}`,
} as const;

/** Regular expressions over the grammar, for pickers that filter rows the way menus do. */
export const ContextPatterns = {
  anyContainer: /^container\./,
  runningContainer: /^container\.(running|unhealthy)$/,
  stoppedContainer: /^container\.(exited|created|dead)$/,
  pausedContainer: /^container\.paused$/,
  anyImage: /^image\./,
  anyVolume: /^volume\./,
} as const;
