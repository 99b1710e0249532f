/** v1 leads: UUID ids, ISO times with milliseconds, deal custom fields at the top level. */
import { customFieldValue, writeV1CustomValue } from '../custom-field-values.js';
import type { GenContext } from '../context.js';
import { leadTitle, personOrganization } from '../names.js';
import { FLAG_ARCHIVED } from '../table.js';
import type { ApiRecord } from '../types.js';
import { DAY_MS, isoDate, isoMsTime } from '../../internal/time.js';
import { baseRng, customRng, indexedUuid, mutableRng } from './common.js';

const SOURCES = [
  { source: 'Manually created', origin: 'ManuallyCreated' },
  { source: 'Web forms', origin: 'WebForms' },
  { source: 'API', origin: 'API' },
  { source: 'Import', origin: 'Import' },
  { source: 'Prospector', origin: 'Prospector' },
] as const;

/**
 * Builds lead `index` in the v1 shape.
 *
 * @example
 * buildLead(ctx, 1); // { id: 'adf21080-...', title: '...', value: { amount: 999, currency: 'EUR' }, ... }
 */
export function buildLead(ctx: GenContext, index: number): ApiRecord {
  const table = ctx.tables.leads;
  const revision = table.revision(index);
  const base = baseRng(ctx, 'leads', index);
  const rng = mutableRng(ctx, 'leads', index, revision);
  const { persons, organizations } = ctx.counts;
  const personId = persons > 0 && base.chance(0.8) ? 1 + base.int(persons) : null;
  const organizationId = personId !== null ? personOrganization(ctx, personId) : organizations > 0 ? 1 + base.int(organizations) : null;
  const source = base.pick(SOURCES);
  const creator = base.pick(ctx.userIds);
  const channel = base.chance(0.3) ? base.pick(ctx.builtinOptions.channels).id : null;
  const labelIds = ctx.leadLabelIds.filter(() => base.chance(0.3));
  const add = table.addTime[index] as number;
  const hasValue = rng.chance(0.6);
  const lead: ApiRecord = {
    id: indexedUuid(ctx.seed, 'leads', index),
    title: leadTitle(ctx, index),
    owner_id: base.chance(0.8) ? creator : base.pick(ctx.userIds),
    creator_id: creator,
    label_ids: labelIds,
    person_id: personId,
    organization_id: organizationId,
    source_name: source.source,
    origin: source.origin,
    origin_id: null,
    channel,
    channel_id: channel === null ? null : `Campaign ${channel}`,
    source_deal_id: null,
    is_archived: ((table.flags[index] as number) & FLAG_ARCHIVED) !== 0,
    was_seen: rng.chance(0.7),
    value: hasValue ? { amount: rng.range(1, 200) * 50, currency: base.pick(ctx.currencies) } : null,
    expected_close_date: rng.chance(0.4) ? isoDate(add + rng.range(10, 120) * DAY_MS) : null,
    next_activity_id: null,
    add_time: isoMsTime(add),
    update_time: isoMsTime(table.updateTime[index] as number),
    visible_to: base.chance(0.8) ? '3' : '7',
    cc_email: `company+1+lead${index.toString(36)}@example.pipedrivemail.com`,
  };
  const custom = customRng(ctx, 'leads', index, revision);
  for (const def of ctx.customFields.deal) writeV1CustomValue(def, customFieldValue(def, custom, ctx.refs, ctx.now), lead);
  return lead;
}
