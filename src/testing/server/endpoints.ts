/**
 * The fake's own model of Pipedrive's list endpoints, taken from the OpenAPI specs (paths, pagination, maximum
 * page size, `x-token-cost`, filters and sorts). Deliberately independent of the SDK's stream table, so the fake
 * does not mirror the SDK's mistakes.
 */
import { FIELD_NAMESPACES } from '../dataset/streams/fields.js';
import type { CustomFieldEntity, ServedStream } from '../dataset/types.js';

/**
 * How an endpoint pages.
 *
 * @example
 * const kind: Pagination = 'offset';
 */
export type Pagination = 'cursor' | 'offset' | 'none';

/**
 * One GET list endpoint.
 *
 * @example
 * ENDPOINTS.find((e) => e.version === 'v2' && e.path === '/deals')?.tokenCost; // 10
 */
export interface Endpoint {
  /** `v1` or `v2`. */
  readonly version: 'v1' | 'v2';
  /** Path below the version prefix, e.g. `/deals/archived`. */
  readonly path: string;
  /** The dataset stream it serves, or `product_fields` (a catalog served by this table only, not a dataset stream). */
  readonly stream: ServedStream;
  /** Cursor (v2), offset (v1) or none. */
  readonly pagination: Pagination;
  /** Largest accepted `limit`. */
  readonly maxLimit: number;
  /** `x-token-cost` of the operation in the spec. */
  readonly tokenCost: number;
  /** Which records: not archived, archived only, or everything (reference lists). */
  readonly scope: 'active' | 'archived' | 'all';
  /** Accepts `updated_since` (>=). */
  readonly updatedSince?: boolean;
  /** Accepts `updated_until` (<). */
  readonly updatedUntil?: boolean;
  /** Accepts `status` (deals: open, won, lost, deleted). */
  readonly status?: boolean;
  /** v2 `sort_by` values; the first is the default. */
  readonly sortBy?: readonly string[];
  /** v1 `sort` fields. */
  readonly sortFields?: readonly string[];
  /** v1 order when no `sort` is given. */
  readonly defaultSort?: string;
  /** Entity whose custom fields `include_option_labels`, `include_labels` and `custom_fields` act on. */
  readonly customFields?: CustomFieldEntity;
  /** Whether `include_option_labels` / `include_labels` are accepted. */
  readonly optionLabels?: boolean;
  /** Query parameters that filter on equality with a record field. */
  readonly equals?: Readonly<Record<string, string>>;
  /** v1 offset envelope: `additional_data.pagination {...}` or flat `additional_data {...}` (leads). */
  readonly offsetShape?: 'pagination' | 'flat';
  /** Field catalogs: the namespaces `include_fields` may add (products: `ui_visibility` only). */
  readonly fieldNamespaces?: ReadonlyArray<'ui_visibility' | 'important_fields' | 'required_fields'>;
  /** Accepts `ids` (comma-separated, up to 100). */
  readonly ids?: boolean;
}

const V2_SORT = ['id', 'update_time', 'add_time'] as const;

/**
 * Every endpoint the fake serves (GET only).
 *
 * @example
 * for (const e of ENDPOINTS) console.log(e.version, e.path, e.tokenCost);
 */
export const ENDPOINTS: readonly Endpoint[] = [
  {
    version: 'v2', path: '/deals', stream: 'deals', pagination: 'cursor', maxLimit: 500, tokenCost: 10, scope: 'active',
    updatedSince: true, updatedUntil: true, status: true, sortBy: V2_SORT, customFields: 'deal', optionLabels: true, ids: true,
    equals: { owner_id: 'owner_id', person_id: 'person_id', org_id: 'org_id', pipeline_id: 'pipeline_id', stage_id: 'stage_id' },
  },
  {
    version: 'v2', path: '/deals/archived', stream: 'deals', pagination: 'cursor', maxLimit: 500, tokenCost: 20, scope: 'archived',
    updatedSince: true, updatedUntil: true, status: true, sortBy: V2_SORT, customFields: 'deal', ids: true,
    equals: { owner_id: 'owner_id', person_id: 'person_id', org_id: 'org_id', pipeline_id: 'pipeline_id', stage_id: 'stage_id' },
  },
  {
    version: 'v2', path: '/persons', stream: 'persons', pagination: 'cursor', maxLimit: 500, tokenCost: 10, scope: 'active',
    updatedSince: true, updatedUntil: true, sortBy: V2_SORT, customFields: 'person', optionLabels: true, ids: true,
    equals: { owner_id: 'owner_id', org_id: 'org_id' },
  },
  {
    version: 'v2', path: '/organizations', stream: 'organizations', pagination: 'cursor', maxLimit: 500, tokenCost: 10, scope: 'active',
    updatedSince: true, updatedUntil: true, sortBy: V2_SORT, customFields: 'organization', optionLabels: true, ids: true,
    equals: { owner_id: 'owner_id' },
  },
  {
    version: 'v2', path: '/activities', stream: 'activities', pagination: 'cursor', maxLimit: 500, tokenCost: 10, scope: 'active',
    updatedSince: true, updatedUntil: true, sortBy: ['id', 'update_time', 'add_time', 'due_date'], ids: true,
    equals: { owner_id: 'owner_id', deal_id: 'deal_id', lead_id: 'lead_id', person_id: 'person_id', org_id: 'org_id', done: 'done' },
  },
  {
    version: 'v2', path: '/products', stream: 'products', pagination: 'cursor', maxLimit: 500, tokenCost: 10, scope: 'active',
    updatedSince: true, sortBy: ['id', 'name', 'add_time', 'update_time'], customFields: 'product', ids: true,
    equals: { owner_id: 'owner_id' },
  },
  { version: 'v2', path: '/pipelines', stream: 'pipelines', pagination: 'cursor', maxLimit: 500, tokenCost: 5, scope: 'all', sortBy: V2_SORT },
  {
    version: 'v2', path: '/stages', stream: 'stages', pagination: 'cursor', maxLimit: 500, tokenCost: 5, scope: 'all',
    sortBy: ['id', 'update_time', 'add_time', 'order_nr'], equals: { pipeline_id: 'pipeline_id' },
  },
  { version: 'v2', path: '/dealFields', stream: 'deal_fields', pagination: 'cursor', maxLimit: 500, tokenCost: 10, scope: 'all', fieldNamespaces: FIELD_NAMESPACES },
  { version: 'v2', path: '/personFields', stream: 'person_fields', pagination: 'cursor', maxLimit: 500, tokenCost: 10, scope: 'all', fieldNamespaces: FIELD_NAMESPACES },
  { version: 'v2', path: '/organizationFields', stream: 'organization_fields', pagination: 'cursor', maxLimit: 500, tokenCost: 10, scope: 'all', fieldNamespaces: FIELD_NAMESPACES },
  // Not a dataset stream: the product catalog (built-in product fields, then the products' custom fields).
  { version: 'v2', path: '/productFields', stream: 'product_fields', pagination: 'cursor', maxLimit: 500, tokenCost: 10, scope: 'all', fieldNamespaces: ['ui_visibility'] },
  {
    version: 'v1', path: '/leads', stream: 'leads', pagination: 'offset', maxLimit: 500, tokenCost: 20, scope: 'active', offsetShape: 'flat',
    updatedSince: true, defaultSort: 'add_time',
    sortFields: ['id', 'title', 'owner_id', 'creator_id', 'was_seen', 'expected_close_date', 'next_activity_id', 'add_time', 'update_time'],
    equals: { owner_id: 'owner_id', person_id: 'person_id', organization_id: 'organization_id' },
  },
  {
    version: 'v1', path: '/leads/archived', stream: 'leads', pagination: 'offset', maxLimit: 500, tokenCost: 40, scope: 'archived', offsetShape: 'flat',
    defaultSort: 'add_time',
    sortFields: ['id', 'title', 'owner_id', 'creator_id', 'was_seen', 'expected_close_date', 'next_activity_id', 'add_time', 'update_time'],
    equals: { owner_id: 'owner_id', person_id: 'person_id', organization_id: 'organization_id' },
  },
  {
    version: 'v1', path: '/notes', stream: 'notes', pagination: 'offset', maxLimit: 500, tokenCost: 20, scope: 'active', offsetShape: 'pagination',
    updatedSince: true, defaultSort: 'id', sortFields: ['id', 'user_id', 'deal_id', 'person_id', 'org_id', 'content', 'add_time', 'update_time'],
    equals: { user_id: 'user_id', deal_id: 'deal_id', person_id: 'person_id', org_id: 'org_id', lead_id: 'lead_id' },
  },
  {
    version: 'v1', path: '/files', stream: 'files', pagination: 'offset', maxLimit: 100, tokenCost: 20, scope: 'active', offsetShape: 'pagination',
    defaultSort: 'id', sortFields: ['id', 'update_time'],
  },
  { version: 'v1', path: '/users', stream: 'users', pagination: 'none', maxLimit: 0, tokenCost: 20, scope: 'all' },
  { version: 'v1', path: '/activityTypes', stream: 'activity_types', pagination: 'none', maxLimit: 0, tokenCost: 20, scope: 'all' },
  { version: 'v1', path: '/filters', stream: 'filters', pagination: 'none', maxLimit: 0, tokenCost: 20, scope: 'all', equals: { type: 'type' } },
  { version: 'v1', path: '/currencies', stream: 'currencies', pagination: 'none', maxLimit: 0, tokenCost: 20, scope: 'all' },
  { version: 'v1', path: '/leadLabels', stream: 'lead_labels', pagination: 'none', maxLimit: 0, tokenCost: 10, scope: 'all' },
];

/**
 * Default page size of every paginated endpoint.
 *
 * @example
 * const limit = Number(params.get('limit') ?? DEFAULT_LIMIT);
 */
export const DEFAULT_LIMIT = 100;

/**
 * The endpoint of a request path, accepting `/api/v2/...`, `/api/v1/...` and `/v1/...`.
 *
 * @example
 * matchEndpoint('/v1/notes')?.stream; // 'notes'
 */
export function matchEndpoint(pathname: string): Endpoint | undefined {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  const m = /^\/(?:api\/(v1|v2)|(v1))(\/.*)$/.exec(path);
  if (!m) return undefined;
  const version = (m[1] ?? m[2]) as 'v1' | 'v2';
  const rest = m[3] as string;
  return ENDPOINTS.find((e) => e.version === version && e.path === rest);
}
