import * as vscode from 'vscode';
import { configuredRegistries, dockerConfigCredentials, readDockerConfig, RegistryCredentials } from '../../docker/credentials';
import { parseRegistryAddress, RegistryAddress } from '../../docker/registryAddress';

const addedKey = 'dockerExplorer.registries.added';
const secretPrefix = 'dockerExplorer.registry:';

export type CredentialSource = 'login' | 'dockerConfig' | 'none';

/**
 * The registries the explorer knows and how to log in to each: the ones the user added (kept in
 * globalState, addresses only), the docker config's, and logins made here (user and password
 * in SecretStorage, never in settings or the log). A login made here wins over the docker config.
 */
export class RegistryAccounts implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
    private readonly dockerConfig = () => readDockerConfig(),
  ) {}

  /** Added ones first, in the order added, then the docker config's. */
  list(): { address: RegistryAddress; added: boolean }[] {
    const added = this.addedHosts().flatMap((host) => {
      try {
        return [{ address: parseRegistryAddress(host), added: true }];
      } catch {
        return [];
      }
    });
    const known = new Set(added.map((r) => r.address.host));
    const configured = configuredRegistries(this.dockerConfig())
      .filter((a) => !known.has(a.host))
      .map((address) => ({ address, added: false }));
    return [...added, ...configured];
  }

  async add(address: RegistryAddress): Promise<boolean> {
    const hosts = this.addedHosts();
    if (hosts.includes(address.host)) return false;
    await this.state.update(addedKey, [...hosts, address.host]);
    this.changed.fire();
    return true;
  }

  async remove(address: RegistryAddress): Promise<void> {
    await this.state.update(
      addedKey,
      this.addedHosts().filter((h) => h !== address.host),
    );
    await this.secrets.delete(secretPrefix + address.host);
    this.changed.fire();
  }

  async logIn(address: RegistryAddress, credentials: { username: string; password: string }): Promise<void> {
    await this.secrets.store(secretPrefix + address.host, JSON.stringify({ username: credentials.username, password: credentials.password }));
    this.changed.fire();
  }

  /** Forgets the login made here; says whether there was one. */
  async logOut(address: RegistryAddress): Promise<boolean> {
    const had = (await this.secrets.get(secretPrefix + address.host)) !== undefined;
    await this.secrets.delete(secretPrefix + address.host);
    this.changed.fire();
    return had;
  }

  /** The login made here, else the docker config's (auths, credHelpers, credsStore), else none. */
  async credentials(address: RegistryAddress): Promise<{ credentials?: RegistryCredentials; source: CredentialSource; problem?: string }> {
    const stored = await this.secrets.get(secretPrefix + address.host);
    if (stored) {
      try {
        const parsed = JSON.parse(stored) as { username: string; password: string };
        return { credentials: { username: parsed.username, password: parsed.password }, source: 'login' };
      } catch {
        await this.secrets.delete(secretPrefix + address.host);
      }
    }
    try {
      const fromConfig = await dockerConfigCredentials(address, this.dockerConfig());
      return fromConfig ? { credentials: fromConfig, source: 'dockerConfig' } : { source: 'none' };
    } catch (err) {
      // A credential helper missing or broken: go on without credentials, and say why.
      return { source: 'none', problem: vscode.l10n.t('The docker config names a credential helper for {0} that failed: {1}', address.host, (err as Error).message) };
    }
  }

  /** Whether a login made here is kept for the registry. */
  async loggedInHere(address: RegistryAddress): Promise<boolean> {
    return (await this.secrets.get(secretPrefix + address.host)) !== undefined;
  }

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  private addedHosts(): string[] {
    const hosts = this.state.get<unknown>(addedKey);
    return Array.isArray(hosts) ? hosts.filter((h): h is string => typeof h === 'string') : [];
  }
}
