/** The mask shown instead of a secret value. */
export const secretMask = '********';

/** An environment KEY that likely holds a secret: PASSWORD, TOKEN, SECRET or KEY in any case. */
export function isSecretKey(key: string): boolean {
  return /PASSWORD|TOKEN|SECRET|KEY/i.test(key);
}

/** `KEY=value` entries with the value masked where the key looks secret; others unchanged. */
export function maskSecretEnv(env: string[]): string[] {
  return env.map((entry) => {
    const eq = entry.indexOf('=');
    if (eq < 0) {
      return entry;
    }
    const key = entry.slice(0, eq);
    return isSecretKey(key) ? `${key}=${secretMask}` : entry;
  });
}

/**
 * A copy of an inspect answer with every `Env` list (Config.Env, ContainerConfig.Env...)
 * masked, so an inspect document shown on screen does not reveal passwords.
 */
export function maskInspectSecrets<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map((v) => maskInspectSecrets(v)) as T;
  }
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      copy[key] = key === 'Env' && Array.isArray(child) && child.every((e) => typeof e === 'string') ? maskSecretEnv(child as string[]) : maskInspectSecrets(child);
    }
    return copy as T;
  }
  return value;
}

const urlPassword = /\b([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s:/@'"]*):[^\s@/'"]*@/g;
const privateKeyBlock = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(-----END \1PRIVATE KEY-----|$)/g;
const quotedSecretAssignment = /(['"])([A-Za-z_][A-Za-z0-9_]*(?:PASSWORD|TOKEN|SECRET|KEY)[A-Za-z0-9_]*)=[^'"]*\1/gi;
const secretAssignment = /\b([A-Za-z_][A-Za-z0-9_]*(?:PASSWORD|TOKEN|SECRET|KEY)[A-Za-z0-9_]*)=('[^']*'|"[^"]*"|[^\s'"]*)/gi;

/**
 * Text with what must never reach a log or a message masked: the password of a URL
 * (scheme://user:PASSWORD@host), a PEM private key, and the value of KEY=VALUE where the key
 * looks secret (PASSWORD, TOKEN, SECRET, KEY).
 */
export function scrubSecrets(text: string): string {
  return text
    .replace(urlPassword, `$1:${secretMask}@`)
    .replace(privateKeyBlock, `-----BEGIN $1PRIVATE KEY----- ${secretMask} -----END $1PRIVATE KEY-----`)
    .replace(quotedSecretAssignment, (_all, quote: string, key: string) => `${quote}${key}=${secretMask}${quote}`)
    .replace(secretAssignment, (_all, key: string) => `${key}=${secretMask}`);
}
