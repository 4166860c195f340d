import * as vscode from 'vscode';

/**
 * VS Code's extension host debounces each view's onDidChangeTreeData (ExtHostTreeView, 200 ms,
 * leading edge): a change fired when none came for 200 ms goes to the page at once; one fired
 * sooner waits until 200 ms after itself, and each further one pushes that again. So a change that
 * follows another within the window is better held until the window has closed and then fired
 * alone: it leads again, 200 ms after the previous fire instead of 200 ms after itself.
 */
export const vscodeTreeDebounceMs = 200;

type Change<T> = T | T[] | undefined;

export interface PacerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: PacerClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Paces one view's changes: at once after a quiet window, else merged into one fire when the window closes. */
export class TreeChangePacer<T> {
  private last = -Infinity;
  private timer: unknown;
  private whole = false;
  private readonly rows = new Set<T>();

  constructor(
    private readonly fire: (change: Change<T>) => void,
    /** A few ms past VS Code's window, so its timer has run before ours. */
    private readonly windowMs = vscodeTreeDebounceMs + 5,
    private readonly clock: PacerClock = realClock,
  ) {}

  push(change: Change<T> | null | void): void {
    if (change === undefined || change === null) {
      this.whole = true; // the whole view: every row comes with it
      this.rows.clear();
    } else if (!this.whole) {
      (Array.isArray(change) ? change : [change]).forEach((row) => this.rows.add(row));
    }
    if (this.timer !== undefined) {
      return;
    }
    const wait = this.last + this.windowMs - this.clock.now();
    if (wait <= 0) {
      this.flush();
    } else {
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, wait);
    }
  }

  dispose(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private flush(): void {
    const rows = [...this.rows];
    const whole = this.whole;
    this.rows.clear();
    this.whole = false;
    if (!whole && rows.length === 0) {
      return;
    }
    this.last = this.clock.now();
    this.fire(whole ? undefined : rows.length === 1 ? rows[0] : rows);
  }
}

/** The provider as VS Code is given it: the same rows, its changes paced (the provider's own event stays as it fires). */
export function pacedForVSCode<T>(provider: vscode.TreeDataProvider<T>): vscode.TreeDataProvider<T> & vscode.Disposable {
  const changed = new vscode.EventEmitter<Change<T>>();
  const pacer = new TreeChangePacer<T>((change) => changed.fire(change));
  const subscription = provider.onDidChangeTreeData?.((change) => pacer.push(change));
  const paced: vscode.TreeDataProvider<T> & vscode.Disposable = {
    onDidChangeTreeData: changed.event,
    getTreeItem: (element) => provider.getTreeItem(element),
    getChildren: (element) => provider.getChildren(element),
    dispose: () => {
      subscription?.dispose();
      pacer.dispose();
      changed.dispose();
    },
  };
  // VS Code looks at whether these exist: only pass on the ones the provider has.
  if (provider.getParent) {
    paced.getParent = (element) => provider.getParent!(element);
  }
  if (provider.resolveTreeItem) {
    paced.resolveTreeItem = (item, element, token) => provider.resolveTreeItem!(item, element, token);
  }
  return paced;
}
