/** The label on the containers made only to read an image's files (Compare with Image): never started, removed at once. */
export const imageReaderLabel = 'dev.docker-explorer.image-reader';

/**
 * Whether a container is one the explorer made for itself, which the views never show. Takes the
 * engine's labels, or a container event's attributes (the engine puts the labels there too).
 */
export function isHelperContainer(labels: Record<string, string> | undefined): boolean {
  return labels?.[imageReaderLabel] !== undefined;
}
