import * as z from 'zod';
import { nullishString } from './nullish.js';
import { nullableTimestamp } from './timestamp.js';

/**
 * One lead label of the `lead_labels` stream: an item of `data` in v1 `GET /leadLabels`. The `id` is a
 * uuid string (what leads carry in `label_ids`). Loose: new keys are kept.
 *
 * @example
 * const label = leadLabelSchema.parse({ id: 'f08b42a0-4e75-11ea-9643-03698ef1cfd6', name: 'Hot', color: 'red' });
 * label.name; // 'Hot'
 */
export const leadLabelSchema = z.looseObject({
  id: z.guid(),
  name: nullishString,
  color: nullishString,
  add_time: nullableTimestamp,
  update_time: nullableTimestamp,
});

/**
 * A lead label record (v1), as parsed by {@link leadLabelSchema}.
 *
 * @example
 * const labels: LeadLabel[] = await pd.leadLabels().toArray();
 * const names = new Map(labels.map((l) => [l.id, l.name]));
 */
export type LeadLabel = z.infer<typeof leadLabelSchema>;
