import type * as vscode from 'vscode';
import { normalizeImageName } from '../docker/imageRef';
import type { ImagesProvider, ImagesTreeNode } from './imagesProvider';
import { ImageNode } from './nodes/imageNode';

/**
 * Selects an image's row (the row of `reference` when given, else its first) in the Images
 * view, through the provider's own children: the rows the view shows, no engine request.
 */
export async function revealImage(view: vscode.TreeView<ImagesTreeNode>, provider: ImagesProvider, imageId: string, reference?: string): Promise<boolean> {
  const wanted = reference === undefined ? undefined : normalizeImageName(reference);
  const rows: ImageNode[] = [];
  for (const group of await provider.getChildren()) {
    for (const row of await provider.getChildren(group)) {
      if (row instanceof ImageNode && row.model.id === imageId) rows.push(row);
    }
  }
  const row = rows.find((r) => wanted === undefined || r.reference === wanted) ?? rows[0];
  if (!row) {
    return false;
  }
  await view.reveal(row, { select: true, focus: false, expand: false });
  return true;
}
