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
  ) {}

  get tag(): string | undefined {
    return this.reference?.slice(this.reference.lastIndexOf(':') + 1);
  }

  getTreeItem(): vscode.TreeItem {
    const m = this.model;
    const label = this.tag ?? shortId(m.id);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `image:${m.id}:${this.reference ?? '<none>'}`;
    const format = displayFormat(vscode.env.language);
    item.description = `${format.size(m.size)} · ${format.age(m.created)}`;
    item.contextValue = ContextValues.image(this.reference === undefined);
    item.iconPath = themeIcon(imageInUse(this.usedBy()) ? 'layers-active' : 'layers');
    // The tooltip is built on hover (the provider's resolveTreeItem), not for every row.
    return item;
  }

  tooltip(): vscode.MarkdownString {
    return imageTooltip(this.model, this.usedBy());
  }
}
