/**
 * Fills a stream's times and flags: two years of history before `now`, bulk imports that give hundreds of
 * records one second, mass edits that give many records one `update_time`, archived and deleted records.
 */
import { hash32, Rng } from '../internal/rng.js';
import { DAY_MS, toSecond } from '../internal/time.js';
import { FLAG_ARCHIVED, FLAG_DELETED, type StreamTable } from './table.js';

/**
 * Shape of a stream's history.
 *
 * @example
 * fillTimeline(table, seed, code, 200, now, { archivedRate: 0.05, dealStatus: true });
 */
export interface TimelineOptions {
  /** Share of archived records (deals, leads). */
  archivedRate?: number;
  /** Share of records soft-deleted within the last 30 days. */
  deletedRate?: number;
  /** Share of records deleted more than 30 days ago (purged from the API). */
  purgedRate?: number;
  /** Keep milliseconds in times (v1 leads); otherwise times are whole seconds. */
  milliseconds?: boolean;
  /** Fill `status` with open / won / lost (deals). */
  dealStatus?: boolean;
}

const HISTORY_DAYS = 730;
const MASS_EDITS = 30;

/**
 * Generates `count` records' times and flags into `table` (indexes 1..count), deterministically from `seed`.
 *
 * @example
 * fillTimeline(table, seed, 7, 200, now, { archivedRate: 0.05 });
 */
export function fillTimeline(table: StreamTable, seed: number, streamCode: number, count: number, now: number, options: TimelineOptions = {}): void {
  const rng = new Rng(hash32(seed, streamCode, 0x7133));
  table.reserve(count);
  const start = now - HISTORY_DAYS * DAY_MS;
  const end = now - 60_000;
  const span = end - start;
  const edits = Array.from({ length: MASS_EDITS }, () => toSecond(start + rng.next() * span)).sort((a, b) => a - b);
  const jitter = (): number => (options.milliseconds ? rng.int(1000) : 0);

  let index = 1;
  while (index <= count) {
    const isImport = rng.chance(0.25);
    const cap = Math.max(3, Math.floor(count / 6));
    const length = Math.min(count - index + 1, isImport ? Math.min(cap, rng.range(100, 800)) : Math.min(cap, rng.range(20, 400)));
    const t0 = start + ((index - 1) / count) * span;
    const t1 = start + ((index - 1 + length) / count) * span;
    const importSecond = toSecond(t0);
    for (let j = 0; j < length; j++, index++) {
      // Creation order is id order: times never decrease with the index (milliseconds too).
      const add = options.milliseconds
        ? isImport
          ? importSecond + Math.min(j, 999)
          : Math.floor(t0 + (j / length) * (t1 - t0))
        : isImport
          ? importSecond
          : toSecond(t0 + (j / length) * (t1 - t0));
      table.addTime[index] = add;
      const update = pickUpdateTime(rng, add, end, edits);
      table.updateTime[index] = update <= add ? add : update + jitter();
      if (options.dealStatus) {
        const r = rng.next();
        table.status[index] = r < 0.55 ? 0 : r < 0.8 ? 1 : 2;
      }
      applyFlags(table, index, rng, now, options);
    }
  }
  table.size = Math.max(table.size, count);
  table.version++;
}

function pickUpdateTime(rng: Rng, add: number, end: number, edits: readonly number[]): number {
  const r = rng.next();
  if (r < 0.3) return add;
  if (r < 0.5) {
    let lo = 0;
    let hi = edits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((edits[mid] as number) < add) lo = mid + 1;
      else hi = mid;
    }
    return lo < edits.length ? (edits[lo + rng.int(edits.length - lo)] as number) : add;
  }
  return toSecond(add + rng.next() * Math.max(0, end - add));
}

function applyFlags(table: StreamTable, index: number, rng: Rng, now: number, options: TimelineOptions): void {
  const r = rng.next();
  const add = table.addTime[index] as number;
  const archivedRate = options.archivedRate ?? 0;
  const deletedRate = options.deletedRate ?? 0;
  const purgedRate = options.purgedRate ?? 0;
  if (r < archivedRate) {
    // Archiving bumps update_time: it is the archive time of generated records.
    table.flags[index] = FLAG_ARCHIVED;
    table.updateTime[index] = Math.max(table.updateTime[index] as number, toSecond(add + 1000 + rng.next() * Math.max(0, now - 60_000 - add)));
    return;
  }
  if (r < archivedRate + deletedRate) {
    const at = toSecond(now - rng.next() * 29 * DAY_MS);
    if (at <= add) return;
    table.flags[index] = FLAG_DELETED;
    table.updateTime[index] = at;
    return;
  }
  if (r < archivedRate + deletedRate + purgedRate) {
    const at = toSecond(now - (31 + rng.int(600)) * DAY_MS);
    if (at <= add) return;
    table.flags[index] = FLAG_DELETED;
    table.updateTime[index] = at;
  }
}
