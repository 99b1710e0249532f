import * as z from 'zod';
import { nullishBoolean, nullishInt, nullishString } from './nullish.js';
import { nullableTimestamp } from './timestamp.js';

/**
 * One stage of the `stages` stream: an item of `data` in v2 `GET /stages`.
 * Loose: new keys are kept.
 *
 * @example
 * const stage = stageSchema.parse({ id: 1, name: 'Qualified', pipeline_id: 1, days_to_rotten: null });
 * stage.pipeline_id; // 1
 */
export const stageSchema = z.looseObject({
  id: z.int(),
  order_nr: nullishInt,
  name: nullishString,
  is_deleted: nullishBoolean,
  deal_probability: nullishInt,
  pipeline_id: nullishInt,
  is_deal_rot_enabled: nullishBoolean,
  days_to_rotten: nullishInt,
  add_time: nullableTimestamp,
  update_time: nullableTimestamp,
});

/**
 * A stage record (v2), as parsed by {@link stageSchema}.
 *
 * @example
 * const stages: Stage[] = await pd.stages().toArray();
 * const ofPipeline = stages.filter((s) => s.pipeline_id === 1);
 */
export type Stage = z.infer<typeof stageSchema>;
