import type { z } from 'zod';
import type { Query } from '../http/transport.js';
import type { PaginationKind } from '../pagination/strategies.js';

/**
 * How an endpoint applies a time filter: `server` by query parameter, `client` by dropping records
 * after they arrive, `desc-stop` by asking for descending `update_time` order and stopping at the bound.
 */
export type FilterHow = 'server' | 'client' | 'desc-stop';

/** One list endpoint of a stream. */
export interface EndpointSpec {
  /** `v1` or `v2`. */
  readonly api: 'v1' | 'v2';
  /** Path under `/api/{api}`, e.g. `/deals/archived`. */
  readonly path: string;
  /** `x-token-cost` of one request, from the spec. */
  readonly tokenCost: number;
  readonly pagination: PaginationKind;
  /** Largest `limit` the endpoint allows; undefined for unpaginated lists. */
  readonly maxPageSize?: number;
  /** How `updatedSince` is applied on this endpoint. */
  readonly since?: FilterHow;
  /** How `updatedUntil` is applied on this endpoint. */
  readonly until?: 'server' | 'client';
  /** Query parameters that order the list by ascending `update_time`. */
  readonly ascending?: Query;
  /** Query parameters that order the list by descending `update_time`. */
  readonly descending?: Query;
}

/**
 * How the sync engine reads a stream incrementally:
 * `window`: server-side `updated_since` + `updated_until`, ascending order, checkpoint per page;
 * `since`: server-side `updated_since`, upper bound cut client-side, ascending order;
 * `desc-stop`: descending order, stop at the watermark, checkpoint at the end.
 */
export type IncrementalStrategy = 'window' | 'since' | 'desc-stop';

/** One row of the stream table. */
export interface StreamSpec<Name extends string = string, Schema extends z.ZodType = z.ZodType> {
  /** snake_case stream name, e.g. `deal_fields`. */
  readonly name: Name;
  /** One sentence for the catalog and docs. */
  readonly description: string;
  /** The main list endpoint. */
  readonly endpoint: EndpointSpec;
  /** The `/archived` companion, read by default so archived records are not missing. */
  readonly archived?: EndpointSpec;
  /** Query that lists records deleted in the last 30 days on the main endpoint (v2 deals: `status=deleted`). */
  readonly deleted?: Query;
  /** zod schema of one record. */
  readonly schema: Schema;
  /** The key that identifies a record: `id`, or `field_code` for field catalogs. */
  readonly primaryKey: 'id' | 'field_code';
  /** The field that records the last change, when the records have one. */
  readonly cursorField?: 'update_time' | 'modified';
  /** How sync reads it incrementally; absent means full refresh only. */
  readonly incremental?: IncrementalStrategy;
  /** The stream whose field catalog decodes this stream's custom fields, and the shape they come in. */
  readonly customFields?: { readonly catalog: string; readonly shape: 'v1' | 'v2' };
}
