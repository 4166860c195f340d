import * as vscode from 'vscode';
import type { RegistryAddress } from '../../docker/registryAddress';
import { ContextValues } from '../contextValues';
import { themeIcon } from '../icons';

/** One row per registry: added here, or named by the docker config; expands to its repositories. */
export class RegistryNode {
  readonly kind = 'registry';

  constructor(
    readonly address: RegistryAddress,
    readonly added: boolean,
    private readonly login: 'login' | 'dockerConfig' | 'none',
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.address.hub ? 'docker.io (Docker Hub)' : this.address.host, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `registry:${this.address.host}`;
    const where = this.added ? [] : [vscode.l10n.t('from the docker config')];
    const who = this.login === 'login' ? [vscode.l10n.t('logged in')] : this.login === 'dockerConfig' ? [vscode.l10n.t('docker config login')] : [];
    item.description = [...who, ...where].join(' · ');
    item.tooltip = `${this.address.apiBase}/v2/`;
    item.contextValue = ContextValues.registry(this.added);
    item.iconPath = themeIcon('server');
    return item;
  }
}

/** A repository of a registry (`/v2/_catalog`); expands to its tags. */
export class RegistryRepositoryNode {
  readonly kind = 'registryRepository';

  constructor(
    readonly parent: RegistryNode,
    readonly address: RegistryAddress,
    readonly repository: string,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.repository, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `registry:${this.address.host}/${this.repository}`;
    item.contextValue = 'registryRepository';
    item.iconPath = themeIcon('repo');
    return item;
  }
}

/** A tag of a repository (`/v2/<name>/tags/list`): Pull and Copy Reference. */
export class RegistryTagNode {
  readonly kind = 'registryTag';
  readonly reference: string;

  constructor(
    readonly parent: RegistryRepositoryNode,
    readonly address: RegistryAddress,
    readonly repository: string,
    readonly tag: string,
  ) {
    this.reference = `${address.host}/${repository}:${tag}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.tag, vscode.TreeItemCollapsibleState.None);
    item.id = `registry:${this.reference}`;
    item.tooltip = this.reference;
    item.contextValue = ContextValues.registryTag();
    item.iconPath = themeIcon('tag');
    return item;
  }
}

/** Why a registry or repository lists nothing: an error (with Log In on a 401) or an empty listing. */
export class RegistryMessageNode {
  readonly kind = 'registryMessage';

  constructor(
    readonly parent: RegistryNode | RegistryRepositoryNode,
    readonly parentId: string,
    readonly message: string,
    readonly logInTo?: RegistryAddress,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.parentId}:message`;
    item.contextValue = 'registryMessage';
    item.iconPath = themeIcon(this.logInTo ? 'key' : 'info');
    if (this.logInTo) {
      item.command = { command: 'dockerExplorer.registries.logIn', title: vscode.l10n.t('Log In...'), arguments: [this.logInTo.host] };
    }
    return item;
  }
}

export type RegistryTreeNode = RegistryNode | RegistryRepositoryNode | RegistryTagNode | RegistryMessageNode;
