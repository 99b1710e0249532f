/**
 * One page of a stream, as `pages()` yields it.
 *
 * @example
 * for await (const page of pd.deals().pages()) console.log(page.items.length, page.nextCursor);
 */
export interface Page<T> {
  /** The records of this page, validated (unless `validate: false`). */
  items: T[];
  /** Where the next page starts (a v2 cursor, or a v1 offset as a string); null on the last page. */
  nextCursor: string | null;
  /** The endpoint that served the page, e.g. `/api/v2/deals/archived`. */
  endpoint: string;
  /** True when the page comes from an `/archived` companion endpoint. */
  archived: boolean;
}
