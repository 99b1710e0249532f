import * as z from 'zod';
import { nullishInt, nullishString } from './nullish.js';
import { nullableTimestamp } from './timestamp.js';
import { nullishV1Flag } from './v1-flag.js';

/**
 * One saved filter of the `filters` stream: an item of `data` in v1 `GET /filters` (definitions only,
 * no conditions). Loose: new keys are kept.
 *
 * @example
 * const filter = filterSchema.parse({ id: 1, name: 'All open deals', type: 'deals', visible_to: '7' });
 * filter.type; // 'deals'
 */
export const filterSchema = z.looseObject({
  id: z.int(),
  name: nullishString,
  filter_code: nullishString,
  is_editable: nullishV1Flag,
  active_flag: nullishV1Flag,
  type: nullishString,
  temporary_flag: nullishV1Flag,
  user_id: nullishInt,
  add_time: nullableTimestamp,
  update_time: nullableTimestamp,
  // v1 sends the visibility group as a string ('1', '3', '5', '7').
  visible_to: nullishString,
  last_used_time: nullableTimestamp,
  custom_view_id: nullishInt,
});

/**
 * A filter record (v1), as parsed by {@link filterSchema}.
 *
 * @example
 * const filters: Filter[] = await pd.filters().toArray();
 * const dealFilters = filters.filter((f) => f.type === 'deals');
 */
export type Filter = z.infer<typeof filterSchema>;
