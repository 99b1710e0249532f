import * as z from 'zod';

/**
 * A v1 boolean flag: v1 sends `true`/`false` but older endpoints still send `0`/`1`. Both are accepted
 * and kept as sent.
 *
 * @example
 * v1Flag.parse(1); // 1
 * v1Flag.parse(true); // true
 */
export const v1Flag = z.union([z.boolean(), z.literal([0, 1])]);

/**
 * {@link v1Flag} that also accepts `null` or a missing key.
 *
 * @example
 * nullishV1Flag.parse(0); // 0
 * nullishV1Flag.parse(null); // null
 */
export const nullishV1Flag = v1Flag.nullish();

/**
 * Reads a v1 flag value as a plain boolean (`1`/`true` are true; `0`, `false`, `null`, absent are false).
 *
 * @example
 * isFlagSet(1); // true
 * isFlagSet(null); // false
 */
export function isFlagSet(value: boolean | 0 | 1 | null | undefined): boolean {
  return value === true || value === 1;
}
