import {
  activitySchema,
  activityTypeSchema,
  currencySchema,
  dealSchema,
  fieldSchema,
  fileSchema,
  filterSchema,
  leadLabelSchema,
  leadSchema,
  noteSchema,
  organizationSchema,
  personSchema,
  pipelineSchema,
  productSchema,
  stageSchema,
  userSchema,
} from '../schemas/index.js';
import type { EndpointSpec, StreamSpec } from './types.js';

/** v2 cursor list with server-side `updated_since`/`updated_until` and `sort_by=update_time`. */
const v2Window = (path: string, tokenCost: number): EndpointSpec => ({
  api: 'v2',
  path,
  tokenCost,
  pagination: 'cursor',
  maxPageSize: 500,
  since: 'server',
  until: 'server',
  ascending: { sort_by: 'update_time', sort_direction: 'asc' },
  descending: { sort_by: 'update_time', sort_direction: 'desc' },
});

/** v2 cursor list without time filters (reference data). */
const v2Plain = (path: string, tokenCost: number): EndpointSpec => ({ api: 'v2', path, tokenCost, pagination: 'cursor', maxPageSize: 500 });

/** v1 list without pagination (reference data). */
const v1Unpaginated = (path: string, tokenCost: number): EndpointSpec => ({ api: 'v1', path, tokenCost, pagination: 'none' });

const v1Ascending = { sort: 'update_time ASC' };
const v1Descending = { sort: 'update_time DESC' };

/**
 * THE stream table: one row per stream, and the only place that knows endpoints, paging, costs, keys,
 * cursors, incremental strategies and schemas. Every stream method, the catalog, `sync` and the docs
 * are derived from it. Costs and page limits are the `x-token-cost` and `limit` maxima of the specs.
 *
 * @example
 * streamTable.deals.endpoint; // { api: 'v2', path: '/deals', tokenCost: 10, pagination: 'cursor', ... }
 */
export const streamTable = {
  deals: {
    name: 'deals',
    description: 'Deals, including archived ones (GET /api/v2/deals and /api/v2/deals/archived).',
    endpoint: v2Window('/deals', 10),
    archived: v2Window('/deals/archived', 20),
    deleted: { status: 'deleted' },
    schema: dealSchema,
    primaryKey: 'id',
    cursorField: 'update_time',
    incremental: 'window',
    customFields: { catalog: 'deal_fields', shape: 'v2' },
  },
  persons: {
    name: 'persons',
    description: 'People (GET /api/v2/persons).',
    endpoint: v2Window('/persons', 10),
    schema: personSchema,
    primaryKey: 'id',
    cursorField: 'update_time',
    incremental: 'window',
    customFields: { catalog: 'person_fields', shape: 'v2' },
  },
  organizations: {
    name: 'organizations',
    description: 'Organizations (GET /api/v2/organizations).',
    endpoint: v2Window('/organizations', 10),
    schema: organizationSchema,
    primaryKey: 'id',
    cursorField: 'update_time',
    incremental: 'window',
    customFields: { catalog: 'organization_fields', shape: 'v2' },
  },
  activities: {
    name: 'activities',
    description: 'Activities (GET /api/v2/activities).',
    endpoint: v2Window('/activities', 10),
    schema: activitySchema,
    primaryKey: 'id',
    cursorField: 'update_time',
    incremental: 'window',
  },
  leads: {
    name: 'leads',
    description: 'Leads, including archived ones (GET /api/v1/leads and /api/v1/leads/archived); custom fields are the deal fields.',
    endpoint: { api: 'v1', path: '/leads', tokenCost: 20, pagination: 'offset', maxPageSize: 500, since: 'server', until: 'client', ascending: v1Ascending, descending: v1Descending },
    archived: { api: 'v1', path: '/leads/archived', tokenCost: 40, pagination: 'offset', maxPageSize: 500, since: 'desc-stop', until: 'client', ascending: v1Ascending, descending: v1Descending },
    schema: leadSchema,
    primaryKey: 'id',
    cursorField: 'update_time',
    incremental: 'since',
    customFields: { catalog: 'deal_fields', shape: 'v1' },
  },
  notes: {
    name: 'notes',
    description: 'Notes (GET /api/v1/notes).',
    endpoint: { api: 'v1', path: '/notes', tokenCost: 20, pagination: 'offset', maxPageSize: 500, since: 'server', until: 'client', ascending: v1Ascending, descending: v1Descending },
    schema: noteSchema,
    primaryKey: 'id',
    cursorField: 'update_time',
    incremental: 'since',
  },
  products: {
    name: 'products',
    description: 'Products (GET /api/v2/products); updatedUntil is applied client-side.',
    endpoint: { ...v2Window('/products', 10), until: 'client' },
    schema: productSchema,
    primaryKey: 'id',
    cursorField: 'update_time',
    incremental: 'since',
    customFields: { catalog: 'product_fields', shape: 'v2' },
  },
  files: {
    name: 'files',
    description: 'File metadata (GET /api/v1/files, 100 per page); time filters by descending update_time with an early stop.',
    endpoint: { api: 'v1', path: '/files', tokenCost: 20, pagination: 'offset', maxPageSize: 100, since: 'desc-stop', until: 'client', descending: v1Descending },
    schema: fileSchema,
    primaryKey: 'id',
    cursorField: 'update_time',
    incremental: 'desc-stop',
  },
  pipelines: {
    name: 'pipelines',
    description: 'Pipelines (GET /api/v2/pipelines); full refresh.',
    endpoint: v2Plain('/pipelines', 5),
    schema: pipelineSchema,
    primaryKey: 'id',
  },
  stages: {
    name: 'stages',
    description: 'Stages of every pipeline (GET /api/v2/stages); full refresh.',
    endpoint: v2Plain('/stages', 5),
    schema: stageSchema,
    primaryKey: 'id',
  },
  users: {
    name: 'users',
    description: 'Users of the company (GET /api/v1/users, not paginated); time filters on `modified` client-side; full refresh in sync.',
    endpoint: { ...v1Unpaginated('/users', 20), since: 'client', until: 'client' },
    schema: userSchema,
    primaryKey: 'id',
    cursorField: 'modified',
  },
  deal_fields: {
    name: 'deal_fields',
    description: 'Deal field catalog, built-in and custom (GET /api/v2/dealFields).',
    endpoint: v2Plain('/dealFields', 10),
    schema: fieldSchema,
    primaryKey: 'field_code',
  },
  person_fields: {
    name: 'person_fields',
    description: 'Person field catalog (GET /api/v2/personFields).',
    endpoint: v2Plain('/personFields', 10),
    schema: fieldSchema,
    primaryKey: 'field_code',
  },
  organization_fields: {
    name: 'organization_fields',
    description: 'Organization field catalog (GET /api/v2/organizationFields).',
    endpoint: v2Plain('/organizationFields', 10),
    schema: fieldSchema,
    primaryKey: 'field_code',
  },
  activity_types: {
    name: 'activity_types',
    description: 'Activity types (GET /api/v1/activityTypes, not paginated).',
    endpoint: v1Unpaginated('/activityTypes', 20),
    schema: activityTypeSchema,
    primaryKey: 'id',
  },
  lead_labels: {
    name: 'lead_labels',
    description: 'Lead labels (GET /api/v1/leadLabels, not paginated).',
    endpoint: v1Unpaginated('/leadLabels', 10),
    schema: leadLabelSchema,
    primaryKey: 'id',
  },
  filters: {
    name: 'filters',
    description: 'Saved filters (GET /api/v1/filters, not paginated).',
    endpoint: v1Unpaginated('/filters', 20),
    schema: filterSchema,
    primaryKey: 'id',
  },
  currencies: {
    name: 'currencies',
    description: 'Currencies (GET /api/v1/currencies, not paginated).',
    endpoint: v1Unpaginated('/currencies', 20),
    schema: currencySchema,
    primaryKey: 'id',
  },
} as const satisfies Record<string, StreamSpec>;

/** The table's type. */
export type StreamTable = typeof streamTable;

/**
 * A stream's snake_case name.
 *
 * @example
 * const name: StreamName = 'deal_fields';
 */
export type StreamName = keyof StreamTable;

/**
 * Every stream name, in table order.
 *
 * @example
 * streamNames.includes('deals'); // true
 */
export const streamNames = Object.keys(streamTable) as StreamName[];
