/**
 * A bounded many-producer, one-consumer queue: producers `await push()` and wait while the consumer is
 * behind, so memory stays flat however fast pages arrive.
 *
 * @example
 * const channel = new Channel<number>(100);
 * void (async () => { await channel.push(1); channel.close(); })();
 * for await (const n of channel) console.log(n);
 */
export class Channel<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private head = 0;
  private closed = false;
  private failure: { error: unknown } | undefined;
  private wakeConsumer: (() => void) | undefined;
  private readonly waitingProducers: (() => void)[] = [];

  constructor(private readonly capacity: number) {}

  /** Adds an item; resolves once there is room. */
  async push(item: T): Promise<void> {
    while (this.items.length - this.head >= this.capacity && !this.closed) {
      await new Promise<void>((resolve) => this.waitingProducers.push(resolve));
    }
    if (this.closed) return;
    this.items.push(item);
    this.wake();
  }

  /** No more items: the consumer ends after the queued ones. */
  close(): void {
    this.closed = true;
    this.wake();
    for (const resolve of this.waitingProducers.splice(0)) resolve();
  }

  /** Ends the consumer with `error` after the queued items. */
  fail(error: unknown): void {
    this.failure = { error };
    this.close();
  }

  private wake(): void {
    const wake = this.wakeConsumer;
    this.wakeConsumer = undefined;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    try {
      for (;;) {
        if (this.head < this.items.length) {
          const item = this.items[this.head]!;
          this.head += 1;
          if (this.head > 1024 && this.head * 2 > this.items.length) {
            this.items.splice(0, this.head);
            this.head = 0;
          }
          this.waitingProducers.shift()?.();
          yield item;
          continue;
        }
        if (this.closed) {
          if (this.failure) throw this.failure.error;
          return;
        }
        await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
      }
    } finally {
      // the consumer stopped early: release the producers
      this.close();
    }
  }
}
