import { ResponseValidationError } from '../errors.js';
import type { Query } from '../http/transport.js';

/** How a list endpoint pages: v2 `cursor`, v1 `offset` (`start`/`limit`) or `none`. */
export type PaginationKind = 'cursor' | 'offset' | 'none';

/** Where the next page starts, read from a response's `additional_data`. */
export interface NextPage {
  /** Query parameters of the next page (merged over the first page's), or null at the end. */
  query: Query | null;
  /** The public form of the position, for `Page.nextCursor`. */
  cursor: string | null;
}

/**
 * One way of paging. `first` gives the first page's parameters, `next` reads the response and gives
 * the next page's, throwing when a page does not advance.
 *
 * @example
 * const strategy = paginationStrategies.cursor;
 * strategy.first(500); // { limit: 500 }
 */
export interface PaginationStrategy {
  /** Which kind of paging this is. */
  readonly kind: PaginationKind;
  first(pageSize: number | undefined): Query;
  next(current: Query, additionalData: unknown, where: string): NextPage;
}

const END: NextPage = { query: null, cursor: null };

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

const cursor: PaginationStrategy = {
  kind: 'cursor',
  first: (pageSize) => ({ limit: pageSize }),
  next(current, additionalData, where) {
    const next = record(additionalData)?.['next_cursor'];
    if (next === null || next === undefined || next === '') return END;
    if (typeof next !== 'string') {
      throw new ResponseValidationError(`${where}: additional_data.next_cursor is ${typeof next}, expected a string or null. Report this response shape.`);
    }
    if (next === current['cursor']) {
      throw new ResponseValidationError(`${where}: the next cursor equals the current one, so paging would never end. Stopped; resume from the last checkpoint.`);
    }
    return { query: { cursor: next }, cursor: next };
  },
};

const offset: PaginationStrategy = {
  kind: 'offset',
  first: (pageSize) => ({ start: 0, limit: pageSize }),
  next(current, additionalData, where) {
    const data = record(additionalData);
    const pagination = record(data?.['pagination']) ?? data;
    if (pagination?.['more_items_in_collection'] !== true) return END;
    const start = Number(current['start'] ?? 0);
    const rawNext = pagination['next_start'];
    const limit = Number(pagination['limit'] ?? current['limit'] ?? 100);
    const nextStart = rawNext === undefined || rawNext === null ? start + limit : Number(rawNext);
    if (!Number.isInteger(nextStart) || nextStart <= start) {
      throw new ResponseValidationError(`${where}: next_start ${String(rawNext)} does not advance past start ${start}, so paging would never end. Stopped; resume from the last checkpoint.`);
    }
    return { query: { start: nextStart }, cursor: String(nextStart) };
  },
};

const none: PaginationStrategy = {
  kind: 'none',
  first: () => ({}),
  next: () => END,
};

/**
 * The three pagination strategies by kind.
 *
 * @example
 * paginationStrategies.offset.first(100); // { start: 0, limit: 100 }
 */
export const paginationStrategies: Readonly<Record<PaginationKind, PaginationStrategy>> = { cursor, offset, none };
