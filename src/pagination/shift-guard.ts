import { ResponseValidationError } from '../errors.js';

/** Rows remembered for the overlap check and de-duplication; older ones are forgotten first. */
const WINDOW_ROWS = 50_000;
/** Backtracking steps one walk may take before it gives up on a list that keeps shifting. */
const MAX_BACKTRACKS = 200;

/**
 * Keeps an offset walk in descending change order (`sort=update_time DESC`) from skipping rows when rows it
 * has already read leave the list while it pages (a file deleted, a lead unarchived): every later row then
 * moves up, and the row that was first on the next page would land on the page already read. Records
 * changed while paging move to the top and are newer than what the walk read, so they are the next run's;
 * rows that move up are older than the walk's watermark, and no later run would read them again.
 *
 * The walk asks for each next page one row early (`start = next_start - 1`). A page is accepted when it
 * holds a row already read, unchanged (same id and change time): everything unread still follows that
 * row. Otherwise rows moved up, and the walk steps back a page at a time until it finds one. Rows
 * already read are dropped from the pages it yields.
 *
 * @example
 * const guard = new ShiftGuard(100);
 * guard.accepts(rows, start); // false: step back to guard.stepBack(start, where)
 */
export class ShiftGuard {
  private readonly read = new Set<string>();
  private readonly order: string[] = [];
  private head = 0;
  private backtracks = 0;

  constructor(private readonly limit: number) {}

  /** One row early, so consecutive pages overlap by a row. */
  nextStart(nextStart: number): number {
    return Math.max(0, nextStart - 1);
  }

  /** True when the page at `start` cannot have skipped an unread row: it is the first, or it holds a row read before. */
  accepts(rows: readonly unknown[], start: number): boolean {
    return start <= 0 || this.read.size === 0 || rows.some((row) => this.read.has(identity(row)));
  }

  /** The start to read again from after a page was refused; throws when the list keeps shifting. */
  stepBack(start: number, where: string): number {
    this.backtracks += 1;
    if (this.backtracks > MAX_BACKTRACKS) {
      throw new ResponseValidationError(
        `${where}: rows kept moving up the list while it was paged (rows read earlier were removed), ${MAX_BACKTRACKS} times. Stopped so that no row is skipped; run the sync again.`,
      );
    }
    return Math.max(0, start - this.limit);
  }

  /** The rows of an accepted page not read before; remembers them. */
  fresh(rows: readonly unknown[]): unknown[] {
    const out: unknown[] = [];
    for (const row of rows) {
      const key = identity(row);
      if (this.read.has(key)) continue;
      out.push(row);
      this.read.add(key);
      this.order.push(key);
    }
    while (this.order.length - this.head > WINDOW_ROWS) this.read.delete(this.order[this.head++]!);
    if (this.head > WINDOW_ROWS) {
      this.order.splice(0, this.head);
      this.head = 0;
    }
    return out;
  }
}

/** A row's identity: its id and change time (a changed row is another row), or its JSON when it has no id. */
function identity(row: unknown): string {
  if (row !== null && typeof row === 'object' && 'id' in row) {
    const record = row as Record<string, unknown>;
    return `${String(record['id'])}|${String(record['update_time'] ?? record['modified'] ?? '')}`;
  }
  return JSON.stringify(row);
}

/**
 * True when an offset query sorts in descending order (`sort=update_time DESC`), where a row removed from
 * the part already read moves every unread row up.
 *
 * @example
 * isDescending({ sort: 'update_time DESC' }); // true
 */
export function isDescending(query: Record<string, unknown>): boolean {
  return /\bdesc\b/i.test(String(query['sort'] ?? ''));
}
