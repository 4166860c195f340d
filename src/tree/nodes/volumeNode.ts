import * as vscode from 'vscode';
import type { VolumeModel } from '../../docker/models';
import type { VolumeUse } from '../../docker/usage';
import { ContextValues } from '../contextValues';
import { displayFormat } from '../format';
import { themeIcon } from '../icons';
import { volumeTooltip } from '../tooltips';

/** One row per volume, named or anonymous, with the containers that mount it. */
export class VolumeNode {
  readonly kind = 'volume';

  constructor(
    public model: VolumeModel,
    private readonly usedBy: () => VolumeUse[],
  ) {}

  getTreeItem(): vscode.TreeItem {
    const m = this.model;
    const uses = this.usedBy();
    const label = m.anonymous ? m.name.slice(0, 12) : m.name;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `volume:${m.name}`;
    const parts = [m.driver];
    if (m.created) {
      parts.push(displayFormat(vscode.env.language).age(Date.parse(m.created) / 1000));
    }
    if (uses.length > 0) {
      parts.push(vscode.l10n.t('used by {0}', uses.map((u) => u.container.name + (u.readOnly ? ' (ro)' : '')).join(', ')));
    } else if (m.anonymous) {
      parts.push(vscode.l10n.t('anonymous'));
    }
    item.description = parts.join(' · ');
    item.contextValue = ContextValues.volume(uses.length > 0);
    item.iconPath = themeIcon(uses.length > 0 ? 'database' : 'circle-slash');
    // The tooltip is built on hover (the provider's resolveTreeItem), not for every row.
    return item;
  }

  tooltip(): vscode.MarkdownString {
    return volumeTooltip(this.model, this.usedBy());
  }
}
