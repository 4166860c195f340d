/** What went wrong, in terms that decide what the user is told and what happens next. */
export type DockerErrorCode = 'unreachable' | 'permission' | 'notFound' | 'conflict' | 'badRequest' | 'timeout' | 'cancelled' | 'config' | 'engine';

export class DockerError extends Error {
  constructor(
    readonly code: DockerErrorCode,
    message: string,
    readonly statusCode?: number,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'DockerError';
  }
}

interface ErrorLike {
  code?: string;
  errno?: number;
  statusCode?: number;
  reason?: string;
  json?: { message?: string } | null;
  message?: string;
}

const unreachableCodes = new Set(['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
const timeoutCodes = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED']);

/** Maps anything dockerode, docker-modem or Node throws to a DockerError with a code. */
export function toDockerError(err: unknown): DockerError {
  if (err instanceof DockerError) {
    return err;
  }
  if ((err as Error)?.name === 'ConnectionConfigError') {
    return new DockerError('config', (err as Error).message, undefined, err);
  }
  const e = (err ?? {}) as ErrorLike;
  // The engine's (or Node's) own words, passed through as they came: only our own messages go through l10n.
  const engineMessage = e.json?.message ?? e.reason ?? e.message ?? String(err);
  if (typeof e.statusCode === 'number') {
    const status = e.statusCode;
    const code: DockerErrorCode = status === 404 ? 'notFound' : status === 409 ? 'conflict' : status === 400 ? 'badRequest' : 'engine';
    return new DockerError(code, cleanEngineMessage(engineMessage), status, err);
  }
  if (e.code === 'EACCES' || e.code === 'EPERM') {
    return new DockerError('permission', engineMessage, undefined, err);
  }
  if (e.code && timeoutCodes.has(e.code)) {
    return new DockerError('timeout', engineMessage, undefined, err);
  }
  if (e.code && unreachableCodes.has(e.code)) {
    return new DockerError('unreachable', engineMessage, undefined, err);
  }
  if (e.code === 'ABORT_ERR' || (err as Error)?.name === 'AbortError') {
    return new DockerError('cancelled', engineMessage, undefined, err);
  }
  if (/timeout|timed out/i.test(engineMessage)) {
    return new DockerError('timeout', engineMessage, undefined, err);
  }
  return new DockerError('engine', engineMessage, undefined, err);
}

/** docker-modem prefixes "(HTTP code 404) no such container - " to the engine's message. */
function cleanEngineMessage(message: string): string {
  return message.replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '').trim();
}
