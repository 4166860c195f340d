/** Something to let go of; the shape of vscode.Disposable, so either side can hold it. */
export interface Disposable {
  dispose(): void;
}

/** Subscribes a listener; the returned Disposable unsubscribes it (the shape of vscode.Event). */
export type Event<T> = (listener: (value: T) => void) => Disposable;

/** The side that fires an Event<T>; listeners added while firing hear the next value. */
export class Emitter<T> implements Disposable {
  private readonly listeners = new Set<(value: T) => void>();

  readonly event: Event<T> = (listener) => {
    // Wrapped, so the same function subscribed twice is two subscriptions, each disposed alone.
    const entry = (value: T) => listener(value);
    this.listeners.add(entry);
    return { dispose: () => this.listeners.delete(entry) };
  };

  fire(value: T): void {
    [...this.listeners].forEach((l) => l(value));
  }

  dispose(): void {
    this.listeners.clear();
  }
}
