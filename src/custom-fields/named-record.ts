import type { Paginator } from '../pagination/paginator.js';

/**
 * The keys a record read with `customFields: 'named'` adds (see docs/custom-fields.md).
 *
 * @example
 * const raw = (deal: NamedRecordMeta) => deal.custom_fields_raw['dcf558aac1ae4e8c4f849ba5e668430d8df9be12'];
 */
export interface NamedRecordMeta {
  /** Field key to value in the v2 wire form without option labels (ids, `{ value, currency }`...), for v1 and v2 streams alike. */
  custom_fields_raw: Record<string, unknown>;
  /** Present only when some enum or set id has no label (a deleted option): field name to those ids. */
  custom_fields_deleted_options?: Record<string, Array<number | string>>;
}

/** `T` without key `K`, keeping `T`'s index signature (the built-in `Omit` would drop every named key of a loose record). */
type WithoutKey<T, K extends PropertyKey> = { [P in keyof T as P extends K ? never : P]: T[P] };

/**
 * A record read with `customFields: 'named'`: the built-in keys of `T` (without the v2 `custom_fields`),
 * the {@link NamedRecordMeta} keys, and your own custom fields `C` by name.
 *
 * @example
 * type MyDeal = NamedRecord<Deal, { deal_source: string | null; budget: { amount: number | null; currency: string | null } | null }>;
 */
export type NamedRecord<T, C extends object = {}> = WithoutKey<T, 'custom_fields'> & NamedRecordMeta & C;

/**
 * The method of a stream with custom fields: raw records by default, {@link NamedRecord}s with
 * `customFields: 'named'`, typed with your own fields through the type parameter.
 *
 * @example
 * for await (const deal of pd.deals<{ deal_source: string | null }>({ customFields: 'named' })) deal.deal_source;
 */
export interface CustomFieldStreamMethod<T, O> {
  <C extends object = {}>(options: O & { customFields: 'named' }): Paginator<NamedRecord<T, C>>;
  (options?: O & { customFields?: 'raw' }): Paginator<T>;
  (options?: O): Paginator<T | NamedRecord<T>>;
}
