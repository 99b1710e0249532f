import * as z from 'zod';
import { customFieldValues } from './custom-field-values.js';
import { nullishBoolean, nullishInt, nullishNumber, nullishString } from './nullish.js';
import { nullableTimestamp } from './timestamp.js';

/** One price of a v2 product, per currency. */
const productPriceSchema = z.looseObject({
  product_id: nullishInt,
  price: nullishNumber,
  currency: nullishString,
  cost: nullishNumber,
  direct_cost: nullishNumber,
  notes: nullishString,
});

/**
 * One product of the `products` stream: an item of `data` in v2 `GET /products`.
 * Loose: custom fields (in `custom_fields`) and new keys are kept.
 *
 * @example
 * const product = productSchema.parse({ id: 1, name: 'Pencil', prices: [{ price: 5, currency: 'EUR' }] });
 * product.prices?.[0]?.price; // 5
 */
export const productSchema = z.looseObject({
  id: z.int(),
  name: nullishString,
  code: nullishString,
  unit: nullishString,
  tax: nullishNumber,
  is_deleted: nullishBoolean,
  is_linkable: nullishBoolean,
  // The spec types this one as `number` (enum 1, 3, 5, 7) where other v2 records say `integer`.
  visible_to: nullishNumber,
  owner_id: nullishInt,
  add_time: nullableTimestamp,
  update_time: nullableTimestamp,
  description: nullishString,
  category: nullishString,
  custom_fields: customFieldValues,
  billing_frequency: nullishString,
  billing_frequency_cycles: nullishInt,
  prices: z.array(productPriceSchema).nullish(),
});

/**
 * A product record (v2), as parsed by {@link productSchema}.
 *
 * @example
 * for await (const product of pd.products()) console.log(product.id, product.name);
 * const eur = (p: Product) => p.prices?.find((price) => price.currency === 'EUR');
 */
export type Product = z.infer<typeof productSchema>;
