import * as z from 'zod';
import { customFieldValues } from './custom-field-values.js';
import { nullishGuid, nullishInt, nullishIntList, nullishBoolean, nullishNumber, nullishString } from './nullish.js';
import { nullableTimestamp } from './timestamp.js';

/**
 * One deal of the `deals` stream: an item of `data` in v2 `GET /deals` and `GET /deals/archived`.
 * Loose: custom fields (in `custom_fields`) and new keys are kept. The `include_fields` extras
 * (`next_activity_id`, counts, mail times...) are typed when present.
 *
 * @example
 * const deal = dealSchema.parse({ id: 1, title: 'Big deal', person_id: null, won_time: null });
 * deal.title; // 'Big deal'
 */
export const dealSchema = z.looseObject({
  id: z.int(),
  title: nullishString,
  creator_user_id: nullishInt,
  owner_id: nullishInt,
  person_id: nullishInt,
  org_id: nullishInt,
  pipeline_id: nullishInt,
  stage_id: nullishInt,
  value: nullishNumber,
  currency: nullishString,
  add_time: nullableTimestamp,
  update_time: nullableTimestamp,
  stage_change_time: nullableTimestamp,
  archive_time: nullableTimestamp,
  is_deleted: nullishBoolean,
  is_archived: nullishBoolean,
  status: nullishString,
  probability: nullishNumber,
  lost_reason: nullishString,
  visible_to: nullishInt,
  close_time: nullableTimestamp,
  won_time: nullableTimestamp,
  lost_time: nullableTimestamp,
  local_won_date: nullableTimestamp,
  local_lost_date: nullableTimestamp,
  local_close_date: nullableTimestamp,
  expected_close_date: nullableTimestamp,
  label_ids: nullishIntList,
  origin: nullishString,
  origin_id: nullishString,
  channel: nullishInt,
  channel_id: nullishString,
  source_lead_id: nullishGuid,
  arr: nullishNumber,
  mrr: nullishNumber,
  acv: nullishNumber,
  custom_fields: customFieldValues,
  // Returned only when asked for with `include_fields` (untyped in the spec).
  next_activity_id: nullishInt,
  last_activity_id: nullishInt,
  first_won_time: nullishString,
  products_count: nullishInt,
  files_count: nullishInt,
  notes_count: nullishInt,
  followers_count: nullishInt,
  email_messages_count: nullishInt,
  activities_count: nullishInt,
  done_activities_count: nullishInt,
  undone_activities_count: nullishInt,
  participants_count: nullishInt,
  last_incoming_mail_time: nullishString,
  last_outgoing_mail_time: nullishString,
  smart_bcc_email: nullishString,
});

/**
 * A deal record (v2), as parsed by {@link dealSchema}.
 *
 * @example
 * for await (const deal of pd.deals()) console.log(deal.id, deal.title);
 * const open = deals.filter((d: Deal) => d.status === 'open');
 */
export type Deal = z.infer<typeof dealSchema>;
