/** v2 organizations. */
import { addressValue, writeWithCustomFields } from '../custom-field-values.js';
import type { GenContext } from '../context.js';
import { organizationName } from '../names.js';
import { FLAG_DELETED } from '../table.js';
import type { ApiRecord } from '../types.js';
import type { JsonWriter } from '../../internal/json-writer.js';
import { v2Time } from '../../internal/time.js';
import { baseRng, customRng, mutableRng, someOf } from './common.js';

/**
 * Writes organization `index` in the v2 shape, as JSON: its fields through `JSON.stringify`, its custom fields
 * straight from their draws (the model's `build` parses what this writes).
 *
 * @example
 * const w = new JsonWriter();
 * writeOrganization(ctx, 1, w);
 * JSON.parse(w.text()); // { id: 1, name: 'Acme Labs Ltd', address: {...}, ... }
 */
export function writeOrganization(ctx: GenContext, index: number, w: JsonWriter): void {
  const table = ctx.tables.organizations;
  const revision = table.revision(index);
  const base = baseRng(ctx, 'organizations', index);
  const rng = mutableRng(ctx, 'organizations', index, revision);
  const name = organizationName(ctx.seed, index);
  const domain = `${name.split(' ')[0]?.toLowerCase().replace(/[^a-z]/g, '') || 'company'}${index}.example.com`;
  const hasProfile = base.chance(0.7);
  const fields: ApiRecord = {
    id: index,
    name,
    owner_id: base.pick(ctx.userIds),
    add_time: v2Time(table.addTime[index] as number),
    update_time: v2Time(table.updateTime[index] as number),
    is_deleted: ((table.flags[index] as number) & FLAG_DELETED) !== 0,
    visible_to: base.chance(0.8) ? 3 : 7,
    address: addressValue(base),
    label_ids: someOf(base, ctx.builtinOptions.organizationLabels.map((o) => o.id), 1),
    website: hasProfile ? `https://www.${domain}` : null,
    linkedin: hasProfile && base.chance(0.6) ? `https://www.linkedin.com/company/${domain.split('.')[0]}` : null,
    industry: hasProfile ? base.pick(ctx.builtinOptions.industries).id : null,
    annual_revenue: hasProfile ? rng.range(1, 500) * 100_000 : null,
    employee_count: hasProfile ? rng.range(1, 5000) : null,
  };
  writeWithCustomFields(w, fields, ctx.customFields.organization, customRng(ctx, 'organizations', index, revision), ctx.refs, ctx.now);
}
