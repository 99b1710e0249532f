import { isValid, parseISO } from 'date-fns';
import * as z from 'zod';

/**
 * The timestamp shapes Pipedrive sends, in one anchored pattern:
 * a date, optionally followed by either `T` time with fraction and a required zone (RFC 3339, v2 and
 * v1 leads), or a space and a zoneless time (v1 core records, UTC).
 */
const TIMESTAMP_PATTERN =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)| (?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d)?$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Whether the day-of-month of a pattern-checked string exists (rejects 2023-02-29, 2024-04-31). */
function dayExists(value: string): boolean {
  const day = Number(value.slice(8, 10));
  if (day <= 28) return true;
  const month = Number(value.slice(5, 7));
  if (day > DAYS_IN_MONTH[month - 1]!) return false;
  if (month !== 2 || day !== 29) return true;
  const year = Number(value.slice(0, 4));
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Tells whether `value` is a timestamp in one of the formats Pipedrive sends. Cheap: one regex test,
 * no `Date` is built.
 *
 * @example
 * isTimestamp('2024-01-01 12:30:00'); // true
 * isTimestamp('01/02/2024'); // false
 */
export function isTimestamp(value: string): boolean {
  return typeof value === 'string' && TIMESTAMP_PATTERN.test(value) && dayExists(value);
}

/**
 * Parses a Pipedrive timestamp into a UTC `Date`. Accepts RFC 3339 (`2024-01-01T00:00:00Z`, optional
 * fraction, `Z` or a numeric offset), the v1 `YYYY-MM-DD HH:MM:SS` form (UTC, no zone marker), ISO with
 * milliseconds and `Z` (v1 leads), and a plain `YYYY-MM-DD` (midnight UTC).
 *
 * @throws {TypeError} when `value` is none of these.
 * @example
 * parseTimestamp('2024-01-01 12:30:00').toISOString(); // '2024-01-01T12:30:00.000Z'
 * parseTimestamp('2024-01-01T12:30:00+02:00').toISOString(); // '2024-01-01T10:30:00.000Z'
 */
export function parseTimestamp(value: string): Date {
  if (!isTimestamp(value)) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 64)) : String(value);
    throw new TypeError(
      `Invalid Pipedrive timestamp ${shown}: expected RFC 3339 (2024-01-01T00:00:00Z), ` +
        `'YYYY-MM-DD HH:MM:SS' (UTC) or 'YYYY-MM-DD'`,
    );
  }
  // parseISO reads zoneless input as local time: give every form an explicit zone first.
  const normalised =
    value.length === 10
      ? `${value}T00:00:00Z`
      : value[10] === ' '
        ? `${value.slice(0, 10)}T${value.slice(11)}Z`
        : value;
  const date = parseISO(normalised);
  if (!isValid(date)) throw new TypeError(`Invalid Pipedrive timestamp ${JSON.stringify(value)}`);
  return date;
}

/**
 * Zod schema for a Pipedrive timestamp string (any format {@link parseTimestamp} accepts). The output
 * is the original string, untouched: records go to storage as the API sent them.
 *
 * @example
 * timestamp.parse('2024-01-01T00:00:00Z'); // '2024-01-01T00:00:00Z'
 * timestamp.safeParse('yesterday').success; // false
 */
export const timestamp = z.string().refine(isTimestamp, {
  error: "Invalid timestamp: expected RFC 3339, 'YYYY-MM-DD HH:MM:SS' (UTC) or 'YYYY-MM-DD'",
});

/**
 * {@link timestamp} that also accepts `null` or a missing key (the API leaves many times empty).
 *
 * @example
 * nullableTimestamp.parse(null); // null
 * nullableTimestamp.parse('2024-01-01 00:00:00'); // '2024-01-01 00:00:00'
 */
export const nullableTimestamp = timestamp.nullish();
