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
      copy[key] =
        key === 'Env' && Array.isArray(child) && child.every((e) => typeof e === 'string')
          ? maskSecretEnv(child as string[])
          : maskInspectSecrets(child);
    }
    return copy as T;
  }
  return value;
}
