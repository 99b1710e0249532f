import { parseTimestamp } from './timestamp.js';

const DIGIT_0 = 48;

function digits(value: string, from: number, count: number): number {
  let out = 0;
  for (let i = from; i < from + count; i += 1) {
    const d = value.charCodeAt(i) - DIGIT_0;
    if (d < 0 || d > 9) return Number.NaN;
    out = out * 10 + d;
  }
  return out;
}

/**
 * Milliseconds since the epoch of a Pipedrive timestamp, fast: the common UTC forms
 * (`YYYY-MM-DDTHH:MM:SSZ`, with milliseconds, or `YYYY-MM-DD HH:MM:SS`) are read without building
 * intermediate objects; anything else goes through {@link parseTimestamp}.
 *
 * @example
 * timestampMs('2025-01-01 10:00:00'); // 1735725600000
 */
export function timestampMs(value: string): number {
  const length = value.length;
  if ((length === 19 || length === 20 || length === 24) && value.charCodeAt(4) === 45 && value.charCodeAt(13) === 58) {
    const zoneOk = length === 19 || value.charCodeAt(length - 1) === 90; // 'Z'
    const msOk = length !== 24 || value.charCodeAt(19) === 46; // '.'
    if (zoneOk && msOk) {
      const ms = Date.UTC(
        digits(value, 0, 4),
        digits(value, 5, 2) - 1,
        digits(value, 8, 2),
        digits(value, 11, 2),
        digits(value, 14, 2),
        digits(value, 17, 2),
        length === 24 ? digits(value, 20, 3) : 0,
      );
      if (!Number.isNaN(ms)) return ms;
    }
  }
  return parseTimestamp(value).getTime();
}
