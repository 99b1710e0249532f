/** The `Dataset` implementation: lookups and iteration over lazily derived records, and mutations. */
import { DAY_MS } from '../internal/time.js';
import type { GenContext, ResolvedCounts, StreamModel } from './context.js';
import { applyMutation } from './mutate.js';
import { FLAG_DELETED, FLAG_REMOVED, type StreamTable } from './table.js';
import {
  STREAM_NAMES,
  type ApiRecord,
  type CustomFieldEntity,
  type CustomFieldInfo,
  type Dataset,
  type MutationResult,
  type MutationSpec,
  type RecordsOptions,
  type ServedStream,
  type StreamName,
} from './types.js';

/**
 * Soft-deleted records disappear from the API after this long.
 *
 * @example
 * const purged = deletedAt < now - PURGE_AFTER_MS;
 */
export const PURGE_AFTER_MS = 30 * DAY_MS;

/**
 * Key under which a dataset exposes its internals to the fake server of this package.
 *
 * @example
 * const { ctx, models } = (dataset as any)[DATASET_INTERNALS];
 */
export const DATASET_INTERNALS = Symbol.for('pipedrive-extract.testing.dataset');

/**
 * What the fake server reads from a dataset.
 *
 * @example
 * internals.models.deals.build(1);
 */
export interface DatasetInternals {
  readonly ctx: GenContext;
  /** Every served list: the dataset's streams and the catalogs only the endpoint table serves. */
  readonly models: Readonly<Record<ServedStream, StreamModel>>;
}

/**
 * True when a record is soft-deleted for longer than the purge window at `at`.
 *
 * @example
 * isPurged(table, 7, Date.now()); // true when deal 7 was deleted over 30 days ago
 */
export function isPurged(table: StreamTable, index: number, at: number): boolean {
  return ((table.flags[index] as number) & FLAG_DELETED) !== 0 && (table.updateTime[index] as number) < at - PURGE_AFTER_MS;
}

/**
 * The dataset `createDataset` returns: generated stream models behind the `Dataset` interface. `served` holds the
 * models the fake serves without them being dataset streams (`product_fields`); `records()` and `get()` ignore them.
 *
 * @example
 * new GeneratedDataset(seed, now, counts, ctx, models, { product_fields }).get('deals', 1);
 */
export class GeneratedDataset implements Dataset {
  readonly [DATASET_INTERNALS]: DatasetInternals;
  readonly now: Date;

  constructor(
    readonly seed: number,
    now: number,
    readonly counts: ResolvedCounts,
    ctx: GenContext,
    private readonly models: Readonly<Record<StreamName, StreamModel>>,
    served: Readonly<Record<Exclude<ServedStream, StreamName>, StreamModel>>,
  ) {
    this.now = new Date(now);
    this[DATASET_INTERNALS] = { ctx, models: { ...models, ...served } };
  }

  get version(): number {
    let sum = 0;
    for (const stream of STREAM_NAMES) sum += this.models[stream].table.version;
    return sum;
  }

  count(stream: StreamName): number {
    let n = 0;
    for (const _ of this.indexes(stream, {})) n++;
    return n;
  }

  get(stream: StreamName, id: number | string): ApiRecord | undefined {
    const model = this.model(stream);
    const index = model.indexOf(id);
    return index > 0 && model.table.exists(index) ? this.copy(model, index) : undefined;
  }

  *records(stream: StreamName, options: RecordsOptions = {}): IterableIterator<ApiRecord> {
    const model = this.model(stream);
    for (const index of this.indexes(stream, options)) yield this.copy(model, index);
  }

  customFields(entity: CustomFieldEntity): readonly CustomFieldInfo[] {
    const defs = this[DATASET_INTERNALS].ctx.customFields[entity];
    if (!defs) throw new RangeError(`customFields: unknown entity "${String(entity)}"`);
    return defs.map(({ code, name, type, options, deletedOptionId }) => ({ code, name, type, options: options.map(({ id, label }) => ({ id, label })), ...(deletedOptionId === undefined ? {} : { deletedOptionId }) }));
  }

  mutate(spec: MutationSpec, at: Date): MutationResult {
    return applyMutation(this.models, this.seed, spec, at);
  }

  /** Generated records are fresh objects; materialised reference records are copied so callers cannot change them. */
  private copy(model: StreamModel, index: number): ApiRecord {
    return model.mutable ? model.build(index) : structuredClone(model.build(index));
  }

  private model(stream: StreamName): StreamModel {
    const model = (this.models as Record<string, StreamModel | undefined>)[stream];
    if (!model) throw new RangeError(`unknown stream "${String(stream)}"`);
    return model;
  }

  private *indexes(stream: StreamName, options: RecordsOptions): IterableIterator<number> {
    const table = this.model(stream).table;
    const at = (options.at ?? this.now).getTime();
    for (let index = 1; index <= table.size; index++) {
      if (((table.flags[index] as number) & FLAG_REMOVED) !== 0) continue;
      if (!options.includePurged && isPurged(table, index, at)) continue;
      yield index;
    }
  }
}
