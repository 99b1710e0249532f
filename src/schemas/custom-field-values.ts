import * as z from 'zod';

/**
 * The v2 `custom_fields` object: 40-hex field keys to raw values (ids, strings, numbers or composite
 * objects such as `{ value, currency }`). Every key is kept; values are not checked.
 *
 * @example
 * customFieldValues.parse({ 'dcf558aac1ae4e8c4f849ba5e668430d8df9be12': 12 });
 * customFieldValues.parse(null); // null
 */
export const customFieldValues = z.record(z.string(), z.unknown()).nullish();
