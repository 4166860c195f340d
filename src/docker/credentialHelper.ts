/**
 * The one process the extension starts: a docker credential helper (`docker-credential-<name>`,
 * found on PATH as the docker CLI finds it), spoken to with its protocol: `get` with the
 * server URL on stdin, JSON `{ ServerURL, Username, Secret }` on stdout. No shell, no other
 * program: the name is checked, and test/unit/safety.test.ts allows child_process here only.
 */
import { execFile } from 'node:child_process';

export interface HelperCredentials {
  username: string;
  secret: string;
}

export class CredentialHelperError extends Error {}

const helperName = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/;
const helperTimeoutMs = 15_000;

/** Asks `docker-credential-<name> get` for a server's credentials; undefined when the helper has none. */
export function helperGet(name: string, serverUrl: string): Promise<HelperCredentials | undefined> {
  if (!helperName.test(name)) {
    return Promise.reject(new CredentialHelperError(`"${name}" is not a credential helper name (letters, digits, ".", "_" and "-").`));
  }
  const program = `docker-credential-${name}`;
  return new Promise((resolve, reject) => {
    const child = execFile(program, ['get'], { timeout: helperTimeoutMs, maxBuffer: 1 << 20, windowsHide: true }, (err, stdout) => {
      const out = String(stdout).trim();
      if (err) {
        // The protocol's answer for "nothing stored" is this text with a non-zero exit.
        if (/credentials not found/i.test(out)) {
          resolve(undefined);
          return;
        }
        const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? `${program} is not on PATH` : `${program} failed (${out.split('\n')[0] || err.message})`;
        reject(new CredentialHelperError(why));
        return;
      }
      try {
        const answer = JSON.parse(out) as { Username?: unknown; Secret?: unknown };
        if (typeof answer.Username !== 'string' || typeof answer.Secret !== 'string') {
          throw new Error('no Username and Secret');
        }
        resolve(answer.Secret === '' ? undefined : { username: answer.Username, secret: answer.Secret });
      } catch {
        reject(new CredentialHelperError(`${program} answered something other than its JSON`));
      }
    });
    // A helper that is missing, or exits without reading, closes its stdin: that is told above, not thrown.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(serverUrl);
  });
}
