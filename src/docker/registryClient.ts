/**
 * The registry HTTP API v2, as far as the explorer needs it: the `/v2/` check a login makes,
 * `/v2/_catalog` and `/v2/<name>/tags/list`. Answers a 401 as the registry's challenge asks:
 * Basic with the credentials, or Bearer with a token fetched from the challenge's realm.
 * Plain HTTP only on loopback (see registryAddress.ts). No vscode.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { RegistryCredentials } from './credentials';
import { isLoopbackHost, RegistryAddress } from './registryAddress';
import * as l10n from '@vscode/l10n';

export type RegistryErrorCode = 'unauthorized' | 'notFound' | 'unreachable' | 'timeout' | 'protocol' | 'refused';

export class RegistryError extends Error {
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** `Bearer realm="https://auth/token",service="reg",scope="repository:a:pull"` as its scheme and parameters. */
export function parseChallenge(header: string | undefined): Challenge | undefined {
  const match = header ? /^\s*([A-Za-z]+)\s*(.*)$/.exec(header) : null;
  if (!match) return undefined;
  const params: Record<string, string> = {};
  const param = /([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*,?/g;
  let found: RegExpExecArray | null;
  while ((found = param.exec(match[2]))) {
    params[found[1].toLowerCase()] = (found[2] ?? found[3] ?? '').replace(/\\(.)/g, '$1');
  }
  return { scheme: match[1].toLowerCase(), params };
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const requestTimeoutMs = 15_000;
const maxBodyBytes = 8 << 20;

function get(url: URL, headers: Record<string, string>): Promise<Answer> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, { headers: { Accept: 'application/json', ...headers }, timeout: requestTimeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBodyBytes) {
          req.destroy(new RegistryError('protocol', l10n.t('{0} sent more than {1} bytes', url.host, maxBodyBytes)));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new RegistryError('timeout', l10n.t('{0} did not answer within {1} s', url.host, requestTimeoutMs / 1000))));
    // After the colon, Node's own words (ECONNREFUSED ...).
    req.on('error', (err) =>
      reject(err instanceof RegistryError ? err : new RegistryError('unreachable', l10n.t('cannot reach {0}: {1}', url.host, (err as Error).message))),
    );
  });
}

function basic(credentials: RegistryCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

/** One registry, with or without credentials. Each call is one request or, after a challenge, a few. */
export class RegistryClient {
  private authorization: string | undefined;

  constructor(
    readonly address: RegistryAddress,
    private readonly credentials?: RegistryCredentials,
  ) {}

  /** `GET /v2/`: resolves when the registry accepts these credentials (or needs none); a RegistryError otherwise. */
  async check(): Promise<void> {
    await this.json('/v2/');
  }

  /** Repository names, all pages (`/v2/_catalog?n=...` with its Link header), at most `limit`. */
  async repositories(limit = 1000): Promise<string[]> {
    const names: string[] = [];
    let next: string | undefined = `/v2/_catalog?n=${Math.min(limit, 1000)}`;
    while (next && names.length < limit) {
      const { body, headers }: { body: { repositories?: unknown }; headers: http.IncomingHttpHeaders } = await this.jsonWithHeaders(next, 'registry:catalog:*');
      const page = Array.isArray(body.repositories) ? body.repositories.filter((r): r is string => typeof r === 'string') : [];
      names.push(...page);
      const link = /<([^>]+)>;\s*rel="?next"?/.exec(String(headers.link ?? ''));
      next = link && page.length > 0 && link[1].startsWith('/v2/') ? link[1] : undefined;
    }
    return names.slice(0, limit);
  }

  /** A repository's tags (`/v2/<name>/tags/list`), sorted as the registry sends them. */
  async tags(repository: string): Promise<string[]> {
    const path = `/v2/${repository.split('/').map(encodeURIComponent).join('/')}/tags/list`;
    const body = (await this.json(path, `repository:${repository}:pull`)) as { tags?: unknown };
    return Array.isArray(body.tags) ? body.tags.filter((t): t is string => typeof t === 'string') : [];
  }

  private async json(path: string, scope?: string): Promise<unknown> {
    return (await this.jsonWithHeaders(path, scope)).body;
  }

  private async jsonWithHeaders(path: string, scope?: string): Promise<{ body: never; headers: http.IncomingHttpHeaders }> {
    const url = new URL(path, this.address.apiBase);
    let answer = await get(url, this.authorization ? { Authorization: this.authorization } : {});
    if (answer.status === 401) {
      const authorization = await this.answerChallenge(parseChallenge(String(answer.headers['www-authenticate'] ?? '')), scope);
      if (authorization) {
        this.authorization = authorization;
        answer = await get(url, { Authorization: authorization });
      }
    }
    if (answer.status === 401 || answer.status === 403) {
      throw new RegistryError(
        'unauthorized',
        this.credentials
          ? l10n.t('{0} refused the credentials ({1})', this.address.host, answer.status)
          : l10n.t('{0} wants you to log in ({1})', this.address.host, answer.status),
        answer.status,
      );
    }
    if (answer.status === 404) throw new RegistryError('notFound', l10n.t('{0} has no {1} (404)', this.address.host, path), 404);
    if (answer.status < 200 || answer.status >= 300)
      throw new RegistryError('protocol', l10n.t('{0} answered {1} to {2}', this.address.host, answer.status, path), answer.status);
    try {
      return { body: JSON.parse(answer.body || '{}') as never, headers: answer.headers };
    } catch {
      throw new RegistryError('protocol', l10n.t('{0} answered {1} with something other than JSON: is it a registry?', this.address.host, path));
    }
  }

  /** The Authorization header the challenge asks for, or undefined when we have nothing to answer with. */
  private async answerChallenge(challenge: Challenge | undefined, scope: string | undefined): Promise<string | undefined> {
    if (challenge?.scheme === 'basic') {
      return this.credentials && !this.credentials.identityToken ? basic(this.credentials) : undefined;
    }
    if (challenge?.scheme !== 'bearer' || !challenge.params.realm) return undefined;
    let realm: URL;
    try {
      realm = new URL(challenge.params.realm);
    } catch {
      throw new RegistryError('protocol', l10n.t('{0} named a token service that is not a URL', this.address.host));
    }
    // Credentials go to a token service over HTTPS only, or over HTTP on loopback.
    if (realm.protocol !== 'https:' && !(realm.protocol === 'http:' && isLoopbackHost(realm.hostname))) {
      throw new RegistryError('refused', l10n.t('{0} asked for credentials at {1}, which is not HTTPS: not sent', this.address.host, realm.origin));
    }
    if (challenge.params.service) realm.searchParams.set('service', challenge.params.service);
    const wanted = scope ?? challenge.params.scope;
    if (wanted) realm.searchParams.set('scope', wanted);
    const headers: Record<string, string> = {};
    // An identity token would need the OAuth2 refresh grant; only user and password are sent here.
    if (this.credentials && !this.credentials.identityToken) {
      headers.Authorization = basic(this.credentials);
    }
    const answer = await get(realm, headers);
    if (answer.status === 401 || answer.status === 403) {
      const why = this.credentials
        ? l10n.t("{0}'s token service refused the credentials ({1})", this.address.host, answer.status)
        : l10n.t('{0} wants you to log in ({1})', this.address.host, answer.status);
      throw new RegistryError('unauthorized', why, answer.status);
    }
    if (answer.status !== 200) throw new RegistryError('protocol', l10n.t('{0} answered {1} for a token', realm.host, answer.status), answer.status);
    let token: unknown;
    try {
      const parsed = JSON.parse(answer.body) as { token?: unknown; access_token?: unknown };
      token = parsed.token ?? parsed.access_token;
    } catch {
      token = undefined;
    }
    if (typeof token !== 'string' || !token) throw new RegistryError('protocol', l10n.t('{0} gave no token', realm.host));
    return `Bearer ${token}`;
  }
}
