/**
 * The one process the extension starts: a docker credential helper (`docker-credential-<name>`,
 * found on PATH as the docker CLI finds it), spoken to with its protocol: `get` with the
 * server URL on stdin, JSON `{ ServerURL, Username, Secret }` on stdout. No shell, no other
 * program: the name is checked, and test/unit/safety.test.ts allows child_process here only.
 */
import { execFile } from 'node:child_process';
import * as l10n from '@vscode/l10n';

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
    return Promise.reject(new CredentialHelperError(l10n.t('"{0}" is not a credential helper name (letters, digits, ".", "_" and "-").', name)));
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
        // The helper's first line of output (or Node's message) stays as the helper wrote it.
        const why =
          (err as NodeJS.ErrnoException).code === 'ENOENT'
            ? l10n.t('{0} is not on PATH', program)
            : l10n.t('{0} failed ({1})', program, out.split('\n')[0] || err.message);
        reject(new CredentialHelperError(why));
        return;
      }
      let answer: { Username?: unknown; Secret?: unknown } | undefined;
      try {
        answer = JSON.parse(out) as { Username?: unknown; Secret?: unknown };
      } catch {
        answer = undefined;
      }
      if (typeof answer?.Username !== 'string' || typeof answer.Secret !== 'string') {
        reject(new CredentialHelperError(l10n.t('{0} answered something other than its JSON', program)));
        return;
      }
      resolve(answer.Secret === '' ? undefined : { username: answer.Username, secret: answer.Secret });
    });
    // A helper that is missing, or exits without reading, closes its stdin: that is told above, not thrown.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(serverUrl);
  });
}
