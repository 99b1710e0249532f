/**
 * Ordered views over a stream: which records a list request selects, in which order, and binary search for cursor
 * positions. A view is an Int32Array of record indexes built once per (query shape, data version) and cached, so
 * paging is O(limit + log n) per request instead of a scan.
 */
import { PURGE_AFTER_MS } from '../dataset/generated-dataset.js';
import type { StreamModel } from '../dataset/context.js';
import { DEAL_STATUSES, FLAG_ARCHIVED, FLAG_DELETED, FLAG_REMOVED, orderByTime } from '../dataset/table.js';
import { Lru } from '../internal/lru.js';
import { v2Time } from '../internal/time.js';
import type { CursorPosition } from './cursor.js';
import type { Endpoint } from './endpoints.js';
import type { ListQuery } from './query.js';

type Key = number | string;

/**
 * Records selected by a request, ascending by `(sort key, index)`.
 *
 * @example
 * const view = cache.get(model, endpoint, query, now); view.order.length; // records selected
 */
export interface View {
  readonly order: Int32Array;
  /** Sort key of the record at `position`. */
  keyAt(position: number): Key;
}

/**
 * One page: record indexes in serving order and the position of the next page's first record.
 *
 * @example
 * const { indexes, next } = cursorPage(view, model, query);
 */
export interface PageSlice {
  readonly indexes: number[];
  /** Position (in `view.order`) of the first record of the next page, if any. */
  readonly next: number | undefined;
}

const TIME_FIELDS: ReadonlySet<string> = new Set(['update_time', 'add_time']);

function compare(keyA: Key, indexA: number, keyB: Key, indexB: number): number {
  if (keyA !== keyB) {
    if (typeof keyA === 'number' && typeof keyB === 'number') return keyA - keyB;
    return String(keyA) < String(keyB) ? -1 : 1;
  }
  return indexA - indexB;
}

function normaliseKey(value: unknown): Key {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value === null || value === undefined ? '' : String(value);
}

/**
 * Builds the view of a request.
 *
 * @example
 * const view = buildView(model, endpoint, query, Date.now());
 */
export function buildView(model: StreamModel, endpoint: Endpoint, query: ListQuery, now: number): View {
  const table = model.table;
  const { flags, updateTime, status } = table;
  const scope = endpoint.scope;
  const withDeleted = query.statuses?.has('deleted') ?? false;
  const wanted = query.statuses ? new Set(DEAL_STATUSES.map((s, i) => (query.statuses?.has(s) ? i : -1)).filter((i) => i >= 0)) : undefined;
  const cutoff = now - PURGE_AFTER_MS;
  const since = query.updatedSince ?? Number.NEGATIVE_INFINITY;
  const until = query.updatedUntil ?? Number.POSITIVE_INFINITY;
  const accept = (i: number): boolean => {
    const f = flags[i] as number;
    if (f & FLAG_REMOVED) return false;
    if (scope === 'active' && f & FLAG_ARCHIVED) return false;
    if (scope === 'archived' && !(f & FLAG_ARCHIVED)) return false;
    if (scope !== 'all') {
      if (f & FLAG_DELETED) {
        if (!withDeleted || (updateTime[i] as number) < cutoff) return false;
      } else if (wanted && !wanted.has(status[i] as number)) {
        return false;
      }
    }
    const t = updateTime[i] as number;
    return t >= since && t < until;
  };

  const slow: Array<(i: number) => boolean> = [];
  if (query.ids) {
    const ids = query.ids;
    slow.push((i) => ids.has(String(model.apiId(i))));
  }
  if (query.equals.length > 0) {
    const equals = query.equals;
    slow.push((i) => {
      const record = model.build(i);
      return equals.every(([field, value]) => String(record[field]) === value);
    });
  }
  const keep = slow.length === 0 ? accept : (i: number) => accept(i) && slow.every((f) => f(i));

  const field = query.sortField;
  const numericIds = table.size === 0 || typeof model.apiId(1) === 'number';
  if (field === 'index' || (field === 'id' && numericIds)) {
    const order = collect(table.size, (k) => k + 1, keep);
    return { order, keyAt: field === 'index' ? (p) => order[p] as number : (p) => model.apiId(order[p] as number) };
  }
  if (TIME_FIELDS.has(field)) {
    const times = field === 'update_time' ? updateTime : table.addTime;
    const sorted = field === 'update_time' ? table.orderedByUpdateTime() : orderByTime(table.addTime, table.size);
    let lo = 0;
    let hi = sorted.length;
    if (field === 'update_time') {
      lo = lowerBound(sorted, times, since);
      hi = lowerBound(sorted, times, until);
    }
    const order = collect(hi - lo, (k) => sorted[lo + k] as number, keep);
    return { order, keyAt: (p) => times[order[p] as number] as number };
  }
  const picked = collect(table.size, (k) => k + 1, keep);
  const keys = new Map<number, Key>();
  for (const i of picked) keys.set(i, field === 'id' ? normaliseKey(model.apiId(i)) : normaliseKey(model.build(i)[field]));
  const order = Int32Array.from(picked).sort((a, b) => compare(keys.get(a) as Key, a, keys.get(b) as Key, b));
  return { order, keyAt: (p) => keys.get(order[p] as number) as Key };
}

function collect(count: number, at: (k: number) => number, keep: (i: number) => boolean): Int32Array {
  const out = new Int32Array(count);
  let n = 0;
  for (let k = 0; k < count; k++) {
    const i = at(k);
    if (keep(i)) out[n++] = i;
  }
  return n === count ? out : out.slice(0, n);
}

function lowerBound(sorted: Int32Array, times: Float64Array, value: number): number {
  if (value === Number.NEGATIVE_INFINITY) return 0;
  if (value === Number.POSITIVE_INFINITY) return sorted.length;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[sorted[mid] as number] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The sort key a cursor carries, decoded back to the view's key space. */
function cursorKey(field: string, value: number | string): Key {
  if (TIME_FIELDS.has(field) && typeof value === 'string') return Date.parse(value);
  return value;
}

/**
 * The records of one cursor page, continuing from `cursor` when given.
 *
 * @example
 * const { indexes, next } = cursorPage(view, model, query);
 */
export function cursorPage(view: View, model: StreamModel, query: ListQuery): PageSlice {
  const { order } = view;
  const n = order.length;
  const cursor = query.cursor;
  const asc = query.direction === 'asc';
  let position = asc ? 0 : n - 1;
  if (cursor) {
    const key = cursorKey(cursor.field, cursor.fieldValue);
    const index = cursor.field === 'index' ? Number(cursor.id) : model.indexOf(cursor.id) || Number.MAX_SAFE_INTEGER;
    // First position at or after the cursor (ascending), or last at or before it (descending).
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compare(view.keyAt(mid), order[mid] as number, key, index);
      if (asc ? c < 0 : c <= 0) lo = mid + 1;
      else hi = mid;
    }
    position = asc ? lo : lo - 1;
  }
  const indexes: number[] = [];
  const step = asc ? 1 : -1;
  let p = position;
  for (; p >= 0 && p < n && indexes.length < query.limit; p += step) indexes.push(order[p] as number);
  return { indexes, next: p >= 0 && p < n ? p : undefined };
}

/**
 * The records of one offset page (`start`, `limit`).
 *
 * @example
 * offsetPage(view, { start: 100, limit: 100, direction: 'asc' });
 */
export function offsetPage(view: View, query: Pick<ListQuery, 'start' | 'limit' | 'direction'>): PageSlice & { more: boolean } {
  const n = view.order.length;
  const indexes: number[] = [];
  for (let k = query.start; k < n && indexes.length < query.limit; k++) {
    indexes.push(view.order[query.direction === 'asc' ? k : n - 1 - k] as number);
  }
  const more = query.start + indexes.length < n;
  return { indexes, next: undefined, more };
}

/**
 * The cursor naming the record at `position`.
 *
 * @example
 * cursorAt(view, model, query, slice.next);
 */
export function cursorAt(view: View, model: StreamModel, query: ListQuery, position: number): CursorPosition {
  const key = view.keyAt(position);
  const index = view.order[position] as number;
  return {
    field: query.sortField,
    fieldValue: TIME_FIELDS.has(query.sortField) && typeof key === 'number' ? v2Time(key) : key,
    sortDirection: query.direction,
    id: query.sortField === 'index' ? index : model.apiId(index),
  };
}

/**
 * Caches views per query shape and data version.
 *
 * @example
 * const cache = new ViewCache(); cache.get(model, endpoint, query, now);
 */
export class ViewCache {
  private readonly views = new Lru<string, View>(8);

  /** The cached view for this request shape, built when missing or stale. */
  get(model: StreamModel, endpoint: Endpoint, query: ListQuery, now: number): View {
    const deletedWindow = query.statuses?.has('deleted') ? Math.floor((now - PURGE_AFTER_MS) / 1000) : '';
    const key = [
      endpoint.version,
      endpoint.path,
      model.table.version,
      query.sortField,
      query.updatedSince ?? '',
      query.updatedUntil ?? '',
      query.statuses ? [...query.statuses].sort().join(',') : '',
      deletedWindow,
      query.equals.map(([f, v]) => `${f}=${v}`).join('&'),
      query.ids ? [...query.ids].sort().join(',') : '',
    ].join('|');
    let view = this.views.get(key);
    if (!view) {
      view = buildView(model, endpoint, query, now);
      this.views.set(key, view);
    }
    return view;
  }
}
