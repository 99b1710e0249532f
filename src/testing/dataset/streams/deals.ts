/** v2 deals: derived from (seed, index, revision) plus the stored times, status and flags. */
import { writeCustomFields } from '../custom-field-values.js';
import type { GenContext } from '../context.js';
import { dealLinks, dealTitle } from '../names.js';
import { DEAL_STATUSES, FLAG_ARCHIVED, FLAG_DELETED } from '../table.js';
import { DAY_MS } from '../../internal/time.js';
import { jsonBytes, jsonString, jsonStrings, objectKeys, type JsonWriter } from '../../internal/json-writer.js';
import { LOST_REASONS, ORIGINS } from '../words.js';
import { baseRng, between, customRng, indexedUuid, mutableRng, someOf } from './common.js';

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

const DEAL = objectKeys([
  'id', 'title', 'creator_user_id', 'owner_id', 'value', 'person_id', 'org_id', 'stage_id', 'pipeline_id', 'currency',
  'archive_time', 'add_time', 'update_time', 'stage_change_time', 'status', 'is_archived', 'is_deleted', 'probability',
  'lost_reason', 'visible_to', 'close_time', 'won_time', 'lost_time', 'local_won_date', 'local_lost_date',
  'local_close_date', 'expected_close_date', 'label_ids', 'origin', 'origin_id', 'channel', 'channel_id',
  'source_lead_id', 'arr', 'mrr', 'acv', 'custom_fields',
] as const);
const STATUS_TEXT = { open: jsonString('open'), won: jsonString('won'), lost: jsonString('lost'), deleted: jsonString('deleted') } as const;
const ORIGIN_TEXT = ORIGINS.map(jsonString);
const LOST_REASON_TEXT = LOST_REASONS.map(jsonString);
const CAMPAIGN = jsonBytes('"Campaign ');
const NULL = jsonBytes('null');

/**
 * Writes deal `index` in the v2 shape, as JSON, straight from its random draws (the hot path of serving big
 * sweeps; the model's `build` parses what this writes).
 *
 * @example
 * const w = new JsonWriter();
 * writeDeal(ctx, 1, w);
 * JSON.parse(w.text()).title; // 'Acme Labs Ltd renewal'
 */
export function writeDeal(ctx: GenContext, index: number, w: JsonWriter): void {
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
  const links = dealLinks(ctx, index);
  const { personId, orgId } = links;
  const { pipelineId, stageId } = dealStage(ctx, index, revision);

  const creator = base.pick(ctx.userIds);
  const owner = base.chance(0.8) ? creator : base.pick(ctx.userIds);
  const currency = base.chance(0.7) ? 0 : base.int(ctx.currencies.length);
  const origin = base.int(ORIGINS.length);
  const channel = base.chance(0.4) ? base.pick(ctx.builtinOptions.channels).id : null;
  const fromLead = base.chance(0.15);
  const labelIds = someOf(base, dealLabelIds(ctx), 2);
  const visibleTo = base.chance(0.8) ? 3 : 7;

  const closed = state !== 'open';
  const closeTime = closed ? between(rng, add, update) : null;
  const stageChange = revision > 0 ? update : between(rng, add, closeTime ?? update);
  const value = rng.range(0, 400) * 250;
  const probability = rng.chance(0.5) ? null : rng.range(0, 10) * 10;
  const expected = add + rng.range(7, 180) * DAY_MS;
  const recurring = rng.chance(0.2) ? rng.range(1, 50) * 100 : null;
  const archiveTime = archived ? (table.archiveTimes.get(index) ?? update) : null;
  const won = state === 'won' ? closeTime : null;
  const lost = state === 'lost' ? closeTime : null;

  w.raw(DEAL.id).num(index).raw(DEAL.title).str(dealTitle(ctx, index, links));
  w.raw(DEAL.creator_user_id).num(creator).raw(DEAL.owner_id).num(owner).raw(DEAL.value).num(value);
  w.raw(DEAL.person_id).numOrNull(personId).raw(DEAL.org_id).numOrNull(orgId).raw(DEAL.stage_id).num(stageId);
  w.raw(DEAL.pipeline_id).num(pipelineId).raw(DEAL.currency).raw(jsonStrings(ctx.currencies)[currency] as Uint8Array);
  w.raw(DEAL.archive_time).timeOrNull(archiveTime).raw(DEAL.add_time).time(add).raw(DEAL.update_time).time(update);
  w.raw(DEAL.stage_change_time).time(stageChange).raw(DEAL.status).raw(STATUS_TEXT[deleted ? 'deleted' : state]);
  w.raw(DEAL.is_archived).bool(archived).raw(DEAL.is_deleted).bool(deleted).raw(DEAL.probability).numOrNull(probability);
  w.raw(DEAL.lost_reason).raw(state === 'lost' ? rng.pick(LOST_REASON_TEXT) : NULL).raw(DEAL.visible_to).num(visibleTo);
  w.raw(DEAL.close_time).timeOrNull(closeTime).raw(DEAL.won_time).timeOrNull(won).raw(DEAL.lost_time).timeOrNull(lost);
  w.raw(DEAL.local_won_date).dateOrNull(won).raw(DEAL.local_lost_date).dateOrNull(lost).raw(DEAL.local_close_date).dateOrNull(closeTime);
  w.raw(DEAL.expected_close_date).date(expected).raw(DEAL.label_ids).ints(labelIds);
  w.raw(DEAL.origin).raw(ORIGIN_TEXT[origin] as Uint8Array).raw(DEAL.origin_id).nul().raw(DEAL.channel).numOrNull(channel);
  if (channel === null) w.raw(DEAL.channel_id).nul();
  else w.raw(DEAL.channel_id).raw(CAMPAIGN).num(channel).byte(0x22);
  w.raw(DEAL.source_lead_id).strOrNull(fromLead && ctx.counts.leads > 0 ? indexedUuid(ctx.seed, 'leads', 1 + (index % ctx.counts.leads)) : null);
  w.raw(DEAL.arr).numOrNull(recurring === null ? null : recurring * 12).raw(DEAL.mrr).numOrNull(recurring);
  w.raw(DEAL.acv).numOrNull(recurring === null ? null : recurring * 12).raw(DEAL.custom_fields);
  writeCustomFields(w, ctx.customFields.deal, customRng(ctx, 'deals', index, revision), ctx.refs, ctx.now);
  w.close();
}

const labelIdLists = new WeakMap<GenContext, readonly number[]>();

function dealLabelIds(ctx: GenContext): readonly number[] {
  let ids = labelIdLists.get(ctx);
  if (!ids) {
    ids = ctx.builtinOptions.dealLabels.map((o) => o.id);
    labelIdLists.set(ctx, ids);
  }
  return ids;
}
