import * as vscode from 'vscode';
import { DockerError, toDockerError } from '../../docker/errors';
import { familiarImageName, parseImageRef } from '../../docker/imageRef';
import { jsonLines, PullProgress } from '../../docker/pullProgress';
import { commandLine } from '../../docker/shell';
import { describeError } from '../../errorMessages';
import type { CommandContext } from '../context';
import { display } from '../../tree/display';

export type PullOutcome =
  { result: 'pulled'; digest?: string } | { result: 'upToDate'; digest?: string } | { result: 'cancelled' } | { result: 'failed'; message: string };

/**
 * `docker pull` in a cancellable notification with the layers' download added up. Says what
 * failed (a missing tag clearly); the caller says what succeeded when it wants to.
 * `signal` lets a caller (or a test) cancel as the notification's Cancel button does; `auth` is
 * the X-Registry-Auth document for a registry that wants a login (the Registries view's Pull).
 */
export async function pullWithProgress(ctx: CommandContext, reference: string, signal?: AbortSignal, auth?: Record<string, string>): Promise<PullOutcome> {
  const ref = parseImageRef(reference);
  const familiar = familiarImageName({ ...ref, tag: ref.tag ?? (ref.digest ? undefined : 'latest') });
  const stallSeconds = pullStallSeconds();
  ctx.log.command(commandLine(['docker', 'pull', familiar]));
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Pulling {0}', familiar), cancellable: true },
    async (progress, token): Promise<PullOutcome> => {
      const abort = new AbortController();
      const cancel = () => abort.abort();
      token.onCancellationRequested(cancel);
      signal?.addEventListener('abort', cancel);
      if (signal?.aborted) cancel();
      const tracker = new PullProgress();
      let reported = 0;
      // dockerd waits on a registry that stopped sending without end: give up after a quiet spell.
      let stalled = false;
      let stallTimer: NodeJS.Timeout | undefined;
      const watchStall = () => {
        clearTimeout(stallTimer);
        stallTimer = setTimeout(() => {
          stalled = true;
          abort.abort();
        }, stallSeconds * 1000);
      };
      watchStall();
      try {
        const stream = await ctx.service.pullImage(familiar, abort.signal, auth);
        // Closing the stream makes dockerd cancel the pull (and its downloads).
        abort.signal.addEventListener('abort', () => (stream as unknown as { destroy?: () => void }).destroy?.());
        if (abort.signal.aborted) (stream as unknown as { destroy?: () => void }).destroy?.();
        for await (const event of jsonLines(stream)) {
          watchStall();
          tracker.add(event);
          const s = tracker.summary;
          if (s.error) break;
          if (s.total > 0) {
            const percent = Math.floor((s.current / s.total) * 100);
            progress.report({
              increment: Math.max(0, percent - reported),
              message: vscode.l10n.t('{0} of {1}, {2} of {3} layers', display().size(s.current), display().size(s.total), s.layersDone, s.layers),
            });
            reported = Math.max(reported, percent);
          }
        }
        if (abort.signal.aborted) {
          return stalled ? { result: 'failed', message: stallMessage(ref.domain, familiar, stallSeconds) } : { result: 'cancelled' };
        }
      } catch (err) {
        if (abort.signal.aborted) {
          return stalled ? { result: 'failed', message: stallMessage(ref.domain, familiar, stallSeconds) } : { result: 'cancelled' };
        }
        return { result: 'failed', message: pullErrorMessage(ctx, familiar, toDockerError(err)) };
      } finally {
        clearTimeout(stallTimer);
        signal?.removeEventListener('abort', cancel);
      }
      const s = tracker.summary;
      if (s.error) {
        return {
          result: 'failed',
          message: pullErrorMessage(ctx, familiar, new DockerError(/not found|manifest unknown/i.test(s.error) ? 'notFound' : 'engine', s.error)),
        };
      }
      return s.upToDate ? { result: 'upToDate', digest: s.digest } : { result: 'pulled', digest: s.digest };
    },
  );
  if (outcome.result === 'failed') {
    ctx.log.error(outcome.message);
    void ctx.ui.error(outcome.message);
  } else if (outcome.result === 'cancelled') {
    ctx.log.info(vscode.l10n.t('Pull of {0} cancelled.', familiar));
    void ctx.ui.info(vscode.l10n.t('Pull of {0} cancelled; nothing was changed.', familiar));
  } else {
    ctx.log.info(outcome.result === 'upToDate' ? `${familiar}: up to date ${outcome.digest ?? ''}` : `${familiar}: pulled ${outcome.digest ?? ''}`);
  }
  return outcome;
}

/** Seconds without a progress line before a pull counts as stalled (dockerExplorer.images.pullStallTimeout). */
function pullStallSeconds(): number {
  const seconds = vscode.workspace.getConfiguration('dockerExplorer.images').get<number>('pullStallTimeout', 60);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 60;
}

function stallMessage(registry: string, familiar: string, seconds: number): string {
  return vscode.l10n.t(
    'The registry {0} stopped answering: no progress on {1} for {2} s, so the pull was stopped and nothing was tagged. Check that the registry and the network to it work, then pull again (dockerExplorer.images.pullStallTimeout sets how long to wait).',
    registry,
    familiar,
    seconds,
  );
}

function pullErrorMessage(ctx: CommandContext, familiar: string, error: DockerError): string {
  if (error.code === 'notFound' || /manifest unknown|not found/i.test(error.message)) {
    return vscode.l10n.t(
      'The registry has no image {0} ({1}). Check the name and the tag: tags are case-sensitive and "latest" exists only when someone pushed it.',
      familiar,
      error.message,
    );
  }
  if (/pull access denied|unauthorized|authentication required/i.test(error.message)) {
    return vscode.l10n.t('The registry refused to give {0}: {1}. Log in with docker login, or check that the repository exists.', familiar, error.message);
  }
  return describeError(error, ctx.engineDescription);
}
