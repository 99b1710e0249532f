/** Public types of the fake Pipedrive's dataset. */

/**
 * Every stream the fake serves, by its snake_case name.
 *
 * @example
 * for (const stream of STREAM_NAMES) console.log(stream, dataset.count(stream));
 */
export const STREAM_NAMES = [
  'deals',
  'persons',
  'organizations',
  'activities',
  'leads',
  'notes',
  'products',
  'files',
  'pipelines',
  'stages',
  'users',
  'deal_fields',
  'person_fields',
  'organization_fields',
  'activity_types',
  'lead_labels',
  'filters',
  'currencies',
] as const;

/**
 * A stream name.
 *
 * @example
 * const stream: StreamName = 'deal_fields';
 */
export type StreamName = (typeof STREAM_NAMES)[number];

/**
 * Every list the fake serves: the dataset's streams, plus `product_fields`, the product field catalog that only
 * the endpoint table serves (`GET /api/v2/productFields`). `dataset.records()` and `STREAM_NAMES` leave it out.
 *
 * @example
 * const served: ServedStream = ENDPOINTS.find((e) => e.path === '/productFields')!.stream; // 'product_fields'
 */
export type ServedStream = StreamName | 'product_fields';

/**
 * Streams whose records `mutate` can create, update, delete (and for deals and leads, archive).
 *
 * @example
 * const s: MutableStream = 'notes';
 */
export type MutableStream = 'deals' | 'persons' | 'organizations' | 'activities' | 'leads' | 'notes' | 'products' | 'files';

/**
 * Entities that carry custom fields.
 *
 * @example
 * dataset.customFields('deal');
 */
export type CustomFieldEntity = 'deal' | 'person' | 'organization' | 'product';

/**
 * A record exactly as the API serves it (v2 shape for v2 streams, v1 shape for v1 streams).
 *
 * @example
 * const deal: ApiRecord = dataset.get('deals', 1)!;
 */
export type ApiRecord = Record<string, unknown>;

/**
 * How many records of each stream to generate. Every count is optional.
 *
 * @example
 * const counts: DatasetCounts = { deals: 1_000_000 };
 */
export interface DatasetCounts {
  /** @default 200 */
  deals?: number;
  /** @default 150 */
  persons?: number;
  /** @default 60 */
  organizations?: number;
  /** @default 300 */
  activities?: number;
  /** @default 80 */
  leads?: number;
  /** @default 150 */
  notes?: number;
  /** @default 25 */
  products?: number;
  /** @default 40 */
  files?: number;
  /** @default 6 */
  users?: number;
  /** @default 3 */
  pipelines?: number;
  /** @default 5 */
  stagesPerPipeline?: number;
  /** @default 5 */
  filters?: number;
  /** @default 6 */
  activityTypes?: number;
  /** @default 4 */
  leadLabels?: number;
  /** @default 5 */
  currencies?: number;
}

/**
 * Options of `createDataset`.
 *
 * @example
 * createDataset({ seed: 7, counts: { deals: 50 }, now: '2025-06-01T00:00:00Z' });
 */
export interface CreateDatasetOptions {
  /**
   * Seed of every generated value: same seed, same account.
   * @default 1
   */
  seed?: number | string;
  /** Record counts per stream. */
  counts?: DatasetCounts;
  /**
   * The dataset's "today": timestamps spread over the two years before it.
   * @default the start of the current UTC day
   */
  now?: Date | string | number;
}

/**
 * What `records()` should include.
 *
 * @example
 * dataset.records('deals', { includePurged: true });
 */
export interface RecordsOptions {
  /**
   * Also yield deals deleted more than 30 days before `at` (the API never serves them again).
   * @default false
   */
  includePurged?: boolean;
  /**
   * Reference time of the 30-day purge window.
   * @default the dataset's `now`
   */
  at?: Date;
}

/**
 * How many records (or which ids) to change per stream.
 *
 * @example
 * const change: MutationCounts = { deals: 5, persons: [3, 4] };
 */
export type MutationCounts = Partial<Record<MutableStream, number | ReadonlyArray<number | string>>>;

/**
 * A batch of changes applied as Pipedrive would apply them.
 *
 * @example
 * fake.mutate({ create: { deals: 5 }, update: { deals: 10 }, delete: { deals: 3 }, archive: { deals: 2, leads: 1 } });
 */
export interface MutationSpec {
  /** New records with ids above the current maximum, `add_time` = `update_time` = now. */
  create?: Partial<Record<MutableStream, number>>;
  /** Changes some values and sets `update_time` to now. */
  update?: MutationCounts;
  /** Soft-deletes (`is_deleted`, deals: status `deleted`); leads are removed. */
  delete?: MutationCounts;
  /** Moves deals or leads to the archived endpoints (`is_archived: true`). */
  archive?: Partial<Record<'deals' | 'leads', number | ReadonlyArray<number | string>>>;
}

/**
 * Ids touched by a mutation, per stream.
 *
 * @example
 * const { created } = fake.mutate({ create: { deals: 1 } }); // created.deals = [201]
 */
export interface MutationResult {
  /** Ids of new records. */
  created: Partial<Record<MutableStream, Array<number | string>>>;
  /** Ids of updated records. */
  updated: Partial<Record<MutableStream, Array<number | string>>>;
  /** Ids of deleted records. */
  deleted: Partial<Record<MutableStream, Array<number | string>>>;
  /** Ids of archived records. */
  archived: Partial<Record<'deals' | 'leads', Array<number | string>>>;
}

/**
 * A custom field of the generated account.
 *
 * @example
 * const priority = dataset.customFields('deal').find((f) => f.name === 'Priority');
 */
export interface CustomFieldInfo {
  /** The 40-character hex key (`field_code`). */
  code: string;
  /** The display name (not unique: two deal fields share one). */
  name: string;
  /** The field type (`varchar`, `monetary`, `enum`, ...). */
  type: string;
  /** Options of enum and set fields. */
  options: ReadonlyArray<{ id: number; label: string }>;
  /** An option id some records still hold although the option was deleted. */
  deletedOptionId?: number;
}

/**
 * A deterministic, lazily generated Pipedrive account.
 *
 * @example
 * const dataset = createDataset({ seed: 1 });
 * dataset.count('deals'); // 200
 * dataset.get('deals', 1); // { id: 1, title: ..., custom_fields: {...} }
 */
export interface Dataset {
  /** The numeric seed. */
  readonly seed: number;
  /** The dataset's "today". */
  readonly now: Date;
  /** Resolved record counts. */
  readonly counts: Readonly<Required<DatasetCounts>>;
  /** Increases with every mutation. */
  readonly version: number;
  /** Number of records `records(stream)` yields. */
  count(stream: StreamName): number;
  /** One record by its API id, as the API serves it, or undefined. */
  get(stream: StreamName, id: number | string): ApiRecord | undefined;
  /** Every existing record in id order (archived and soft-deleted included, with their flags). */
  records(stream: StreamName, options?: RecordsOptions): IterableIterator<ApiRecord>;
  /** The custom field catalog of one entity. */
  customFields(entity: CustomFieldEntity): readonly CustomFieldInfo[];
  /** Applies a batch of changes at time `at` (see `FakePipedrive.mutate`). */
  mutate(spec: MutationSpec, at: Date): MutationResult;
}
