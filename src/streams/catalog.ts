import { streamNames, streamTable, type StreamName } from './table.js';
import type { EndpointSpec, IncrementalStrategy } from './types.js';

/**
 * One stream as the catalog describes it.
 *
 * @example
 * const deals = Pipedrive.streams.find((s) => s.name === 'deals')!; // deals.tokenCost === 10
 */
export interface StreamInfo {
  /** snake_case name, as `pd.stream(name)` and `sync` take it. */
  name: StreamName;
  /** The client method, camelCase: `dealFields`. */
  method: string;
  description: string;
  /** API version of the main endpoint. */
  api: 'v1' | 'v2';
  /** Every endpoint read, e.g. `['GET /api/v2/deals', 'GET /api/v2/deals/archived']`. */
  endpoints: string[];
  pagination: 'cursor' | 'offset' | 'none';
  /** Largest page, or null when the list is not paginated. */
  maxPageSize: number | null;
  /** True when `sync` can read it incrementally. */
  incremental: boolean;
  /** How sync reads it incrementally, or null for full refresh only. */
  incrementalStrategy: IncrementalStrategy | null;
  /** `id`, or `field_code` for field catalogs (they have no id). */
  primaryKey: 'id' | 'field_code';
  /** The change-time field, or null. */
  cursorField: string | null;
  /** Tokens per request of the main endpoint. */
  tokenCost: number;
  /** Tokens per request of each endpoint, same order as `endpoints`. */
  tokenCosts: number[];
  /** True when archived records come from a companion endpoint. */
  hasArchived: boolean;
}

/**
 * camelCase of a snake_case stream name.
 *
 * @example
 * methodName('deal_fields'); // 'dealFields'
 */
export function methodName(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * The catalog of every stream, derived from the stream table.
 *
 * @example
 * buildCatalog().filter((s) => s.incremental).map((s) => s.name);
 */
export function buildCatalog(): readonly StreamInfo[] {
  return streamNames.map((name): StreamInfo => {
    const spec = streamTable[name];
    const endpoints: EndpointSpec[] = 'archived' in spec ? [spec.endpoint, spec.archived] : [spec.endpoint];
    const strategy = 'incremental' in spec ? spec.incremental : null;
    return {
      name,
      method: methodName(name),
      description: spec.description,
      api: spec.endpoint.api,
      endpoints: endpoints.map((e) => `GET /api/${e.api}${e.path}`),
      pagination: spec.endpoint.pagination,
      maxPageSize: ('maxPageSize' in spec.endpoint ? spec.endpoint.maxPageSize : undefined) ?? null,
      incremental: strategy !== null,
      incrementalStrategy: strategy,
      primaryKey: spec.primaryKey,
      cursorField: 'cursorField' in spec ? spec.cursorField : null,
      tokenCost: spec.endpoint.tokenCost,
      tokenCosts: endpoints.map((e) => e.tokenCost),
      hasArchived: 'archived' in spec,
    };
  });
}
