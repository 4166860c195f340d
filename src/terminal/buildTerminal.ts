import * as vscode from 'vscode';
import type { BuildContextFiles } from '../docker/buildContext';
import { BuildSpec, dockerfileInContext, pairsToObject } from '../docker/buildOptions';
import { BuildProgress, BuildStep } from '../docker/buildProgress';
import { DockerError, toDockerError } from '../docker/errors';
import { jsonLines } from '../docker/pullProgress';
import type { DockerService } from '../docker/service';
import { describeError } from '../errorMessages';
import { destroyStream, TerminalSession } from './session';
import { ansi, terminalText } from './streamDecoding';

export type BuildOutcome =
  | { result: 'built'; imageId: string; tags: readonly string[] }
  | { result: 'failed'; message: string; step?: BuildStep }
  | { result: 'cancelled'; /** The step's container when one was running: the engine removes it. */ container?: string };

/**
 * `docker build`: the engine's output as it comes (each `Step N/M`, RUN output, errors in red),
 * then the image id and tags, or which step failed. Closing the terminal, or `cancel()` (the
 * progress notification's Cancel), closes the request, and the engine stops the build.
 */
export class BuildTerminal extends TerminalSession {
  readonly kind = 'build';
  private readonly abort = new AbortController();
  private stream: NodeJS.ReadableStream | undefined;
  private readonly progress = new BuildProgress();
  private settle!: (outcome: BuildOutcome) => void;
  /** What the build came to; settles once, whichever way it ends (also when the terminal is closed first). */
  readonly outcome = new Promise<BuildOutcome>((resolve) => (this.settle = resolve));

  constructor(
    private readonly service: DockerService,
    readonly spec: BuildSpec,
    private readonly files: BuildContextFiles,
    engineDescription: string,
  ) {
    super(spec.tag, engineDescription);
  }

  /** Stops the build: the request is closed, the engine stops the step it is on and tags nothing. */
  cancel(): void {
    this.abort.abort();
    destroyStream(this.stream);
  }

  protected async begin(): Promise<void> {
    const spec = this.spec;
    const progress = this.progress;
    try {
      const stream = await this.service.buildImage(
        { context: spec.context, src: this.files.entries },
        {
          dockerfile: dockerfileInContext(spec),
          t: spec.tag,
          buildargs: spec.buildArgs.length > 0 ? pairsToObject(spec.buildArgs) : undefined,
          target: spec.target,
          nocache: spec.noCache,
          pull: spec.pull,
          labels: spec.labels.length > 0 ? pairsToObject(spec.labels) : undefined,
        },
        this.abort.signal,
      );
      this.stream = stream;
      if (this.abort.signal.aborted) destroyStream(stream);
      for await (const event of jsonLines(stream)) {
        for (const out of progress.add(event)) {
          this.write(out.kind === 'error' ? ansi.stderr(terminalText(out.text)) : terminalText(out.text));
        }
      }
    } catch (err) {
      if (!this.abort.signal.aborted) {
        this.end({ result: 'failed', message: describeError(toDockerError(err), this.engineDescription), step: progress.step });
        return;
      }
    }
    if (this.abort.signal.aborted) {
      this.end({ result: 'cancelled', container: progress.runningIn });
    } else if (progress.error !== undefined) {
      this.end({ result: 'failed', message: progress.error, step: progress.step });
    } else if (progress.imageId) {
      this.end({ result: 'built', imageId: progress.imageId, tags: progress.tags });
    } else {
      this.end({ result: 'failed', message: vscode.l10n.t('The engine ended the build without an image id.'), step: progress.step });
    }
  }

  private end(outcome: BuildOutcome): void {
    this.settle(outcome);
    if (outcome.result === 'built') {
      const tags = outcome.tags.length > 0 ? outcome.tags.join(', ') : this.spec.tag;
      this.finishAfterKey(vscode.l10n.t('Built {0}, tagged {1}.', outcome.imageId, tags), 0);
    } else if (outcome.result === 'cancelled') {
      this.finishAfterKey(ansi.stderr(vscode.l10n.t('Build cancelled: the engine stopped it and tagged nothing.')), 1);
    } else {
      const where = outcome.step
        ? vscode.l10n.t('Step {0}/{1} failed: {2}', outcome.step.number, outcome.step.of, outcome.step.instruction)
        : vscode.l10n.t('The build failed before its first step.');
      this.finishAfterKey(ansi.stderr(`${where}\n${outcome.message}`), 1);
    }
  }

  protected release(): void {
    // Closing the terminal mid-build cancels it; after the end this changes nothing.
    this.settle({ result: 'cancelled', container: this.progress.runningIn });
    this.cancel();
    this.stream = undefined;
  }

  protected override describe(error: DockerError): string {
    return describeError(error, this.engineDescription);
  }
}
