import * as z from 'zod';
import { nullishBoolean, nullishInt, nullishString } from './nullish.js';
import { nullableTimestamp } from './timestamp.js';

/**
 * One pipeline of the `pipelines` stream: an item of `data` in v2 `GET /pipelines`.
 * Loose: new keys are kept.
 *
 * @example
 * const pipeline = pipelineSchema.parse({ id: 1, name: 'Sales', order_nr: 1 });
 * pipeline.name; // 'Sales'
 */
export const pipelineSchema = z.looseObject({
  id: z.int(),
  name: nullishString,
  order_nr: nullishInt,
  is_deleted: nullishBoolean,
  is_deal_probability_enabled: nullishBoolean,
  add_time: nullableTimestamp,
  update_time: nullableTimestamp,
});

/**
 * A pipeline record (v2), as parsed by {@link pipelineSchema}.
 *
 * @example
 * const pipelines: Pipeline[] = await pd.pipelines().toArray();
 * const names = pipelines.map((p) => p.name);
 */
export type Pipeline = z.infer<typeof pipelineSchema>;
