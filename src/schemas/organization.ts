import * as z from 'zod';
import { addressSchema } from './address.js';
import { customFieldValues } from './custom-field-values.js';
import { nullishBoolean, nullishInt, nullishIntList, nullishString } from './nullish.js';
import { nullableTimestamp } from './timestamp.js';

/**
 * One organization of the `organizations` stream: an item of `data` in v2 `GET /organizations`.
 * Loose: custom fields (in `custom_fields`) and new keys are kept. The `include_fields` extras
 * (`next_activity_id`, counts...) are typed when present.
 *
 * @example
 * const org = organizationSchema.parse({ id: 1, name: 'Acme', address: null });
 * org.name; // 'Acme'
 */
export const organizationSchema = z.looseObject({
  id: z.int(),
  name: nullishString,
  owner_id: nullishInt,
  add_time: nullableTimestamp,
  update_time: nullableTimestamp,
  is_deleted: nullishBoolean,
  visible_to: nullishInt,
  address: addressSchema.nullish(),
  label_ids: nullishIntList,
  website: nullishString,
  linkedin: nullishString,
  industry: nullishInt,
  annual_revenue: nullishInt,
  employee_count: nullishInt,
  custom_fields: customFieldValues,
  // Returned only when asked for with `include_fields` (untyped in the spec).
  next_activity_id: nullishInt,
  last_activity_id: nullishInt,
  open_deals_count: nullishInt,
  related_open_deals_count: nullishInt,
  closed_deals_count: nullishInt,
  related_closed_deals_count: nullishInt,
  email_messages_count: nullishInt,
  people_count: nullishInt,
  activities_count: nullishInt,
  done_activities_count: nullishInt,
  undone_activities_count: nullishInt,
  files_count: nullishInt,
  notes_count: nullishInt,
  followers_count: nullishInt,
  won_deals_count: nullishInt,
  related_won_deals_count: nullishInt,
  lost_deals_count: nullishInt,
  related_lost_deals_count: nullishInt,
  smart_bcc_email: nullishString,
});

/**
 * An organization record (v2), as parsed by {@link organizationSchema}.
 *
 * @example
 * for await (const org of pd.organizations()) console.log(org.id, org.name);
 * const city = (o: Organization) => o.address?.locality;
 */
export type Organization = z.infer<typeof organizationSchema>;
