/** Timestamp helpers: the three formats Pipedrive uses, and strict parsing of query values. */

/**
 * Milliseconds in one day.
 *
 * @example
 * const yesterday = now - DAY_MS;
 */
export const DAY_MS = 86_400_000;

/**
 * Milliseconds in one second.
 *
 * @example
 * const later = now + 2 * SECOND_MS;
 */
export const SECOND_MS = 1000;

/**
 * Start of the UTC day containing `ms`.
 *
 * @example
 * startOfUtcDay(Date.parse('2025-03-01T10:20:30Z')); // 2025-03-01T00:00:00Z
 */
export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * Truncates to the whole second.
 *
 * @example
 * toSecond(1_500); // 1000
 */
export function toSecond(ms: number): number {
  return Math.floor(ms / SECOND_MS) * SECOND_MS;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/**
 * `YYYY-MM-DD` of a day count since the epoch (Howard Hinnant's civil-from-days), without allocating a Date:
 * formatting is the hot path of serving big pages.
 */
function formatCivilDate(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y < 1000 || y > 9999 ? String(y).padStart(4, '0') : y}-${pad2(m)}-${pad2(d)}`;
}

// A dataset spans a few thousand days and 86,400 seconds of day: each text is made once and kept.
const DATES = new Map<number, string>();
const CLOCKS: Array<string | undefined> = new Array<string | undefined>(86_400);

function civilDate(days: number): string {
  let text = DATES.get(days);
  if (text === undefined) {
    text = formatCivilDate(days);
    if (DATES.size < 100_000) DATES.set(days, text);
  }
  return text;
}

/**
 * `HH:MM:SS` (UTC) of a time in ms.
 *
 * @example
 * isoClock(Date.parse('2025-03-01T10:20:30Z')); // '10:20:30'
 */
export function isoClock(ms: number): string {
  const seconds = Math.floor((ms - Math.floor(ms / DAY_MS) * DAY_MS) / 1000);
  let text = CLOCKS[seconds];
  if (text === undefined) {
    text = `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
    CLOCKS[seconds] = text;
  }
  return text;
}

/**
 * v2 RFC 3339 without fraction: `2025-03-01T10:20:30Z`.
 *
 * @example
 * v2Time(0); // '1970-01-01T00:00:00Z'
 */
export function v2Time(ms: number): string {
  return `${civilDate(Math.floor(ms / DAY_MS))}T${isoClock(ms)}Z`;
}

/**
 * v1 core format, UTC without zone: `2025-03-01 10:20:30`.
 *
 * @example
 * v1Time(0); // '1970-01-01 00:00:00'
 */
export function v1Time(ms: number): string {
  return `${civilDate(Math.floor(ms / DAY_MS))} ${isoClock(ms)}`;
}

/**
 * ISO with milliseconds and `Z` (v1 leads and lead labels): `2025-03-01T10:20:30.123Z`.
 *
 * @example
 * isoMsTime(0); // '1970-01-01T00:00:00.000Z'
 */
export function isoMsTime(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Calendar date: `2025-03-01`.
 *
 * @example
 * isoDate(0); // '1970-01-01'
 */
export function isoDate(ms: number): string {
  return civilDate(Math.floor(ms / DAY_MS));
}

const RFC3339_WHOLE_SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$/;
const LOOSE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses a v2 time filter. v2 accepts RFC 3339 with whole seconds only: a fraction is rejected
 * (observed live: `ERR_SCHEMA_VALIDATION_FAILED ... not a valid datetime`).
 *
 * @example
 * parseV2Time('2025-01-01T10:20:00Z'); // 1735726800000
 * parseV2Time('2025-01-01T10:20:00.000Z'); // undefined
 */
export function parseV2Time(value: string): number | undefined {
  if (!RFC3339_WHOLE_SECOND.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Parses a v1 time filter leniently: ISO 8601 with or without fraction or zone, or `YYYY-MM-DD HH:MM:SS` (UTC).
 *
 * @example
 * parseV1Time('2025-01-01 10:20:00'); // 1735726800000
 */
export function parseV1Time(value: string): number | undefined {
  if (!LOOSE_TIME.test(value)) return undefined;
  let text = value.replace(' ', 'T');
  if (text.length === 10) text += 'T00:00:00';
  if (!/(?:Z|[+-]\d{2}:?\d{2})$/.test(text)) text += 'Z';
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
