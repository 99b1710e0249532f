/** The fake's clock: real time by default, or frozen and moved by hand. */

/**
 * A clock the fake reads for rate-limit windows, the daily budget reset, the 30-day deleted window and `mutate`.
 *
 * @example
 * fake.clock.set('2025-06-01T00:00:00Z');
 * fake.clock.advance(2_000);
 */
export interface FakeClock {
  /** The current fake time. */
  now(): Date;
  /** Jumps to `date`. A real-time clock keeps ticking from there; a frozen one stays. */
  set(date: Date | string | number): void;
  /** Moves the clock forward (or back, with a negative value) by `ms`. */
  advance(ms: number): void;
}

/**
 * Creates a clock. With a start date it is frozen at that date until `set` or `advance`; without, it follows real
 * time (shifted by `set` / `advance`).
 *
 * @example
 * const clock = createClock(new Date('2025-06-01T00:00:00Z')); // frozen
 */
export function createClock(start?: Date | string | number): FakeClock {
  const toMs = (d: Date | string | number): number => {
    const ms = d instanceof Date ? d.getTime() : typeof d === 'number' ? d : Date.parse(d);
    if (Number.isNaN(ms)) throw new RangeError(`clock: invalid date ${String(d)}`);
    return ms;
  };
  if (start === undefined) {
    let offset = 0;
    return {
      now: () => new Date(Date.now() + offset),
      set: (date) => {
        offset = toMs(date) - Date.now();
      },
      advance: (ms) => {
        offset += ms;
      },
    };
  }
  let current = toMs(start);
  return {
    now: () => new Date(current),
    set: (date) => {
      current = toMs(date);
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
