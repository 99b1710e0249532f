import type { Position } from './state.js';

/**
 * The pure bookkeeping of an ordered read: where it starts, which boundary records to skip, and how
 * the position moves as records arrive in ascending change order.
 *
 * @example
 * const tracker = new PositionTracker({ watermark: '2026-01-01T00:00:00Z', idsAtWatermark: [5] }, Date.now());
 * tracker.isDuplicate(5, Date.parse('2026-01-01T00:00:00Z')); // true
 */
export class PositionTracker {
  private second: number;
  private ids: Set<string | number>;
  /** Ids at the start boundary: already delivered by an earlier run or checkpoint. */
  private readonly skip: Set<string | number>;
  private readonly startSecond: number;
  /** True once a record moved the position. */
  seen = false;

  /**
   * @param start the position to resume from.
   * @param runStartedMs when this run began: ids seen at or after that second are not recorded, because
   *   the same record may still change again within that second.
   */
  constructor(
    start: Position,
    private readonly runStartedMs: number,
  ) {
    this.startSecond = Math.floor(Date.parse(start.watermark) / 1000);
    this.second = this.startSecond;
    this.ids = new Set(start.idsAtWatermark);
    this.skip = new Set(start.idsAtWatermark);
  }

  /** True when the record was delivered before: at the start second, with a listed id. */
  isDuplicate(id: string | number, changedMs: number): boolean {
    return this.skip.size > 0 && Math.floor(changedMs / 1000) === this.startSecond && this.skip.has(id);
  }

  /** Moves the position over a delivered record (records must arrive in ascending change order). */
  advance(id: string | number, changedMs: number): void {
    this.seen = true;
    const second = Math.floor(changedMs / 1000);
    if (second > this.second) {
      this.second = second;
      this.ids = new Set();
    }
    if (second === this.second) this.ids.add(id);
  }

  /** The position to persist: resuming from it loses nothing. */
  position(): Position {
    const atRunSecond = this.second >= Math.floor(this.runStartedMs / 1000);
    return {
      watermark: new Date(this.second * 1000).toISOString().replace('.000Z', 'Z'),
      idsAtWatermark: atRunSecond ? [] : [...this.ids],
    };
  }
}

/**
 * The position a read starts from: the saved one (moved back by `lookbackMs`, dropping the boundary ids),
 * or the anchor date.
 *
 * @example
 * startPosition(undefined, new Date('2025-01-01T00:00:00Z'), 0); // { watermark: '2025-01-01T00:00:00Z', idsAtWatermark: [] }
 */
export function startPosition(saved: Position | undefined, anchor: Date, lookbackMs: number): Position {
  if (!saved) return { watermark: new Date(Math.floor(anchor.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z'), idsAtWatermark: [] };
  if (lookbackMs <= 0) return saved;
  const back = Math.floor((Date.parse(saved.watermark) - lookbackMs) / 1000) * 1000;
  return { watermark: new Date(back).toISOString().replace('.000Z', 'Z'), idsAtWatermark: [] };
}
