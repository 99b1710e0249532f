import * as z from 'zod';
import { nullishInt, nullishNumber, nullishString } from './nullish.js';
import { nullableTimestamp } from './timestamp.js';
import { nullishV1Flag } from './v1-flag.js';

/**
 * One lead of the `leads` stream: an item of `data` in v1 `GET /leads` and `GET /leads/archived`.
 * The `id` is a uuid string. Loose: custom fields (40-hex keys at the top level, v1 style) and new
 * keys are kept. Times are ISO with milliseconds and `Z`.
 *
 * @example
 * const lead = leadSchema.parse({ id: 'adf21080-0e10-11eb-879b-05d71fb426ec', title: 'Jane', person_id: null });
 * lead.title; // 'Jane'
 */
export const leadSchema = z.looseObject({
  id: z.guid(),
  title: nullishString,
  owner_id: nullishInt,
  creator_id: nullishInt,
  label_ids: z.array(z.guid()).nullish(),
  person_id: nullishInt,
  organization_id: nullishInt,
  source_name: nullishString,
  origin: nullishString,
  origin_id: nullishString,
  channel: nullishInt,
  channel_id: nullishString,
  source_deal_id: nullishInt,
  is_archived: nullishV1Flag,
  was_seen: nullishV1Flag,
  value: z.looseObject({ amount: nullishNumber, currency: nullishString }).nullish(),
  expected_close_date: nullableTimestamp,
  next_activity_id: nullishInt,
  add_time: nullableTimestamp,
  update_time: nullableTimestamp,
  // v1 sends the visibility group as a string ('1', '3', '5', '7'), unlike v2's integers.
  visible_to: nullishString,
  cc_email: nullishString,
});

/**
 * A lead record (v1), as parsed by {@link leadSchema}.
 *
 * @example
 * for await (const lead of pd.leads()) console.log(lead.id, lead.title);
 * const amount = (l: Lead) => l.value?.amount ?? 0;
 */
export type Lead = z.infer<typeof leadSchema>;
