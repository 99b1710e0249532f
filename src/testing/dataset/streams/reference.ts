/** Small v1 reference lists: activity types, lead labels, filters, currencies. */
import { hash32, Rng } from '../../internal/rng.js';
import { DAY_MS, isoMsTime, toSecond, v1Time } from '../../internal/time.js';
import { STREAM_CODE } from '../context.js';
import { CURRENCY_LIST } from '../words.js';
import { indexedUuid } from './common.js';
import type { StaticRecords } from './pipelines.js';

const ACTIVITY_TYPES = [
  { name: 'Call', key: 'call', icon: 'call' },
  { name: 'Meeting', key: 'meeting', icon: 'meeting' },
  { name: 'Task', key: 'task', icon: 'task' },
  { name: 'Deadline', key: 'deadline', icon: 'deadline' },
  { name: 'Email', key: 'email', icon: 'email' },
  { name: 'Lunch', key: 'lunch', icon: 'lunch' },
  { name: 'Demo', key: 'demo', icon: 'presentation' },
  { name: 'Site visit', key: 'site_visit', icon: 'car' },
] as const;

const LABELS = [
  { name: 'Hot', color: 'red' },
  { name: 'Warm', color: 'yellow' },
  { name: 'Cold', color: 'blue' },
  { name: 'VIP', color: 'purple' },
  { name: 'Partner', color: 'green' },
  { name: 'Follow up', color: 'orange' },
] as const;

const FILTER_TYPES = ['deals', 'leads', 'org', 'people', 'products', 'activity'] as const;

function times(seed: number, stream: 'activity_types' | 'lead_labels' | 'filters', i: number, now: number): { add: number; update: number } {
  const rng = new Rng(hash32(seed, STREAM_CODE[stream], i, 0x71));
  const add = toSecond(now - (780 - i * 11) * DAY_MS + rng.int(DAY_MS));
  return { add, update: toSecond(add + rng.int(200) * DAY_MS) };
}

/**
 * The activity types; the first six are Pipedrive's defaults, the rest custom.
 *
 * @example
 * buildActivityTypes(seed, 6, now).records[0]; // { id: 1, key_string: 'call', ... }
 */
export function buildActivityTypes(seed: number, count: number, now: number): StaticRecords {
  const out: StaticRecords = { records: [], addTimes: [], updateTimes: [] };
  for (let i = 1; i <= count; i++) {
    const type = ACTIVITY_TYPES[i - 1] ?? { name: `Custom ${i}`, key: `custom_${i}`, icon: 'bubble' };
    const { add, update } = times(seed, 'activity_types', i, now);
    out.records.push({
      id: i,
      order_nr: i,
      name: type.name,
      key_string: type.key,
      icon_key: type.icon,
      active_flag: true,
      color: i > 6 ? '3E7DC7' : 'FFFFFF',
      is_custom_flag: i > 6,
      add_time: v1Time(add),
      update_time: v1Time(update),
    });
    out.addTimes.push(add);
    out.updateTimes.push(update);
  }
  return out;
}

/**
 * The lead labels (UUID ids, ISO times with milliseconds).
 *
 * @example
 * buildLeadLabels(seed, 3, now).records.map((l) => l.name); // ['Hot', 'Warm', 'Cold']
 */
export function buildLeadLabels(seed: number, count: number, now: number): StaticRecords {
  const out: StaticRecords = { records: [], addTimes: [], updateTimes: [] };
  for (let i = 1; i <= count; i++) {
    const label = LABELS[i - 1] ?? { name: `Label ${i}`, color: 'gray' };
    const { add, update } = times(seed, 'lead_labels', i, now);
    out.records.push({ id: indexedUuid(seed, 'lead_labels', i), name: label.name, color: label.color, add_time: isoMsTime(add), update_time: isoMsTime(update) });
    out.addTimes.push(add);
    out.updateTimes.push(update);
  }
  return out;
}

/**
 * Saved filters of several types.
 *
 * @example
 * buildFilters(seed, 5, now, [10000001]).records[0]; // { id: 1, name: 'All open deals', ... }
 */
export function buildFilters(seed: number, count: number, now: number, userIds: readonly number[]): StaticRecords {
  const out: StaticRecords = { records: [], addTimes: [], updateTimes: [] };
  for (let i = 1; i <= count; i++) {
    const type = FILTER_TYPES[(i - 1) % FILTER_TYPES.length] ?? 'deals';
    const { add, update } = times(seed, 'filters', i, now);
    out.records.push({
      id: i,
      name: i === 1 ? 'All open deals' : `My ${type} filter ${i}`,
      filter_code: null,
      is_editable: true,
      active_flag: true,
      type,
      temporary_flag: null,
      user_id: userIds[(i - 1) % userIds.length] ?? userIds[0],
      add_time: v1Time(add),
      update_time: i % 3 === 0 ? null : v1Time(update),
      visible_to: i % 2 === 0 ? '1' : '7',
      last_used_time: i % 2 === 0 ? v1Time(update) : null,
      custom_view_id: null,
    });
    out.addTimes.push(add);
    out.updateTimes.push(update);
  }
  return out;
}

/**
 * The currencies in use.
 *
 * @example
 * buildCurrencies(2, now).records.map((c) => c.code); // ['EUR', 'USD']
 */
export function buildCurrencies(count: number, now: number): StaticRecords {
  const out: StaticRecords = { records: [], addTimes: [], updateTimes: [] };
  CURRENCY_LIST.slice(0, Math.max(1, count)).forEach((c, i) => {
    out.records.push({ id: i + 1, code: c.code, name: c.name, decimal_points: c.decimals, symbol: c.symbol, active_flag: true, is_custom_flag: false });
    out.addTimes.push(now - 800 * DAY_MS);
    out.updateTimes.push(now - 800 * DAY_MS);
  });
  return out;
}
