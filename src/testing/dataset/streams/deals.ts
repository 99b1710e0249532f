/** v2 deals: derived from (seed, index, revision) plus the stored times, status and flags. */
import { customFieldValues } from '../custom-field-values.js';
import type { GenContext } from '../context.js';
import { dealLinks, dealTitle } from '../names.js';
import { DEAL_STATUSES, FLAG_ARCHIVED, FLAG_DELETED } from '../table.js';
import type { ApiRecord } from '../types.js';
import { isoDate, v2Time, DAY_MS } from '../../internal/time.js';
import { LOST_REASONS, ORIGINS } from '../words.js';
import { baseRng, between, customRng, mutableRng, someOf } from './common.js';
import { indexedUuid } from './common.js';

/**
 * The pipeline and stage a deal sits in (it moves with updates).
 *
 * @example
 * dealStage(ctx, 1, 0); // { pipelineId: 1, stageId: 2 }
 */
export function dealStage(ctx: GenContext, index: number, revision: number): { pipelineId: number; stageId: number } {
  const pipeline = ctx.pipelines[baseRng(ctx, 'deals', index).int(ctx.pipelines.length)] ?? ctx.pipelines[0];
  if (!pipeline) return { pipelineId: 1, stageId: 1 };
  const rng = mutableRng(ctx, 'deals', index, revision);
  return { pipelineId: pipeline.id, stageId: pipeline.stageIds[rng.int(pipeline.stageIds.length)] ?? 1 };
}

/**
 * Builds deal `index` in the v2 shape.
 *
 * @example
 * buildDeal(ctx, 1); // { id: 1, title: 'Acme Labs Ltd renewal', status: 'open', custom_fields: {...}, ... }
 */
export function buildDeal(ctx: GenContext, index: number): ApiRecord {
  const table = ctx.tables.deals;
  const revision = table.revision(index);
  const base = baseRng(ctx, 'deals', index);
  const rng = mutableRng(ctx, 'deals', index, revision);
  const flags = table.flags[index] as number;
  const add = table.addTime[index] as number;
  const update = table.updateTime[index] as number;
  const deleted = (flags & FLAG_DELETED) !== 0;
  const archived = (flags & FLAG_ARCHIVED) !== 0;
  const state = DEAL_STATUSES[table.status[index] as number] ?? 'open';
  const { personId, orgId } = dealLinks(ctx, index);
  const { pipelineId, stageId } = dealStage(ctx, index, revision);

  const creator = base.pick(ctx.userIds);
  const owner = base.chance(0.8) ? creator : base.pick(ctx.userIds);
  const currency = base.chance(0.7) ? (ctx.currencies[0] as string) : base.pick(ctx.currencies);
  const origin = base.pick(ORIGINS);
  const channel = base.chance(0.4) ? base.pick(ctx.builtinOptions.channels).id : null;
  const fromLead = base.chance(0.15);
  const labelIds = someOf(base, ctx.builtinOptions.dealLabels.map((o) => o.id), 2);
  const visibleTo = base.chance(0.8) ? 3 : 7;

  const closed = state !== 'open';
  const closeTime = closed ? between(rng, add, update) : null;
  const stageChange = revision > 0 ? update : between(rng, add, closeTime ?? update);
  const value = rng.range(0, 400) * 250;
  const probability = rng.chance(0.5) ? null : rng.range(0, 10) * 10;
  const expected = isoDate(add + rng.range(7, 180) * DAY_MS);
  const recurring = rng.chance(0.2) ? rng.range(1, 50) * 100 : null;
  const archiveTime = archived ? (table.archiveTimes.get(index) ?? update) : null;

  return {
    id: index,
    title: dealTitle(ctx, index),
    creator_user_id: creator,
    owner_id: owner,
    value,
    person_id: personId,
    org_id: orgId,
    stage_id: stageId,
    pipeline_id: pipelineId,
    currency,
    archive_time: archiveTime === null ? null : v2Time(archiveTime),
    add_time: v2Time(add),
    update_time: v2Time(update),
    stage_change_time: v2Time(stageChange),
    status: deleted ? 'deleted' : state,
    is_archived: archived,
    is_deleted: deleted,
    probability,
    lost_reason: state === 'lost' ? rng.pick(LOST_REASONS) : null,
    visible_to: visibleTo,
    close_time: closeTime === null ? null : v2Time(closeTime),
    won_time: state === 'won' && closeTime !== null ? v2Time(closeTime) : null,
    lost_time: state === 'lost' && closeTime !== null ? v2Time(closeTime) : null,
    local_won_date: state === 'won' && closeTime !== null ? isoDate(closeTime) : null,
    local_lost_date: state === 'lost' && closeTime !== null ? isoDate(closeTime) : null,
    local_close_date: closeTime === null ? null : isoDate(closeTime),
    expected_close_date: expected,
    label_ids: labelIds,
    origin,
    origin_id: null,
    channel,
    channel_id: channel === null ? null : `Campaign ${channel}`,
    source_lead_id: fromLead && ctx.counts.leads > 0 ? indexedUuid(ctx.seed, 'leads', 1 + (index % ctx.counts.leads)) : null,
    arr: recurring === null ? null : recurring * 12,
    mrr: recurring,
    acv: recurring === null ? null : recurring * 12,
    custom_fields: customFieldValues(ctx.customFields.deal, customRng(ctx, 'deals', index, revision), ctx.refs, ctx.now),
  };
}
