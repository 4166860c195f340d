/**
 * The one grammar for contextValue: `<kind>.<state>` for rows (e.g. `container.running`),
 * matched by `viewItem =~ /^container\.(running|paused)$/` in package.json menus and by the
 * palette pickers alike.
 */
export const ContextValues = {
  container: (state: string): string => `container.${state}`,
  image: (dangling: boolean): string => (dangling ? 'image.dangling' : 'image.tagged'),
  volume: (inUse: boolean): string => (inUse ? 'volume.inUse' : 'volume.unused'),
  group: (kind: 'containers' | 'images'): string => `group.${kind}`,
} as const;
