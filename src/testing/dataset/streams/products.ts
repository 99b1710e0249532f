/** v2 products with prices in several currencies. */
import { writeWithCustomFields } from '../custom-field-values.js';
import type { GenContext } from '../context.js';
import { productName } from '../names.js';
import { FLAG_DELETED } from '../table.js';
import type { ApiRecord } from '../types.js';
import type { JsonWriter } from '../../internal/json-writer.js';
import { v2Time } from '../../internal/time.js';
import { PRODUCT_CATEGORIES } from '../words.js';
import { baseRng, customRng, mutableRng } from './common.js';

const FREQUENCIES = ['one-time', 'annually', 'monthly', 'quarterly'] as const;

/**
 * Writes product `index` in the v2 shape, as JSON: its fields through `JSON.stringify`, its custom fields
 * straight from their draws (the model's `build` parses what this writes).
 *
 * @example
 * const w = new JsonWriter();
 * writeProduct(ctx, 1, w);
 * JSON.parse(w.text()); // { id: 1, name: 'Team plan', prices: [{ currency: 'EUR', price: 49 }], ... }
 */
export function writeProduct(ctx: GenContext, index: number, w: JsonWriter): void {
  const table = ctx.tables.products;
  const revision = table.revision(index);
  const base = baseRng(ctx, 'products', index);
  const rng = mutableRng(ctx, 'products', index, revision);
  const name = productName(ctx.seed, index);
  const frequency = base.pick(FREQUENCIES);
  const price = rng.range(5, 2000);
  const currencies = ctx.currencies.slice(0, 1 + base.int(Math.min(3, ctx.currencies.length)));
  const fields: ApiRecord = {
    id: index,
    name,
    code: `${name.replace(/[^A-Za-z]/g, '').slice(0, 6).toUpperCase()}-${index}`,
    description: `${name} for teams of every size.`,
    unit: base.chance(0.5) ? 'pcs' : 'seat',
    tax: base.pick([0, 9, 20, 22]),
    category: base.chance(0.8) ? base.pick(PRODUCT_CATEGORIES) : null,
    is_linkable: true,
    is_deleted: ((table.flags[index] as number) & FLAG_DELETED) !== 0,
    visible_to: base.chance(0.8) ? 3 : 7,
    owner_id: base.pick(ctx.userIds),
    add_time: v2Time(table.addTime[index] as number),
    update_time: v2Time(table.updateTime[index] as number),
    billing_frequency: frequency,
    billing_frequency_cycles: frequency === 'one-time' ? null : base.range(1, 24),
    prices: currencies.map((currency, i) => ({
      product_id: index,
      price: Math.round(price * (1 + i * 0.1)),
      currency,
      cost: Math.round(price * 0.4),
      direct_cost: base.chance(0.5) ? Math.round(price * 0.1) : null,
      notes: '',
    })),
  };
  writeWithCustomFields(w, fields, ctx.customFields.product, customRng(ctx, 'products', index, revision), ctx.refs, ctx.now);
}
