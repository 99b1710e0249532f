import * as z from 'zod';
import { nullishGuid, nullishInt, nullishString } from './nullish.js';
import { nullableTimestamp } from './timestamp.js';
import { nullishV1Flag } from './v1-flag.js';

/**
 * One file of the `files` stream: an item of `data` in v1 `GET /files` (metadata only; `url` is the
 * download link). Times are `YYYY-MM-DD HH:MM:SS` (UTC). Loose: new keys are kept.
 *
 * @example
 * const file = fileSchema.parse({ id: 123, file_name: 'offer.pdf', deal_id: null, active_flag: true });
 * file.file_name; // 'offer.pdf'
 */
export const fileSchema = z.looseObject({
  id: z.int(),
  user_id: nullishInt,
  deal_id: nullishInt,
  person_id: nullishInt,
  org_id: nullishInt,
  product_id: nullishInt,
  activity_id: nullishInt,
  lead_id: nullishGuid,
  project_id: nullishInt,
  add_time: nullableTimestamp,
  update_time: nullableTimestamp,
  file_name: nullishString,
  file_type: nullishString,
  file_size: nullishInt,
  active_flag: nullishV1Flag,
  inline_flag: nullishV1Flag,
  remote_location: nullishString,
  remote_id: nullishString,
  cid: nullishString,
  s3_bucket: nullishString,
  mail_message_id: nullishString,
  mail_template_id: nullishString,
  deal_name: nullishString,
  person_name: nullishString,
  org_name: nullishString,
  product_name: nullishString,
  lead_name: nullishString,
  project_name: nullishString,
  url: nullishString,
  name: nullishString,
  description: nullishString,
});

/**
 * A file record (v1), as parsed by {@link fileSchema}. Named so it does not shadow the DOM `File`.
 *
 * @example
 * for await (const file of pd.files()) console.log(file.id, file.file_name);
 * const size = (f: PipedriveFile) => f.file_size ?? 0;
 */
export type PipedriveFile = z.infer<typeof fileSchema>;
