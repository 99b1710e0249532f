import type { CustomFieldOptions } from '../custom-fields/check-custom-field-options.js';
import type { Query } from '../http/transport.js';
import type { StreamSpec } from './types.js';

export type { CustomFieldOptions } from '../custom-fields/check-custom-field-options.js';

/**
 * What a stream without custom fields accepts: none of the custom-field options (the types refuse them,
 * and so does the generic path at runtime with a ConfigError).
 *
 * @example
 * pd.stages({}); // pd.stages({ customFields: 'named' }) does not compile
 */
export interface NoCustomFieldOptions {
  customFields?: never;
  customFieldNames?: never;
  refreshCustomFieldNames?: never;
}

/**
 * Options every stream method takes.
 *
 * @example
 * pd.stages({ pageSize: 100, signal: AbortSignal.timeout(10_000) });
 */
export interface ListOptions {
  /** Cancels the request in flight, a backoff sleep or a pacing wait; iteration then throws the signal's reason. */
  signal?: AbortSignal;
  /**
   * Records per page. @default the largest page the endpoint allows (500 for v2 and most v1 lists, 100 for files).
   * Ignored by unpaginated lists.
   */
  pageSize?: number;
  /**
   * Validate each record against its zod schema.
   * @default the client's `validate` option (true)
   */
  validate?: boolean;
  /**
   * Extra query parameters sent as they are, e.g. `{ filter_id: 7 }` or `{ status: 'deleted' }` on deals.
   * Paging parameters and `api_token` are refused.
   */
  params?: Query;
}

/**
 * Time filters, on streams that have a cursor field (`update_time`, or `modified` for users).
 * Applied by the API where it can (`updated_since`, `updated_until`), otherwise client-side; see docs/streams.md.
 *
 * @example
 * pd.deals({ updatedSince: '2025-01-01', updatedUntil: new Date() });
 */
export interface TimeFilterOptions {
  /** Only records changed at or after this time (a Date, `YYYY-MM-DD`, or RFC 3339; UTC when no zone). */
  updatedSince?: string | Date;
  /** Only records changed strictly before this time. */
  updatedUntil?: string | Date;
  /** `updated-asc` orders by ascending change time (used by sync); default is the API's own order (by id). */
  order?: 'default' | 'updated-asc';
}

/** What a stream without a cursor field accepts: no time filters (the types refuse them). */
export interface NoTimeFilterOptions {
  updatedSince?: never;
  updatedUntil?: never;
  order?: never;
}

/**
 * Which records to read on streams with an `/archived` companion (deals, leads).
 *
 * @example
 * pd.deals({ archived: 'only' });
 */
export interface ArchivedOptions {
  /**
   * `include` reads the main list then the archived one; `exclude` only the main list; `only` only archived.
   * @default 'include'
   */
  archived?: 'include' | 'exclude' | 'only';
}

/**
 * The options of one stream, derived from its table row.
 *
 * @example
 * const options: StreamOptions<typeof streamTable.deals> = { archived: 'exclude', updatedSince: '2025-01-01' };
 */
export type StreamOptions<S extends StreamSpec> = ListOptions &
  (S extends { cursorField: string } ? TimeFilterOptions : NoTimeFilterOptions) &
  (S extends { archived: object } ? ArchivedOptions : { archived?: never }) &
  (S extends { customFields: object } ? CustomFieldOptions : NoCustomFieldOptions);

/**
 * Every option any stream takes (what the generic path accepts).
 *
 * @example
 * const options: AnyStreamOptions = { customFields: 'named', archived: 'exclude' };
 */
export type AnyStreamOptions = ListOptions & TimeFilterOptions & ArchivedOptions & CustomFieldOptions;
