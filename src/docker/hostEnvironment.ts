import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DockerOptions } from 'dockerode';
import { dockerodeOptions, EngineEndpoint, resolveEndpoint } from './connection';
import type { Disposable } from './event';

/** Resolves the engine from this process's environment and the user's ~/.docker, as the docker CLI would. */
export function resolveEndpointFromProcess(setting: string | undefined): EngineEndpoint {
  return resolveEndpoint({
    setting,
    env: process.env,
    homedir: os.homedir(),
    platform: process.platform,
    readFile: (p) => {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    exists: (p) => fs.existsSync(p),
  });
}

/** dockerode options with what only this process knows: the ssh agent and the local login name. */
export function processDockerodeOptions(endpoint: EngineEndpoint): DockerOptions {
  const options = dockerodeOptions(endpoint, { sshAgent: process.env.SSH_AUTH_SOCK });
  if (options.protocol === 'ssh' && !options.username) {
    // Like ssh itself, an ssh:// host without a user logs in as the local user.
    options.username = os.userInfo().username;
  }
  return options;
}

/** The docker CLI's configuration folder: $DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(): string {
  const fromEnv = process.env.DOCKER_CONFIG?.trim();
  return fromEnv ? fromEnv : path.join(os.homedir(), '.docker');
}

/**
 * The engine this process talks to, resolved again whenever something that decides it may have
 * changed (the host setting, the docker CLI's current context).
 */
export class ProcessConnection {
  endpoint: EngineEndpoint | undefined;
  /** Why there is no endpoint (a wrong host setting or context), surfaced on the first request. */
  error: unknown;

  constructor(private readonly setting: () => string | undefined) {
    this.resolve();
  }

  /** Resolves again; true when the engine (or the reason there is none) differs from before. */
  resolve(): boolean {
    const before = this.identity();
    try {
      this.endpoint = resolveEndpointFromProcess(this.setting());
      this.error = undefined;
    } catch (error) {
      this.endpoint = undefined;
      this.error = error;
    }
    return this.identity() !== before;
  }

  dockerodeOptions(): DockerOptions {
    if (!this.endpoint) {
      throw this.error;
    }
    return processDockerodeOptions(this.endpoint);
  }

  /** The CLI files that can change the engine: config.json (currentContext) and the current context's store. */
  watchedFiles(): string[] {
    const dir = dockerConfigDir();
    const files = [path.join(dir, 'config.json')];
    const context = this.endpoint?.contextName;
    if (context) {
      const digest = createHash('sha256').update(context).digest('hex');
      files.push(path.join(dir, 'contexts', 'meta', digest, 'meta.json'));
      files.push(...['ca.pem', 'cert.pem', 'key.pem'].map((f) => path.join(dir, 'contexts', 'tls', digest, 'docker', f)));
    }
    return files;
  }

  private identity(): string {
    const e = this.endpoint;
    return e ? JSON.stringify([e.host, e.description, e.tls]) : `error: ${(this.error as Error)?.message}`;
  }
}

/**
 * Watches files by polling their stat (files that do not exist yet included, and editors' or the
 * CLI's write-then-rename), so `docker context use` in a terminal is seen within `intervalMs`.
 */
export class FileWatch implements Disposable {
  private watched = new Set<string>();
  private readonly listener = (current: fs.Stats, previous: fs.Stats) => {
    if (current.mtimeMs !== previous.mtimeMs || current.ino !== previous.ino || current.size !== previous.size) {
      this.onChange();
    }
  };

  constructor(
    private readonly onChange: () => void,
    private readonly intervalMs = 500,
  ) {}

  /** Watches exactly these files from now on. */
  set(files: string[]): void {
    const wanted = new Set(files);
    this.watched.forEach((f) => wanted.has(f) || fs.unwatchFile(f, this.listener));
    wanted.forEach((f) => this.watched.has(f) || fs.watchFile(f, { interval: this.intervalMs, persistent: false }, this.listener));
    this.watched = wanted;
  }

  dispose(): void {
    this.set([]);
  }
}
