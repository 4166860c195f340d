import * as vscode from 'vscode';
import { toDockerError } from '../docker/errors';
import { commandLine } from '../docker/shell';
import { describeError, showFailure } from '../errorMessages';
import type { CommandContext } from './context';

export interface ActResult<T> {
  done: T[];
  failed: { target: T; message: string }[];
}

/**
 * Runs one engine operation per target (in parallel, a few at a time), writes the docker
 * command each stands for to the output channel, and reports failures once, together.
 */
export async function actOnEach<T>(
  ctx: CommandContext,
  targets: T[],
  cli: (target: T) => string[],
  operation: (target: T) => Promise<unknown>,
  concurrency = 8,
): Promise<ActResult<T>> {
  const result: ActResult<T> = { done: [], failed: [] };
  const queue = [...targets];
  const worker = async () => {
    for (let target = queue.shift(); target !== undefined; target = queue.shift()) {
      ctx.log.command(commandLine(cli(target)));
      try {
        await operation(target);
        result.done.push(target);
      } catch (err) {
        const error = toDockerError(err);
        const message = describeError(error, ctx.engineDescription);
        ctx.log.error(message);
        result.failed.push({ target, message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  if (result.failed.length > 0) {
    const message =
      result.failed.length === 1
        ? result.failed[0].message
        : vscode.l10n.t('{0} of {1} failed. First: {2}', result.failed.length, targets.length, result.failed[0].message);
    void showFailure(ctx.ui, ctx.log, message);
  }
  return result;
}

/** Runs one operation and reports its failure the same way; returns undefined when it failed. */
export async function actOnce<R>(ctx: CommandContext, cli: string[], operation: () => Promise<R>): Promise<R | undefined> {
  let value: R | undefined;
  const { done } = await actOnEach(
    ctx,
    [0],
    () => cli,
    async () => {
      value = await operation();
    },
  );
  return done.length > 0 ? value : undefined;
}
