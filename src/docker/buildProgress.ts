/**
 * The legacy builder's answer to `POST /build`: JSON lines of `stream` text (`Step N/M : ...`,
 * RUN output, `Successfully built ID`), `status` lines of a --pull, `aux` with the image id, and
 * at most one `error`. Read into what a terminal shows and what the build came to. Pure.
 */
export interface BuildEvent {
  stream?: string;
  status?: string;
  id?: string;
  progress?: string;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { code?: number; message?: string };
}

export interface BuildStep {
  number: number;
  of: number;
  /** The instruction as the engine prints it, e.g. `RUN make`. */
  instruction: string;
}

export type BuildOutput = { kind: 'text'; text: string } | { kind: 'error'; text: string };

export class BuildProgress {
  private current: BuildStep | undefined;
  private id: string | undefined;
  private readonly tagged: string[] = [];
  private failure: string | undefined;
  private pending = '';
  private container: string | undefined;

  /** The step the engine is on (the last `Step N/M` it printed). */
  get step(): BuildStep | undefined {
    return this.current;
  }

  /** The new image's id (sha256:...), once the engine said it. */
  get imageId(): string | undefined {
    return this.id;
  }

  get tags(): readonly string[] {
    return this.tagged;
  }

  get error(): string | undefined {
    return this.failure;
  }

  /** The container the current step runs in (` ---> Running in ID`), which a cancelled build must see gone. */
  get runningIn(): string | undefined {
    return this.container;
  }

  /** What to show for one event, in order. */
  add(event: BuildEvent): BuildOutput[] {
    if (event.error !== undefined || event.errorDetail?.message !== undefined) {
      this.failure = event.errorDetail?.message ?? event.error ?? '';
      return [{ kind: 'error', text: `${this.failure}\n` }];
    }
    if (event.aux?.ID) {
      this.id = event.aux.ID;
      return [];
    }
    if (event.stream !== undefined) {
      this.read(event.stream);
      return [{ kind: 'text', text: event.stream }];
    }
    if (event.status !== undefined) {
      const text = [event.id, event.status, event.progress].filter(Boolean).join(': ');
      return [{ kind: 'text', text: `${text}\n` }];
    }
    return [];
  }

  /** Stream text comes in pieces that need not end at a line: whole lines are read for steps and results. */
  private read(text: string): void {
    this.pending += text;
    let newline: number;
    while ((newline = this.pending.indexOf('\n')) >= 0) {
      this.readLine(this.pending.slice(0, newline));
      this.pending = this.pending.slice(newline + 1);
    }
    // "Step 1/5 : FROM x" arrives without its line feed (that follows as its own event).
    if (/^Step \d+\/\d+ : /.test(this.pending)) {
      this.readLine(this.pending);
    }
  }

  private readLine(line: string): void {
    const step = /^Step (\d+)\/(\d+) : (.*)$/.exec(line.trimEnd());
    if (step) {
      this.current = { number: Number(step[1]), of: Number(step[2]), instruction: step[3] };
      return;
    }
    const running = /^\s*---> Running in ([0-9a-f]+)\s*$/.exec(line);
    if (running) {
      this.container = running[1];
    }
    const built = /^Successfully built ([0-9a-f]+)\s*$/.exec(line);
    if (built && !this.id) {
      this.id = built[1];
    }
    const tagged = /^Successfully tagged (\S+)\s*$/.exec(line);
    if (tagged && !this.tagged.includes(tagged[1])) {
      this.tagged.push(tagged[1]);
    }
  }
}
