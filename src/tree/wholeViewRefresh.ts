/**
 * Coalesces "the whole view changed" signals. VS Code fetches every row of a view again on each
 * whole-view change (and its extension host keeps a few hundred bytes of each fetched row for the
 * view's life), so a burst of creates or removes must not become one full re-render per batch:
 * - a request after a quiet `intervalMs` fires at once (a single change reaches the page at once);
 * - the requests that follow a fire wait for one trailing fire, and the wait doubles with each
 *   trailing fire while requests keep coming, up to `capMs` (2,000 removals over 30 s: about a dozen
 *   fires, not 200);
 * - a burst that stops is shown `intervalMs` after its last request, whatever the wait had become.
 */
export class WholeViewRefresh {
  private last = -Infinity;
  private window: number;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly fire: () => void,
    private readonly intervalMs = 150,
    private readonly now: () => number = () => performance.now(),
    private readonly capMs = 5_000,
  ) {
    this.window = intervalMs;
  }

  request(): void {
    const now = this.now();
    if (!this.timer && now - this.last >= this.intervalMs) {
      this.window = this.intervalMs;
      this.run();
      return;
    }
    this.arm(now);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The trailing fire, set again with each request: when the window is over, or `intervalMs` after the last request. */
  private arm(now: number): void {
    clearTimeout(this.timer);
    const at = Math.min(this.last + this.window, now + this.intervalMs);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.window = Math.min(this.window * 2, this.capMs);
        this.run();
      },
      Math.max(0, at - now),
    );
  }

  private run(): void {
    this.last = this.now();
    this.fire();
  }
}
