import type { Page } from './page.js';

/**
 * A lazy list: `for await` yields records, `pages()` yields pages, `toArray()` collects.
 * Nothing is requested until iteration starts; each iteration starts from the first page.
 *
 * @example
 * for await (const deal of pd.deals()) console.log(deal.id);
 * const stages = await pd.stages().toArray();
 */
export class Paginator<T> implements AsyncIterable<T> {
  constructor(private readonly source: () => AsyncIterable<Page<T>>) {}

  /**
   * Iterates page by page.
   *
   * @example
   * for await (const page of pd.deals().pages()) console.log(page.items.length, page.nextCursor);
   */
  pages(): AsyncIterable<Page<T>> {
    return this.source();
  }

  /**
   * Reads every record into an array. Meant for small streams (stages, users, fields).
   *
   * @example
   * const users = await pd.users().toArray();
   */
  async toArray(): Promise<T[]> {
    const all: T[] = [];
    for await (const page of this.source()) for (const item of page.items) all.push(item);
    return all;
  }

  /**
   * Iterates record by record. Written by hand rather than as `for await (...) yield* page.items` in an
   * async generator: while the current page lasts, `next()` hands out the next record without a
   * generator resume (about a third of a microsecond per record); the next page is awaited only when the
   * current one is used up. It behaves as that generator did: nothing is requested before the first
   * `next()`, an error of the page source rejects that `next()` and ends the iteration, `return()` (a
   * `break` out of `for await`) closes the page source, and calls made while a page is being read wait
   * for it, in order.
   *
   * @example
   * const it = pd.deals()[Symbol.asyncIterator]();
   * const first = await it.next(); // { value: deal, done: false }
   * await it.return?.(); // closes the page source
   */
  [Symbol.asyncIterator](): AsyncIterator<T> & AsyncIterable<T> {
    return new RecordIterator(this.source);
  }
}

/** The record iterator of a {@link Paginator}; see `Paginator[Symbol.asyncIterator]`. */
class RecordIterator<T> implements AsyncIterator<T>, AsyncIterable<T> {
  /** The page source, opened at the first `next()`. */
  private pages: AsyncIterator<Page<T>> | undefined;
  private items: readonly T[] = [];
  private index = 0;
  /** Set once the source is used up, has failed or has been closed. */
  private finished = false;
  /** The last queued operation (page read, close) while one is in flight; later calls run after it. */
  private tail: Promise<IteratorResult<T>> | undefined;

  constructor(private readonly source: () => AsyncIterable<Page<T>>) {}

  next(): Promise<IteratorResult<T>> {
    if (this.tail !== undefined) return this.enqueue(() => this.step());
    return this.step();
  }

  return(value?: unknown): Promise<IteratorResult<T>> {
    return this.enqueue(() => this.close(value));
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    return this.enqueue(() => this.close(undefined).then(() => Promise.reject(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** One `next()` with nothing in flight: the next record of the current page, or a page read. */
  private step(): Promise<IteratorResult<T>> {
    if (this.index < this.items.length) return Promise.resolve({ value: this.items[this.index++] as T, done: false });
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    return this.tail === undefined ? this.enqueue(() => this.nextPage()) : this.nextPage();
  }

  /** Reads pages until one has records; an error of the source rejects and ends the iteration. */
  private async nextPage(): Promise<IteratorResult<T>> {
    this.items = [];
    this.index = 0;
    try {
      this.pages ??= this.source()[Symbol.asyncIterator]();
      for (;;) {
        const page = await this.pages.next();
        if (page.done) {
          this.finished = true;
          return { value: undefined, done: true };
        }
        if (page.value.items.length > 0) {
          this.items = page.value.items;
          this.index = 1;
          return { value: this.items[0] as T, done: false };
        }
      }
    } catch (error) {
      this.finished = true;
      throw error;
    }
  }

  /** Ends the iteration; an open page source is closed (its `return()`), as `break` in `for await` does. */
  private async close(value: unknown): Promise<IteratorResult<T>> {
    const pages = this.finished ? undefined : this.pages;
    this.finished = true;
    this.items = [];
    this.index = 0;
    if (pages?.return) await pages.return();
    return { value: value as T, done: true };
  }

  /** Runs `operation` after the one in flight (if any) has settled, whatever its outcome; FIFO. */
  private enqueue(operation: () => Promise<IteratorResult<T>>): Promise<IteratorResult<T>> {
    const previous = this.tail;
    const result = previous === undefined ? operation() : previous.then(operation, operation);
    this.tail = result;
    const settled = (): void => {
      if (this.tail === result) this.tail = undefined;
    };
    result.then(settled, settled);
    return result;
  }
}
