import * as vscode from 'vscode';
import { RawStats, sampledRunning, StatsSample, statsColumns, statsSample, statsTable } from '../docker/containerStats';
import { jsonLines } from '../docker/pullProgress';
import type { DockerService } from '../docker/service';
import { destroyStream, TerminalSession } from './session';
import { display } from '../tree/display';
import { ansi } from './streamDecoding';

/** How often the table is drawn again at most; the engine sends one sample a second per container. */
const redrawMs = 500;

interface Watched {
  id: string;
  name: string;
  sample?: StatsSample;
  stream?: NodeJS.ReadableStream;
  stopped: boolean;
}

/**
 * `docker stats NAME...`: a live table of CPU, memory, network and block I/O and PIDs, one row per
 * container, from one stats stream each. A container that stops shows "--", as the CLI shows it.
 * Ctrl+C or q closes the terminal.
 */
export class StatsTerminal extends TerminalSession {
  readonly kind = 'stats';
  private readonly watched: Watched[];
  private timer: NodeJS.Timeout | undefined;
  private drawnAt = 0;
  private firstDrawn!: () => void;
  /** Resolves once the table was drawn with a sample of every container that runs (for callers and tests). */
  readonly firstTable = new Promise<void>((resolve) => (this.firstDrawn = resolve));

  constructor(
    private readonly service: DockerService,
    containers: { id: string; name: string }[],
    engineDescription: string,
  ) {
    super(containers.map((c) => c.name).join(', '), engineDescription);
    this.watched = containers.map((c) => ({ id: c.id, name: c.name, stopped: false }));
  }

  protected async begin(): Promise<void> {
    this.draw();
    await Promise.all(this.watched.map((w) => this.follow(w)));
  }

  private async follow(w: Watched): Promise<void> {
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.service.containerStats(w.id);
    } catch (err) {
      if (this.watched.length === 1) {
        this.fail(err);
      } else {
        w.stopped = true;
        this.schedule();
      }
      return;
    }
    if (!this.active) {
      destroyStream(stream);
      return;
    }
    w.stream = stream;
    try {
      for await (const raw of jsonLines(stream)) {
        // A stopped container's stream goes on with zeroed samples, and has numbers again once it starts.
        w.stopped = !sampledRunning(raw as RawStats);
        w.sample = w.stopped ? undefined : statsSample(raw as RawStats);
        this.schedule();
      }
    } catch {
      // the stream broke off: the container stopped or the engine went away; either way it shows "--"
    }
    w.stream = undefined;
    w.stopped = true;
    w.sample = undefined;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || !this.active) {
      return;
    }
    const wait = Math.max(0, this.drawnAt + redrawMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.draw();
    }, wait);
  }

  private draw(): void {
    if (!this.active) {
      return;
    }
    this.drawnAt = Date.now();
    const { percent } = display();
    const lines = statsTable(this.watched.map((w) => statsColumns(w.id, w.name, w.sample, (n) => percent(n))));
    const stopped = this.watched.filter((w) => w.stopped).map((w) => w.name);
    const notes = [
      stopped.length > 0 ? vscode.l10n.t('Not running: {0}.', stopped.join(', ')) : '',
      vscode.l10n.t('Live from the engine, once a second. Ctrl+C or q closes this terminal.'),
    ].filter((n) => n);
    // Home and clear, then the table: the same screen redrawn, as docker stats does.
    this.write(`\x1b[H\x1b[2J${lines.join('\r\n')}\r\n\r\n${notes.map((n) => ansi.note(n)).join('\r\n')}`);
    if (this.watched.every((w) => w.sample || w.stopped)) {
      this.firstDrawn();
    }
  }

  protected override input(data: string): void {
    if (data === '\x03' || data === 'q' || data === 'Q') {
      this.finish(0);
    }
  }

  protected release(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const w of this.watched) {
      destroyStream(w.stream);
      w.stream = undefined;
    }
  }
}
