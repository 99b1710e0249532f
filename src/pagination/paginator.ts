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

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const page of this.source()) yield* page.items;
  }
}
