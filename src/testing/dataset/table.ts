/**
 * Compact per-stream state: typed arrays of times, flags and status indexed by record index, plus the few
 * records a mutation touched. Records themselves are never stored; they are derived on demand.
 */
import type { ServedStream } from './types.js';

/**
 * The record sits on the archived endpoint.
 *
 * @example
 * const archived = (table.flags[i] & FLAG_ARCHIVED) !== 0;
 */
export const FLAG_ARCHIVED = 1;
/**
 * The record is soft-deleted (`is_deleted: true`).
 *
 * @example
 * const deleted = (table.flags[i] & FLAG_DELETED) !== 0;
 */
export const FLAG_DELETED = 2;
/**
 * The record is gone for good (hard-deleted leads): never served, never yielded.
 *
 * @example
 * table.flags[i] |= FLAG_REMOVED;
 */
export const FLAG_REMOVED = 4;

/**
 * Deal statuses as stored in `StreamTable.status`.
 *
 * @example
 * DEAL_STATUSES[table.status[i]]; // 'won'
 */
export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;

const PACK = 4_194_304; // 2^22: index bits of a packed (second, index) sort key
const MAX_PACKED_SECOND = 2_147_483_647;

/**
 * Indexes `1..size` ordered by `(times[i], i)` ascending.
 *
 * Uses one native Float64Array sort on packed `(second, index)` keys when every time is a whole second and the
 * indexes fit in 22 bits (the common, large case); falls back to a comparator sort otherwise.
  *
  * @example
  * orderByTime(table.updateTime, table.size); // Int32Array of indexes, oldest first
 */
export function orderByTime(times: Float64Array, size: number): Int32Array {
  let packable = size < PACK;
  for (let i = 1; packable && i <= size; i++) {
    const t = times[i] as number;
    if (t % 1000 !== 0 || t < 0 || t / 1000 > MAX_PACKED_SECOND) packable = false;
  }
  const out = new Int32Array(size);
  if (packable) {
    const keys = new Float64Array(size);
    for (let i = 1; i <= size; i++) keys[i - 1] = ((times[i] as number) / 1000) * PACK + i;
    keys.sort();
    for (let k = 0; k < size; k++) out[k] = (keys[k] as number) % PACK;
    return out;
  }
  for (let i = 0; i < size; i++) out[i] = i + 1;
  out.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
  return out;
}

/**
 * The mutable, compact state of one stream.
 *
 * @example
 * const table = new StreamTable('deals', 1000);
 * table.updateTime[1] = Date.now();
 */
export class StreamTable {
  /** Highest record index in use (indexes start at 1). */
  size = 0;
  /** `add_time` per index, in ms. */
  addTime: Float64Array;
  /** `update_time` per index, in ms. */
  updateTime: Float64Array;
  /** `FLAG_*` bits per index. */
  flags: Uint8Array;
  /** Deal status per index (index into `DEAL_STATUSES`); unused for other streams. */
  status: Uint8Array;
  /** How many times each updated record was changed; drives the values that change. */
  readonly revisions = new Map<number, number>();
  /** `archive_time` of records archived by a mutation (generated ones use their `update_time`). */
  readonly archiveTimes = new Map<number, number>();
  /** Bumped by every change; caches key on it. */
  version = 0;
  private byUpdate: Int32Array | undefined;
  private byUpdateVersion = -1;

  constructor(
    readonly stream: ServedStream,
    capacity: number,
  ) {
    this.addTime = new Float64Array(capacity + 1);
    this.updateTime = new Float64Array(capacity + 1);
    this.flags = new Uint8Array(capacity + 1);
    this.status = new Uint8Array(capacity + 1);
  }

  /** Grows the arrays so that `size + extra` indexes fit. */
  reserve(extra: number): void {
    const needed = this.size + extra + 1;
    if (needed <= this.addTime.length) return;
    const capacity = Math.max(needed, Math.ceil(this.addTime.length * 1.5));
    const grow = <T extends Float64Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.addTime = grow(this.addTime, (n) => new Float64Array(n));
    this.updateTime = grow(this.updateTime, (n) => new Float64Array(n));
    this.flags = grow(this.flags, (n) => new Uint8Array(n));
    this.status = grow(this.status, (n) => new Uint8Array(n));
  }

  /** True when the index holds a record that still exists (possibly archived or soft-deleted). */
  exists(index: number): boolean {
    return index >= 1 && index <= this.size && ((this.flags[index] as number) & FLAG_REMOVED) === 0;
  }

  /** The revision of a record (0 when never updated). */
  revision(index: number): number {
    return this.revisions.get(index) ?? 0;
  }

  /** Indexes ordered by `(update_time, index)`, rebuilt lazily after changes. */
  orderedByUpdateTime(): Int32Array {
    if (this.byUpdate === undefined || this.byUpdateVersion !== this.version) {
      this.byUpdate = orderByTime(this.updateTime, this.size);
      this.byUpdateVersion = this.version;
    }
    return this.byUpdate;
  }
}
