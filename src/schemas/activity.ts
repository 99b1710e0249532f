import * as z from 'zod';
import { addressSchema } from './address.js';
import { nullishBoolean, nullishInt, nullishString } from './nullish.js';
import { nullableTimestamp } from './timestamp.js';

/** A person linked to a v2 activity. */
const participantSchema = z.looseObject({
  person_id: nullishInt,
  primary: nullishBoolean,
});

/** An invitee of a v2 activity (returned with `include_fields=attendees`). */
const attendeeSchema = z.looseObject({
  email: nullishString,
  name: nullishString,
  status: nullishString,
  is_organizer: nullishBoolean,
  person_id: nullishInt,
  user_id: nullishInt,
});

/**
 * One activity of the `activities` stream: an item of `data` in v2 `GET /activities`.
 * `due_date` is a date, `due_time` and `duration` are `HH:MM:SS` strings (not checked).
 * Loose: new keys are kept.
 *
 * @example
 * const activity = activitySchema.parse({ id: 1, subject: 'Call Ann', deal_id: null, done: false });
 * activity.subject; // 'Call Ann'
 */
export const activitySchema = z.looseObject({
  id: z.int(),
  subject: nullishString,
  type: nullishString,
  owner_id: nullishInt,
  creator_user_id: nullishInt,
  is_deleted: nullishBoolean,
  add_time: nullableTimestamp,
  update_time: nullableTimestamp,
  deal_id: nullishInt,
  // A lead uuid in practice, but the spec types it as a plain string (its example is 'abc-def').
  lead_id: nullishString,
  person_id: nullishInt,
  org_id: nullishInt,
  project_id: nullishInt,
  due_date: nullableTimestamp,
  due_time: nullishString,
  duration: nullishString,
  busy: nullishBoolean,
  done: nullishBoolean,
  marked_as_done_time: nullableTimestamp,
  location: addressSchema.nullish(),
  participants: z.array(participantSchema).nullish(),
  attendees: z.array(attendeeSchema).nullish(),
  conference_meeting_client: nullishString,
  conference_meeting_url: nullishString,
  conference_meeting_id: nullishString,
  public_description: nullishString,
  priority: nullishInt,
  note: nullishString,
});

/**
 * An activity record (v2), as parsed by {@link activitySchema}.
 *
 * @example
 * for await (const activity of pd.activities()) console.log(activity.id, activity.subject);
 * const isOpen = (a: Activity) => a.done !== true;
 */
export type Activity = z.infer<typeof activitySchema>;
