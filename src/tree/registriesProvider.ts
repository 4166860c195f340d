import * as vscode from 'vscode';
import { RegistryClient, RegistryError } from '../docker/registryClient';
import type { RegistryAccounts } from '../commands/registries/accounts';
import { RegistryMessageNode, RegistryNode, RegistryRepositoryNode, RegistryTagNode, RegistryTreeNode } from './nodes/registryNodes';

/**
 * Registries added here and those of the docker config; each lists its repositories and their
 * tags through the registry's HTTP API v2, asked when a row is expanded. Changes come from the
 * accounts (add, remove, log in, log out, refresh): the whole view is listed again.
 */
export class RegistriesProvider implements vscode.TreeDataProvider<RegistryTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RegistryTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** One client per registry while the listing lasts: a bearer token is fetched once. */
  private clients = new Map<string, Promise<RegistryClient>>();

  constructor(private readonly accounts: RegistryAccounts) {
    this.subscription = accounts.onDidChange(() => {
      this.clients = new Map();
      this.changed.fire(undefined);
    });
  }

  getTreeItem(node: RegistryTreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  async getChildren(node?: RegistryTreeNode): Promise<RegistryTreeNode[]> {
    if (!node) {
      return Promise.all(
        this.accounts
          .list()
          .map(
            async ({ address, added }) => new RegistryNode(address, added, (await this.accounts.credentials(address).catch(() => ({ source: 'none' as const }))).source),
          ),
      );
    }
    if (node instanceof RegistryNode) {
      const parentId = `registry:${node.address.host}`;
      try {
        const names = await (await this.client(node)).repositories();
        return names.length > 0
          ? names.map((name) => new RegistryRepositoryNode(node, node.address, name))
          : [new RegistryMessageNode(node, parentId, vscode.l10n.t('No repositories'))];
      } catch (err) {
        return [this.failure(parentId, node, err)];
      }
    }
    if (node instanceof RegistryRepositoryNode) {
      const parentId = `registry:${node.address.host}/${node.repository}`;
      try {
        const tags = await (await this.client(node)).tags(node.repository);
        return tags.length > 0
          ? tags.map((tag) => new RegistryTagNode(node, node.address, node.repository, tag))
          : [new RegistryMessageNode(node, parentId, vscode.l10n.t('No tags'))];
      } catch (err) {
        return [this.failure(parentId, node, err)];
      }
    }
    return [];
  }

  /** For reveal: every row but a registry's knows the row it was listed under. */
  getParent(node: RegistryTreeNode): RegistryTreeNode | undefined {
    return node instanceof RegistryNode ? undefined : node.parent;
  }

  private client(node: RegistryNode | RegistryRepositoryNode): Promise<RegistryClient> {
    const host = node.address.host;
    let client = this.clients.get(host);
    if (!client) {
      client = this.accounts.credentials(node.address).then(({ credentials }) => new RegistryClient(node.address, credentials));
      this.clients.set(host, client);
      client.catch(() => this.clients.delete(host));
    }
    return client;
  }

  private failure(parentId: string, node: RegistryNode | RegistryRepositoryNode, err: unknown): RegistryMessageNode {
    if (err instanceof RegistryError && err.code === 'unauthorized') {
      return new RegistryMessageNode(node, parentId, vscode.l10n.t('{0}: click to log in', err.message), node.address);
    }
    if (err instanceof RegistryError && err.code === 'notFound' && node instanceof RegistryNode) {
      return new RegistryMessageNode(node, parentId, vscode.l10n.t('This registry does not list its repositories (no /v2/_catalog)'));
    }
    return new RegistryMessageNode(node, parentId, err instanceof Error ? err.message : String(err));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
