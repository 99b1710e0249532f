/** Helpers shared by the stream generators. */
import { JsonWriter } from '../../internal/json-writer.js';
import { hash32, Rng } from '../../internal/rng.js';
import { STREAM_CODE, type GenContext, type StreamModel } from '../context.js';
import type { StreamTable } from '../table.js';
import type { ApiRecord, ServedStream, StreamName } from '../types.js';

/**
 * Salt of the random sequence for values that never change.
 *
 * @example
 * new Rng(hash32(seed, code, index, BASE_SALT));
 */
export const BASE_SALT = 0;
/**
 * Salt of the random sequence for values an update may change (mixed with the revision).
 *
 * @example
 * new Rng(hash32(seed, code, index, MUTABLE_SALT + revision));
 */
export const MUTABLE_SALT = 0x5000;
/**
 * Salt of the random sequence for custom field values (mixed with the revision).
 *
 * @example
 * new Rng(hash32(seed, code, index, CUSTOM_SALT + revision));
 */
export const CUSTOM_SALT = 0x6000;

/**
 * The fixed-per-record random sequence.
 *
 * @example
 * baseRng(ctx, 'deals', 1).pick(ctx.userIds);
 */
export function baseRng(ctx: GenContext, stream: StreamName, index: number): Rng {
  return new Rng(hash32(ctx.seed, STREAM_CODE[stream], index, BASE_SALT));
}

/**
 * The random sequence of values that change with each update.
 *
 * @example
 * mutableRng(ctx, 'deals', 1, table.revision(1)).range(0, 100);
 */
export function mutableRng(ctx: GenContext, stream: StreamName, index: number, revision: number): Rng {
  return new Rng(hash32(ctx.seed, STREAM_CODE[stream], index, MUTABLE_SALT + revision));
}

/**
 * The random sequence of custom field values (they change with each update too).
 *
 * @example
 * writeCustomFields(w, defs, customRng(ctx, 'deals', 1, 0), ctx.refs, ctx.now);
 */
export function customRng(ctx: GenContext, stream: StreamName, index: number, revision: number): Rng {
  return new Rng(hash32(ctx.seed, STREAM_CODE[stream], index, CUSTOM_SALT + revision));
}

/**
 * A time between `from` and `to`, truncated to the second.
 *
 * @example
 * between(rng, addTime, updateTime); // a whole second in [addTime, updateTime]
 */
export function between(rng: Rng, from: number, to: number): number {
  return Math.floor((from + rng.next() * Math.max(0, to - from)) / 1000) * 1000;
}

/**
 * Up to `max` distinct option ids.
 *
 * @example
 * someOf(rng, [1, 2, 3, 4], 2); // e.g. [2, 4]
 */
export function someOf(rng: Rng, ids: readonly number[], max: number): number[] {
  const out: number[] = [];
  const n = rng.int(max + 1);
  for (let i = 0; i < n && ids.length > 0; i++) {
    const id = rng.pick(ids);
    if (!out.includes(id)) out.push(id);
  }
  return out.sort((a, b) => a - b);
}

/**
 * A model over a stream whose ids are the table indexes (plus an optional offset).
 *
 * @example
 * integerModel('activities', table, true, (i) => buildActivity(ctx, i));
 */
export function integerModel(name: StreamName, table: StreamTable, mutable: boolean, build: (index: number) => ApiRecord, offset = 0): StreamModel {
  return {
    name,
    table,
    mutable,
    build,
    apiId: (index) => index + offset,
    indexOf: (id) => {
      const n = typeof id === 'number' ? id : /^\d+$/.test(id) ? Number(id) : Number.NaN;
      const index = n - offset;
      return Number.isInteger(index) && index >= 1 && index <= table.size ? index : 0;
    },
  };
}

/**
 * An `integerModel` whose records are written as JSON (`write`), the form the fake serves. `build` parses what
 * `write` gives, so the two can never disagree.
 *
 * @example
 * writtenModel('deals', table, (i, w) => writeDeal(ctx, i, w)).build(1).title; // 'Acme Labs Ltd renewal'
 */
export function writtenModel(name: StreamName, table: StreamTable, write: (index: number, w: JsonWriter) => void): StreamModel {
  const scratch = new JsonWriter(8192);
  return {
    ...integerModel(name, table, true, (index) => {
      write(index, scratch.reset());
      return JSON.parse(scratch.text()) as ApiRecord;
    }),
    write,
  };
}

/**
 * A model over a small, materialised list of records, keyed by a property.
 *
 * @example
 * staticModel('currencies', table, records, 'id');
 */
export function staticModel(name: ServedStream, table: StreamTable, records: readonly ApiRecord[], idKey: string): StreamModel {
  const byId = new Map(records.map((r, i) => [String(r[idKey]), i + 1]));
  return {
    name,
    table,
    mutable: false,
    build: (index) => records[index - 1] as ApiRecord,
    apiId: (index) => (records[index - 1] as ApiRecord)[idKey] as number | string,
    indexOf: (id) => byId.get(String(id)) ?? 0,
  };
}

/**
 * A UUID derived from (seed, stream, index) whose last 8 hex digits encode the index, so it maps back without a table.
 *
 * @example
 * indexedUuid(seed, 'leads', 1); // '58fc8bad-1d99-42b7-a060-70019170ffe4'
 */
export function indexedUuid(seed: number, stream: StreamName, index: number): string {
  const code = STREAM_CODE[stream];
  const a = hash32(seed, code, index, 0xa1);
  const b = hash32(seed, code, index, 0xb2);
  const c = hash32(seed, code, index, 0xc3);
  const mask = hash32(seed, code, 0x3a5c);
  const hex = (n: number, width: number): string => (n >>> 0).toString(16).padStart(8, '0').slice(8 - width);
  return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b, 3)}-${(8 + (c >>> 30)).toString(16)}${hex(c >>> 16, 3)}-${hex(c, 4)}${hex((index ^ mask) >>> 0, 8)}`;
}

/**
 * The index encoded in an `indexedUuid`, or 0 when the string is not one of this stream's ids.
 *
 * @example
 * uuidIndex(seed, 'leads', indexedUuid(seed, 'leads', 5), table.size); // 5
 */
export function uuidIndex(seed: number, stream: StreamName, id: number | string, size: number): number {
  if (typeof id !== 'string' || id.length !== 36) return 0;
  const mask = hash32(seed, STREAM_CODE[stream], 0x3a5c);
  const index = (Number.parseInt(id.slice(28), 16) ^ mask) >>> 0;
  return index >= 1 && index <= size && indexedUuid(seed, stream, index) === id ? index : 0;
}
