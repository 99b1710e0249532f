import * as z from 'zod';

/**
 * A string, `null` or absent.
 *
 * @example
 * nullishString.parse(null); // null
 * nullishString.parse('EUR'); // 'EUR'
 */
export const nullishString = z.string().nullish();

/**
 * A safe integer, `null` or absent.
 *
 * @example
 * nullishInt.parse(42); // 42
 * nullishInt.safeParse(4.2).success; // false
 */
export const nullishInt = z.int().nullish();

/**
 * A number (fractions allowed), `null` or absent.
 *
 * @example
 * nullishNumber.parse(99.5); // 99.5
 * nullishNumber.parse(undefined); // undefined
 */
export const nullishNumber = z.number().nullish();

/**
 * A boolean, `null` or absent (v2 flags; for v1 flags use `nullishV1Flag`).
 *
 * @example
 * nullishBoolean.parse(false); // false
 * nullishBoolean.safeParse(1).success; // false
 */
export const nullishBoolean = z.boolean().nullish();

/**
 * A GUID-shaped string (8-4-4-4-12 hex, any version), `null` or absent: lead and lead-label ids.
 *
 * @example
 * nullishGuid.parse('adf21080-0e10-11eb-879b-05d71fb426ec');
 * nullishGuid.safeParse('abc').success; // false
 */
export const nullishGuid = z.guid().nullish();

/**
 * A list of integer ids (such as `label_ids`), `null` or absent.
 *
 * @example
 * nullishIntList.parse([1, 2, 3]); // [1, 2, 3]
 * nullishIntList.parse(null); // null
 */
export const nullishIntList = z.array(z.int()).nullish();
