import * as fs from 'node:fs';
import * as os from 'node:os';
import type { DockerOptions } from 'dockerode';
import { dockerodeOptions, EngineEndpoint, resolveEndpoint } from './connection';

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
