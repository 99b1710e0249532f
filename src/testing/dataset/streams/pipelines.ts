/** v2 pipelines and their stages (small, materialised lists). */
import { hash32, Rng } from '../../internal/rng.js';
import { DAY_MS, toSecond, v2Time } from '../../internal/time.js';
import { STREAM_CODE } from '../context.js';
import type { ApiRecord } from '../types.js';

const PIPELINE_NAMES = ['Sales', 'Partnerships', 'Renewals', 'Enterprise', 'Inbound', 'Channel'] as const;
const STAGE_NAMES = ['Qualified', 'Contact made', 'Demo scheduled', 'Proposal made', 'Negotiations started', 'Contract sent', 'Verbal yes'] as const;

/**
 * A materialised small stream: records plus their times (ms) in record order.
 *
 * @example
 * const { records, addTimes, updateTimes } = buildUsers(seed, 6, now, 'EUR');
 */
export interface StaticRecords {
  records: ApiRecord[];
  addTimes: number[];
  updateTimes: number[];
}

/**
 * Generates `pipelines` pipelines with `stagesPerPipeline` stages each; stage ids run pipeline by pipeline.
 *
 * @example
 * const { pipelines, stages } = buildPipelines(seed, 3, 5, now);
 */
export function buildPipelines(seed: number, pipelines: number, stagesPerPipeline: number, now: number): { pipelines: StaticRecords; stages: StaticRecords } {
  const rng = new Rng(hash32(seed, STREAM_CODE.pipelines, 0x9e));
  const p: StaticRecords = { records: [], addTimes: [], updateTimes: [] };
  const s: StaticRecords = { records: [], addTimes: [], updateTimes: [] };
  for (let i = 1; i <= pipelines; i++) {
    const add = toSecond(now - (760 - i * 20) * DAY_MS + rng.int(DAY_MS));
    const update = toSecond(add + rng.int(400) * DAY_MS);
    p.records.push({
      id: i,
      name: PIPELINE_NAMES[i - 1] ?? `Pipeline ${i}`,
      order_nr: i,
      is_deleted: false,
      is_deal_probability_enabled: i === 1,
      add_time: v2Time(add),
      update_time: v2Time(update),
    });
    p.addTimes.push(add);
    p.updateTimes.push(update);
    for (let j = 1; j <= stagesPerPipeline; j++) {
      const stageAdd = toSecond(add + j * 60_000);
      const stageUpdate = toSecond(stageAdd + rng.int(300) * DAY_MS);
      const rotting = j % 2 === 0;
      s.records.push({
        id: (i - 1) * stagesPerPipeline + j,
        order_nr: j,
        name: STAGE_NAMES[j - 1] ?? `Stage ${j}`,
        is_deleted: false,
        deal_probability: Math.round((100 * j) / (stagesPerPipeline + 1)),
        pipeline_id: i,
        is_deal_rot_enabled: rotting,
        days_to_rotten: rotting ? 7 * j : null,
        add_time: v2Time(stageAdd),
        update_time: v2Time(stageUpdate),
      });
      s.addTimes.push(stageAdd);
      s.updateTimes.push(stageUpdate);
    }
  }
  return { pipelines: p, stages: s };
}
