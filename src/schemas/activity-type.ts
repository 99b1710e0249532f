import * as z from 'zod';
import { nullishInt, nullishString } from './nullish.js';
import { nullableTimestamp } from './timestamp.js';
import { nullishV1Flag } from './v1-flag.js';

/**
 * One activity type of the `activity_types` stream: an item of `data` in v1 `GET /activityTypes`.
 * `key_string` is what v2 activities carry in `type`. Loose: new keys are kept.
 *
 * @example
 * const type = activityTypeSchema.parse({ id: 5, name: 'Call', key_string: 'call', active_flag: true });
 * type.key_string; // 'call'
 */
export const activityTypeSchema = z.looseObject({
  id: z.int(),
  name: nullishString,
  icon_key: nullishString,
  color: nullishString,
  order_nr: nullishInt,
  key_string: nullishString,
  active_flag: nullishV1Flag,
  is_custom_flag: nullishV1Flag,
  add_time: nullableTimestamp,
  update_time: nullableTimestamp,
});

/**
 * An activity type record (v1), as parsed by {@link activityTypeSchema}.
 *
 * @example
 * const types: ActivityType[] = await pd.activityTypes().toArray();
 * const byKey = new Map(types.map((t) => [t.key_string, t.name]));
 */
export type ActivityType = z.infer<typeof activityTypeSchema>;
