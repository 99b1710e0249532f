/** What every record generator can read: the seed, the tables, the catalogs and the reference ids. */
import type { JsonWriter } from '../internal/json-writer.js';
import type { CustomFieldDef, FieldOption } from './custom-field-catalog.js';
import type { FieldRefs } from './custom-field-values.js';
import type { StreamTable } from './table.js';
import type { ApiRecord, CustomFieldEntity, DatasetCounts, ServedStream, StreamName } from './types.js';

/**
 * Numeric code of each stream, mixed into every hash so streams never share random sequences.
 *
 * @example
 * hash32(seed, STREAM_CODE.deals, index);
 */
export const STREAM_CODE: Record<ServedStream, number> = {
  deals: 1,
  persons: 2,
  organizations: 3,
  activities: 4,
  leads: 5,
  notes: 6,
  products: 7,
  files: 8,
  pipelines: 9,
  stages: 10,
  users: 11,
  deal_fields: 12,
  person_fields: 13,
  organization_fields: 14,
  activity_types: 15,
  lead_labels: 16,
  filters: 17,
  currencies: 18,
  product_fields: 19,
};

/**
 * Every count with its default applied.
 *
 * @example
 * const counts: ResolvedCounts = ctx.counts; counts.deals; // 200
 */
export type ResolvedCounts = Readonly<Required<DatasetCounts>>;

/**
 * A pipeline and its stage ids, in order.
 *
 * @example
 * const { id, stageIds } = ctx.pipelines[0];
 */
export interface PipelineInfo {
  readonly id: number;
  readonly stageIds: readonly number[];
}

/**
 * Options of built-in fields that records reference (labels, channels, industries).
 *
 * @example
 * ctx.builtinOptions.dealLabels.map((o) => o.label); // ['Hot', 'Warm', ...]
 */
export interface BuiltinOptions {
  readonly dealLabels: readonly FieldOption[];
  readonly personLabels: readonly FieldOption[];
  readonly organizationLabels: readonly FieldOption[];
  readonly channels: readonly FieldOption[];
  readonly industries: readonly FieldOption[];
}

/**
 * Shared, read-only inputs of the record generators.
 *
 * @example
 * const activity = buildActivity(ctx, 1);
 */
export interface GenContext {
  readonly seed: number;
  /** The dataset's "today", in ms. */
  readonly now: number;
  readonly counts: ResolvedCounts;
  readonly refs: FieldRefs;
  readonly userIds: readonly number[];
  readonly customFields: Readonly<Record<CustomFieldEntity, readonly CustomFieldDef[]>>;
  readonly builtinOptions: BuiltinOptions;
  readonly pipelines: readonly PipelineInfo[];
  readonly activityTypeKeys: readonly string[];
  readonly leadLabelIds: readonly string[];
  readonly currencies: readonly string[];
  /** Tables of every stream (small streams too), for times and flags of referenced records. */
  readonly tables: Readonly<Record<StreamName, StreamTable>>;
}

/**
 * One stream's face: derives records from the table on demand and maps API ids to table indexes.
 *
 * @example
 * const record = model.build(model.indexOf(42));
 */
export interface StreamModel {
  readonly name: ServedStream;
  readonly table: StreamTable;
  /** Whether `mutate` may change it. */
  readonly mutable: boolean;
  /** The record at `index`, as the API serves it. */
  build(index: number): ApiRecord;
  /** Writes the record at `index` as JSON, when the model writes it faster than `JSON.stringify(build(index))`. */
  write?(index: number, w: JsonWriter): void;
  /** The API id at `index`. */
  apiId(index: number): number | string;
  /** The index of an API id, or 0. */
  indexOf(id: number | string): number;
}
