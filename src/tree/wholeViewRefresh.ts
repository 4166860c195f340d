/**
 * Coalesces "the whole view changed" signals: the first fires at once, the ones that follow
 * within `intervalMs` become one trailing fire. VS Code fetches every row of a view again on each
 * whole-view change (and its extension host keeps a few hundred bytes of each fetched row for the
 * view's life), so a burst of creates or removes must not become one full re-render per batch.
 */
export class WholeViewRefresh {
  private last = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly fire: () => void,
    private readonly intervalMs = 150,
    private readonly now: () => number = () => performance.now(),
  ) {}

  request(): void {
    if (this.timer) {
      return; // the trailing fire will show this change too
    }
    const wait = this.last + this.intervalMs - this.now();
    if (wait <= 0) {
      this.run();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, wait);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private run(): void {
    this.last = this.now();
    this.fire();
  }
}
