import * as vscode from 'vscode';
import type { ContainerModel, ImageModel } from '../../docker/models';
import { imageInUse } from '../../docker/usage';
import { ContextValues } from '../contextValues';
import { displayFormat, shortId } from '../format';
import { themeIcon } from '../icons';
import { imageTooltip } from '../tooltips';

/** One row per tag of an image; a dangling image gets one row labelled with its short id. */
export class ImageNode {
  readonly kind = 'image';

  constructor(
    public model: ImageModel,
    /** The full normalised name this row stands for, undefined for a dangling image. */
    readonly reference: string | undefined,
    readonly parent: { id: string },
    private readonly usedBy: () => ContainerModel[],
    /** Whether an active container holds the image (the icon), without listing its containers. */
    private readonly inUse: () => boolean = () => imageInUse(usedBy()),
  ) {}

  /** The row's stable id: one per tag of an image. */
  get id(): string {
    return `image:${this.model.id}:${this.reference ?? '<none>'}`;
  }

  get tag(): string | undefined {
    return this.reference?.slice(this.reference.lastIndexOf(':') + 1);
  }

  getTreeItem(): vscode.TreeItem {
    const m = this.model;
    const label = this.tag ?? shortId(m.id);
    // Collapsed: its layers are asked for (one request) only when the row is expanded.
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const format = displayFormat(vscode.env.language);
    item.description = `${format.size(m.size)} · ${format.age(m.created)}`;
    item.contextValue = ContextValues.image(this.reference === undefined);
    item.iconPath = themeIcon(this.inUse() ? 'layers-active' : 'layers');
    // The tooltip is built on hover (the provider's resolveTreeItem), not for every row.
    return item;
  }

  tooltip(): vscode.MarkdownString {
    return imageTooltip(this.model, this.usedBy());
  }
}
