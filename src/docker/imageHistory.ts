// An image's layers as `docker history` lists them (GET /images/{id}/history): pure, no vscode import.

/** One entry of the engine's answer, newest first. */
export interface HistoryEntry {
  /** The image this step made, or "<missing>" when the engine has no such image (pulled or imported layers). */
  Id: string;
  /** Unix seconds. */
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

/** One step of an image: what made it, what it added, and whether another local image has it too. */
export interface ImageLayer {
  /** The local image this step made; undefined for `<missing>`. */
  id: string | undefined;
  created: number;
  /** The instruction as a Dockerfile writes it (`RUN echo hi`, `CMD ["/bin/sh"]`), whole. */
  instruction: string;
  /** What the engine recorded, untouched. */
  createdBy: string;
  size: number;
  /** Adds no files (ENV, LABEL, CMD...): the engine records the step, with size 0. */
  empty: boolean;
  tags: string[];
  comment: string;
  /** Another local image whose own history ends at or above this step: these files are on disk once for both. */
  sharedWith?: { id: string; name: string };
}

// The legacy builder records metadata steps as `/bin/sh -c #(nop)  ENV A=1` (COPY and ADD too).
const nop = /^\/bin\/sh -c #\(nop\)\s*/;
// A RUN: `/bin/sh -c cmd`, with build arguments `|2 A=1 B=2 /bin/sh -c cmd`; BuildKit writes `RUN /bin/sh -c cmd # buildkit`.
const run = /^(?:RUN )?(?:\|\d+ (?:.*? )?)?\/bin\/sh -c /;
const buildkit = /\s*# buildkit$/;

/** The Dockerfile instruction behind a CreatedBy, without the shell and `#(nop)` noise; '' when none was recorded. */
export function instructionOf(createdBy: string): string {
  const text = createdBy.trim().replace(buildkit, '');
  const metadata = nop.exec(text);
  if (metadata) {
    return text.slice(metadata[0].length).trim();
  }
  const shell = run.exec(text);
  if (shell) {
    return `RUN ${text.slice(shell[0].length).trim()}`;
  }
  return text;
}

/** One line of at most `max` characters, for a row: whitespace runs become one space, the rest ends in an ellipsis. */
export function shortInstruction(instruction: string, max = 60): string {
  const line = instruction.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** The engine's history, in its order (newest first), as layers. */
export function toImageLayers(entries: HistoryEntry[] | null | undefined): ImageLayer[] {
  return (entries ?? []).map((e) => ({
    id: e.Id && e.Id !== '<missing>' ? e.Id : undefined,
    created: e.Created,
    instruction: instructionOf(e.CreatedBy ?? ''),
    createdBy: e.CreatedBy ?? '',
    size: e.Size ?? 0,
    empty: (e.Size ?? 0) === 0,
    tags: (e.Tags ?? []).filter((t) => t !== '<none>:<none>'),
    comment: e.Comment ?? '',
  }));
}

/**
 * Marks the layers another local image has too. A step whose Id is another local image (the image
 * it was built FROM, or one built from the same steps) is that image's top: it and every older step
 * belong to both. Reads only the local image list, so expanding a row stays one request. It cannot
 * see pulled base layers (their Id is `<missing>`) nor images built on top of this one.
 */
export function markShared(layers: ImageLayer[], imageId: string, localImages: Iterable<{ id: string; tags: string[] }>): ImageLayer[] {
  const others = new Map<string, { id: string; tags: string[] }>();
  for (const image of localImages) {
    if (image.id !== imageId) others.set(image.id, image);
  }
  const top = layers.findIndex((l) => l.id !== undefined && others.has(l.id));
  if (top < 0) {
    return layers;
  }
  const image = others.get(layers[top].id as string) as { id: string; tags: string[] };
  const sharedWith = { id: image.id, name: image.tags[0] ?? image.id.replace(/^sha256:/, '').slice(0, 12) };
  return layers.map((l, i) => (i >= top && !l.empty ? { ...l, sharedWith } : l));
}
