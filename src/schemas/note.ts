import * as z from 'zod';
import { nullishGuid, nullishInt, nullishString } from './nullish.js';
import { nullableTimestamp } from './timestamp.js';
import { nullishV1Flag } from './v1-flag.js';

/** A `{ title }` summary of a linked deal, project or task. */
const titledSchema = z.looseObject({ title: nullishString }).nullish();

/** A `{ name }` summary of a linked organization or person. */
const namedSchema = z.looseObject({ name: nullishString }).nullish();

/**
 * One note of the `notes` stream: an item of `data` in v1 `GET /notes`.
 * Times are `YYYY-MM-DD HH:MM:SS` (UTC). Loose: new keys are kept.
 *
 * @example
 * const note = noteSchema.parse({ id: 1, content: '<p>Hi</p>', deal_id: null, pinned_to_deal_flag: 0 });
 * note.content; // '<p>Hi</p>'
 */
export const noteSchema = z.looseObject({
  id: z.int(),
  active_flag: nullishV1Flag,
  add_time: nullableTimestamp,
  update_time: nullableTimestamp,
  content: nullishString,
  deal: titledSchema,
  lead_id: nullishGuid,
  deal_id: nullishInt,
  last_update_user_id: nullishInt,
  org_id: nullishInt,
  organization: namedSchema,
  person: namedSchema,
  person_id: nullishInt,
  project_id: nullishInt,
  project: titledSchema,
  task_id: nullishInt,
  task: titledSchema,
  pinned_to_lead_flag: nullishV1Flag,
  pinned_to_deal_flag: nullishV1Flag,
  pinned_to_organization_flag: nullishV1Flag,
  pinned_to_person_flag: nullishV1Flag,
  pinned_to_project_flag: nullishV1Flag,
  pinned_to_task_flag: nullishV1Flag,
  user: z
    .looseObject({
      email: nullishString,
      icon_url: nullishString,
      is_you: nullishV1Flag,
      name: nullishString,
    })
    .nullish(),
  user_id: nullishInt,
});

/**
 * A note record (v1), as parsed by {@link noteSchema}.
 *
 * @example
 * for await (const note of pd.notes()) console.log(note.id, note.content);
 * const onDeal = (n: Note) => n.deal_id != null;
 */
export type Note = z.infer<typeof noteSchema>;
