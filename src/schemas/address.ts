import * as z from 'zod';
import { nullishString } from './nullish.js';

/**
 * A v2 structured address (person `postal_address`, organization `address`, activity `location`).
 * Loose: extra parts such as `formatted_address` are kept.
 *
 * @example
 * const address = addressSchema.parse({ value: '123 Main St', country: 'USA' });
 * address.country; // 'USA'
 */
export const addressSchema = z.looseObject({
  value: nullishString,
  country: nullishString,
  admin_area_level_1: nullishString,
  admin_area_level_2: nullishString,
  locality: nullishString,
  sublocality: nullishString,
  route: nullishString,
  street_number: nullishString,
  subpremise: nullishString,
  postal_code: nullishString,
});

/**
 * A v2 structured address, as parsed by {@link addressSchema}.
 *
 * @example
 * const a: Address = { value: '123 Main St', locality: 'Sunnyvale' };
 */
export type Address = z.infer<typeof addressSchema>;
