import * as z from 'zod';
import { addressSchema } from './address.js';
import { customFieldValues } from './custom-field-values.js';
import { nullishBoolean, nullishInt, nullishIntList, nullishString } from './nullish.js';
import { nullableTimestamp } from './timestamp.js';

/** One labelled contact value of a v2 person (`emails`, `phones`, `im` entries). */
const contactEntrySchema = z.looseObject({
  value: nullishString,
  primary: nullishBoolean,
  label: nullishString,
});

/**
 * One person of the `persons` stream: an item of `data` in v2 `GET /persons`.
 * Loose: custom fields (in `custom_fields`) and new keys are kept. The `include_fields` extras
 * (`next_activity_id`, counts, mail times, marketing status...) are typed when present.
 *
 * @example
 * const person = personSchema.parse({ id: 1, name: 'Ann', org_id: null, emails: [] });
 * person.name; // 'Ann'
 */
export const personSchema = z.looseObject({
  id: z.int(),
  name: nullishString,
  first_name: nullishString,
  last_name: nullishString,
  owner_id: nullishInt,
  org_id: nullishInt,
  add_time: nullableTimestamp,
  update_time: nullableTimestamp,
  emails: z.array(contactEntrySchema).nullish(),
  phones: z.array(contactEntrySchema).nullish(),
  im: z.array(contactEntrySchema).nullish(),
  is_deleted: nullishBoolean,
  visible_to: nullishInt,
  label_ids: nullishIntList,
  picture_id: nullishInt,
  postal_address: addressSchema.nullish(),
  notes: nullishString,
  birthday: nullishString,
  job_title: nullishString,
  custom_fields: customFieldValues,
  // Returned only when asked for with `include_fields` (untyped in the spec).
  next_activity_id: nullishInt,
  last_activity_id: nullishInt,
  open_deals_count: nullishInt,
  related_open_deals_count: nullishInt,
  closed_deals_count: nullishInt,
  related_closed_deals_count: nullishInt,
  participant_open_deals_count: nullishInt,
  participant_closed_deals_count: nullishInt,
  email_messages_count: nullishInt,
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
  last_incoming_mail_time: nullishString,
  last_outgoing_mail_time: nullishString,
  marketing_status: nullishString,
  doi_status: nullishString,
  smart_bcc_email: nullishString,
});

/**
 * A person record (v2), as parsed by {@link personSchema}.
 *
 * @example
 * for await (const person of pd.persons()) console.log(person.id, person.name);
 * const primaryEmail = (p: Person) => p.emails?.find((e) => e.primary)?.value;
 */
export type Person = z.infer<typeof personSchema>;
