import * as vscode from 'vscode';
import { engineAuthConfig } from '../../docker/credentials';
import { toDockerError } from '../../docker/errors';
import { familiarImageName, parseImageRef } from '../../docker/imageRef';
import { jsonLines } from '../../docker/pullProgress';
import { isAuthFailure, PushProgress } from '../../docker/pushProgress';
import { parseRegistryAddress } from '../../docker/registryAddress';
import { commandLine } from '../../docker/shell';
import { describeError } from '../../errorMessages';
import type { CommandContext } from '../context';
import { imageTargets } from '../targets';
import { tagProblem } from './tagImage';
import { display } from '../../tree/display';

export type PushOutcome =
  { result: 'pushed'; reference: string; digest?: string } | { result: 'cancelled' } | { result: 'failed'; message: string; unauthorized: boolean };

/** The tag a caller named (a string, or `{ image }` / `{ name }` as the docker CLI spells it), before any request. */
function givenTag(args: unknown[]): string | undefined {
  const [first] = args;
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object' && !Array.isArray(first) && !('kind' in first)) {
    const value = (first as { image?: unknown; name?: unknown }).image ?? (first as { name?: unknown }).name;
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

/**
 * `docker push TAG`: per-layer progress in a cancellable notification, the digest at the end.
 * A tag without a registry goes to Docker Hub, which is said (and confirmed) first. A 401 offers
 * Log In. Takes a tag row, a tag (string) or `{ image }`; returns the digest, or undefined.
 */
export async function pushImage(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const [, options] = args as [unknown, { signal?: AbortSignal } | undefined];
  const given = givenTag(args);
  if (given !== undefined) {
    const problem = tagProblem(given);
    if (problem) {
      void ctx.ui.error(problem);
      return undefined;
    }
  }
  const targets = await imageTargets(ctx, given !== undefined ? [given] : args, {
    action: 'dockerExplorer.images.push',
    many: false,
    placeHolder: vscode.l10n.t('Image tag to push'),
    noneMessage: vscode.l10n.t('No tagged images to push.'),
  });
  const target = targets?.[0];
  if (!target) return undefined;
  if (!target.reference) {
    void ctx.ui.error(vscode.l10n.t('docker push needs a tag, not an image id: tag the image first (Tag Image...), e.g. 127.0.0.1:5000/team/app:1.0.'));
    return undefined;
  }
  const ref = parseImageRef(target.reference);
  const tag = ref.tag ?? 'latest';
  const repository = familiarImageName({ domain: ref.domain, path: ref.path });
  const familiar = `${repository}:${tag}`;
  const address = parseRegistryAddress(ref.domain);
  if (address.hub) {
    const full = `docker.io/${ref.path}:${tag}`;
    const push = vscode.l10n.t('Push to Docker Hub');
    const answer = await ctx.ui.choose(
      vscode.l10n.t('{0} names no registry, so it goes to Docker Hub as {1}.', familiar, full),
      vscode.l10n.t('To push to another registry, tag it first with the registry in front, e.g. 127.0.0.1:5000/{0}.', ref.path.replace(/^library\//, '')),
      [push],
    );
    if (answer !== push) return undefined;
  }
  const { credentials, problem } = (await ctx.registries?.credentials(address)) ?? {};
  if (problem) ctx.log.error(problem);
  const outcome = await pushWithProgress(ctx, repository, tag, engineAuthConfig(address, credentials), options?.signal);
  if (outcome.result === 'pushed') {
    ctx.log.info(`${familiar}: pushed ${outcome.digest ?? ''}`);
    void ctx.ui.info(vscode.l10n.t('Pushed {0} ({1}).', familiar, outcome.digest ?? vscode.l10n.t('no digest')));
    ctx.registries?.refresh();
    return outcome.digest ?? '';
  }
  if (outcome.result === 'cancelled') {
    ctx.log.info(vscode.l10n.t('Push of {0} cancelled.', familiar));
    void ctx.ui.info(vscode.l10n.t('Push of {0} cancelled; the registry may keep the layers already sent, but not the tag.', familiar));
    return undefined;
  }
  ctx.log.error(outcome.message);
  if (outcome.unauthorized) {
    const logIn = vscode.l10n.t('Log In...');
    if ((await ctx.ui.error(outcome.message, logIn)) === logIn) {
      await vscode.commands.executeCommand('dockerExplorer.registries.logIn', address.host);
    }
  } else {
    void ctx.ui.error(outcome.message);
  }
  return undefined;
}

async function pushWithProgress(ctx: CommandContext, repository: string, tag: string, auth: Record<string, string>, signal?: AbortSignal): Promise<PushOutcome> {
  const familiar = `${repository}:${tag}`;
  ctx.log.command(commandLine(['docker', 'push', familiar]));
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Pushing {0}', familiar), cancellable: true },
    async (progress, token): Promise<PushOutcome> => {
      const abort = new AbortController();
      const cancel = () => abort.abort();
      token.onCancellationRequested(cancel);
      signal?.addEventListener('abort', cancel);
      if (signal?.aborted) cancel();
      const tracker = new PushProgress();
      let reported = 0;
      try {
        const stream = await ctx.service.pushImage(repository, tag, auth, abort.signal);
        const destroy = () => (stream as unknown as { destroy?: () => void }).destroy?.();
        abort.signal.addEventListener('abort', destroy);
        if (abort.signal.aborted) destroy();
        for await (const event of jsonLines(stream)) {
          tracker.add(event);
          const s = tracker.summary;
          if (s.error) break;
          if (s.layers > 0) {
            const percent = s.total > 0 ? Math.floor((s.current / s.total) * 100) : 0;
            progress.report({
              increment: Math.max(0, percent - reported),
              message: vscode.l10n.t('{0} of {1}, {2} of {3} layers', display().size(s.current), display().size(s.total), s.layersDone, s.layers),
            });
            reported = Math.max(reported, percent);
          }
        }
        if (abort.signal.aborted) return { result: 'cancelled' };
      } catch (err) {
        if (abort.signal.aborted) return { result: 'cancelled' };
        const error = toDockerError(err);
        return failed(familiar, error.code === 'notFound' ? error.message : describeError(error, ctx.engineDescription), error.message);
      } finally {
        signal?.removeEventListener('abort', cancel);
      }
      const s = tracker.summary;
      if (s.error) return failed(familiar, s.error, s.error);
      return { result: 'pushed', reference: familiar, digest: s.digest };
    },
  );
}

function failed(familiar: string, message: string, raw: string): PushOutcome {
  if (isAuthFailure(raw)) {
    const registry = parseImageRef(familiar).domain;
    return {
      result: 'failed',
      unauthorized: true,
      message: vscode.l10n.t('{0} refused the push of {1} ({2}). Log in to the registry, then push again.', registry, familiar, raw),
    };
  }
  return { result: 'failed', unauthorized: false, message: vscode.l10n.t('The push of {0} failed: {1}', familiar, message) };
}
