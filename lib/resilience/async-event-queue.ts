/**
 * Combines two consecutive buffered events into one (e.g. two text deltas), or returns
 * undefined when they must stay separate.
 */
export type MergeEvents<T> = (earlier: T, later: T) => T | undefined;

/**
 * A one-consumer async queue: producers push events as they happen, the consumer iterates.
 * Lets a policy-wrapped promise (retry, breaker, bulkhead) feed an async generator.
 * With `merge`, events buffered together reach the consumer as one.
 */
export class AsyncEventQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private readonly merge: MergeEvents<T> | undefined;
  private closed = false;
  private failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;
  /** Events pushed soon are held back until the end of the current event-loop turn. */
  private held = false;

  constructor(merge?: MergeEvents<T>) {
    this.merge = merge;
  }

  /** Adds an event and wakes the consumer at once; ignored once the queue has ended or failed. */
  push(item: T): void {
    if (this.closed) return;
    this.items.push(item);
    this.release();
  }

  /**
   * Adds an event that reaches the consumer at the end of the current event-loop turn (or
   * with the next event pushed at once), not immediately. Nothing waits for more to arrive,
   * but events that arrive in the same turn (a socket read carrying several tokens, typical
   * when the server is busy) are merged and cost the layers downstream one step, not one each.
   */
  pushSoon(item: T): void {
    if (this.closed) return;
    this.items.push(item);
    if (this.held) return;
    this.held = true;
    setImmediate(() => this.release());
  }

  /** No more events: the consumer finishes after the buffered ones. */
  end(): void {
    this.closed = true;
    this.release();
  }

  /** The consumer receives the buffered events, then `error`. */
  fail(error: unknown): void {
    if (this.closed) return;
    this.failure = { error };
    this.closed = true;
    this.release();
  }

  /** Lets the consumer take everything buffered, waking it if it waits. */
  private release(): void {
    this.held = false;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private mergeBuffered(first: T): T {
    let item = first;
    while (this.merge && this.items.length > 0) {
      const merged = this.merge(item, this.items[0]);
      if (merged === undefined) break;
      this.items.shift();
      item = merged;
    }
    return item;
  }

  /**
   * A plain iterator rather than an async generator: a buffered event costs one resolved
   * promise, not a generator's extra steps, on a path every token takes.
   */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return { next: () => this.next() };
  }

  private next(): Promise<IteratorResult<T>> {
    const item = this.held ? undefined : this.items.shift();
    if (item !== undefined) return Promise.resolve({ done: false, value: this.mergeBuffered(item) });
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.closed) return Promise.resolve({ done: true, value: undefined });
    return new Promise<void>((resolve) => {
      this.wake = resolve;
    }).then(() => this.next());
  }
}
