import type * as vscode from 'vscode';
import { normalizeImageName } from '../docker/imageRef';
import type { ImagesProvider, ImagesTreeNode } from './imagesProvider';
import { ImageNode } from './nodes/imageNode';
import { vscodeTreeDebounceMs } from './pacedTreeChanges';

/**
 * Selects an image's row (the row of `reference` when given, else its first) in the Images
 * view, through the provider's own children: the rows the view shows, no engine request. A new
 * image's row can be ahead of what VS Code holds (the view's refresh for it still paced), and
 * VS Code then cannot resolve it: asked again once that window has passed. Never throws: the
 * command's work is done, and a row not selected is no failure of it.
 */
export async function revealImage(
  view: vscode.TreeView<ImagesTreeNode>,
  provider: ImagesProvider,
  imageId: string,
  reference?: string,
  retryMs = vscodeTreeDebounceMs + 50,
): Promise<boolean> {
  const wanted = reference === undefined ? undefined : normalizeImageName(reference);
  for (let attempt = 1; ; attempt++) {
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
    try {
      await view.reveal(row, { select: true, focus: false, expand: false });
      return true;
    } catch {
      if (attempt >= 3) {
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }
}
