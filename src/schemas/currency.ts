import * as z from 'zod';
import { nullishInt, nullishString } from './nullish.js';
import { nullishV1Flag } from './v1-flag.js';

/**
 * One currency of the `currencies` stream: an item of `data` in v1 `GET /currencies`.
 * Loose: new keys are kept.
 *
 * @example
 * const currency = currencySchema.parse({ id: 1, code: 'EUR', symbol: '€', decimal_points: 2 });
 * currency.code; // 'EUR'
 */
export const currencySchema = z.looseObject({
  id: z.int(),
  code: nullishString,
  name: nullishString,
  decimal_points: nullishInt,
  symbol: nullishString,
  active_flag: nullishV1Flag,
  is_custom_flag: nullishV1Flag,
});

/**
 * A currency record (v1), as parsed by {@link currencySchema}.
 *
 * @example
 * const currencies: Currency[] = await pd.currencies().toArray();
 * const symbol = new Map(currencies.map((c) => [c.code, c.symbol]));
 */
export type Currency = z.infer<typeof currencySchema>;
