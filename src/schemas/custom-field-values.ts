import * as z from 'zod';

/** Whether `value` can be a `custom_fields` object: a non-null object that is not an array. */
function isFieldValueObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The v2 `custom_fields` object: 40-hex field keys to raw values (ids, strings, numbers or composite
 * objects such as `{ value, currency }`). Every key is kept; values are not checked.
 *
 * Checked as a whole (a non-null object that is not an array) rather than key by key: a JSON object's
 * keys are strings and its values are not checked, so `z.record(z.string(), z.unknown())` accepted the
 * same records but copied 20+ keys of every record into a new object. The parsed value is the object
 * as sent.
 *
 * @example
 * customFieldValues.parse({ 'dcf558aac1ae4e8c4f849ba5e668430d8df9be12': 12 });
 * customFieldValues.parse(null); // null
 * customFieldValues.safeParse([1]).error?.issues[0]?.message; // 'Invalid custom_fields: expected an object of field keys to values'
 */
export const customFieldValues = z
  .custom<Record<string, unknown>>(isFieldValueObject, {
    error: 'Invalid custom_fields: expected an object of field keys to values',
  })
  .nullish();
