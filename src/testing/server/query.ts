/** Parses and validates a list request's query string against its endpoint, the way the API rejects bad input. */
import { parseV1Time, parseV2Time } from '../internal/time.js';
import { decodeCursor, type CursorPosition } from './cursor.js';
import { DEFAULT_LIMIT, type Endpoint } from './endpoints.js';
import { validationFailed, type ErrorResponse } from './errors.js';

/**
 * A validated list request.
 *
 * @example
 * const { limit, cursor, sortField } = query;
 */
export interface ListQuery {
  readonly limit: number;
  /** v1 offset. */
  readonly start: number;
  /** v2 position to continue from. */
  readonly cursor?: CursorPosition;
  readonly sortField: string;
  readonly direction: 'asc' | 'desc';
  /** `update_time >= updatedSince` (ms). */
  readonly updatedSince?: number;
  /** `update_time < updatedUntil` (ms). */
  readonly updatedUntil?: number;
  /** Deal statuses asked for (`deleted` included). */
  readonly statuses?: ReadonlySet<string>;
  /** `[record field, wanted value]` pairs. */
  readonly equals: ReadonlyArray<readonly [string, string]>;
  /** Only these API ids. */
  readonly ids?: ReadonlySet<string>;
  readonly optionLabels: boolean;
  readonly includeLabels: boolean;
  /** Only these custom field keys in `custom_fields`. */
  readonly customFieldKeys?: ReadonlySet<string>;
  /** Field catalog namespaces to include. */
  readonly namespaces: ReadonlySet<string>;
}

/**
 * Either a query or the 400 to answer.
 *
 * @example
 * const parsed = parseListQuery(endpoint, url.searchParams); if (!parsed.ok) return parsed.error;
 */
export type ParsedQuery = { ok: true; query: ListQuery } | { ok: false; error: ErrorResponse };

const DEAL_STATUSES: ReadonlySet<string> = new Set(['open', 'won', 'lost', 'deleted']);
const MAX_CUSTOM_FIELD_KEYS = 15;
const MAX_IDS = 100;

function fail(message: string): ParsedQuery {
  return { ok: false, error: validationFailed(message) };
}

function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

function booleanParam(params: URLSearchParams, name: string): boolean | 'invalid' {
  const value = params.get(name);
  if (value === null) return false;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return 'invalid';
}

/**
 * Validates `params` for `endpoint`.
 *
 * @example
 * parseListQuery(endpoint, new URLSearchParams('limit=1000')); // { ok: false, error: { status: 400, ... } }
 */
export function parseListQuery(endpoint: Endpoint, params: URLSearchParams): ParsedQuery {
  let limit = DEFAULT_LIMIT;
  let start = 0;
  let cursor: CursorPosition | undefined;
  if (endpoint.pagination !== 'none') {
    const rawLimit = params.get('limit');
    if (rawLimit !== null) {
      if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1) return fail(`limit: Parameter 'limit' must be a positive integer`);
      limit = Number(rawLimit);
      if (limit > endpoint.maxLimit) return fail(`limit: Parameter 'limit' must be less than or equal to ${endpoint.maxLimit}`);
    }
  }
  if (endpoint.pagination === 'offset') {
    const rawStart = params.get('start');
    if (rawStart !== null) {
      if (!/^\d+$/.test(rawStart)) return fail(`start: Parameter 'start' must be a non-negative integer`);
      start = Number(rawStart);
    }
  }

  let sortField = endpoint.sortBy?.[0] ?? endpoint.defaultSort ?? 'index';
  let direction: 'asc' | 'desc' = 'asc';
  if (endpoint.version === 'v2' && endpoint.sortBy) {
    const sortBy = params.get('sort_by');
    if (sortBy !== null) {
      if (!endpoint.sortBy.includes(sortBy)) return fail(`sort_by: must be one of ${endpoint.sortBy.join(', ')}`);
      sortField = sortBy;
    }
    const dir = params.get('sort_direction');
    if (dir !== null) {
      if (dir !== 'asc' && dir !== 'desc') return fail(`sort_direction: must be one of asc, desc`);
      direction = dir;
    }
  }
  if (endpoint.version === 'v1' && endpoint.sortFields) {
    const sort = params.get('sort');
    if (sort !== null && sort.trim() !== '') {
      // Several "field DIR" pairs may be given; the first decides the order, ties fall back to id.
      const first = list(sort)[0] ?? '';
      const m = /^(\w+)(?:\s+(asc|desc))?$/i.exec(first);
      if (!m || !endpoint.sortFields.includes(m[1] as string)) return fail(`sort: unsupported sort field "${first}"`);
      sortField = m[1] as string;
      direction = (m[2] ?? 'asc').toLowerCase() as 'asc' | 'desc';
    }
  }

  if (endpoint.pagination === 'cursor') {
    const rawCursor = params.get('cursor');
    if (rawCursor !== null && rawCursor !== '') {
      cursor = decodeCursor(rawCursor);
      if (!cursor) return fail('cursor: invalid cursor');
      if (cursor.field !== sortField || cursor.sortDirection !== direction) return fail('cursor: the cursor does not match sort_by and sort_direction');
    }
  }

  const parseTime = endpoint.version === 'v2' ? parseV2Time : parseV1Time;
  let updatedSince: number | undefined;
  let updatedUntil: number | undefined;
  if (endpoint.updatedSince) {
    const raw = params.get('updated_since');
    if (raw !== null) {
      updatedSince = parseTime(raw);
      if (updatedSince === undefined) return fail(`updated_since: "${raw}" is not a valid datetime`);
    }
  }
  if (endpoint.updatedUntil) {
    const raw = params.get('updated_until');
    if (raw !== null) {
      updatedUntil = parseTime(raw);
      if (updatedUntil === undefined) return fail(`updated_until: "${raw}" is not a valid datetime`);
    }
  }

  let statuses: Set<string> | undefined;
  if (endpoint.status) {
    const raw = params.get('status');
    if (raw !== null) {
      statuses = new Set(list(raw));
      for (const s of statuses) if (!DEAL_STATUSES.has(s)) return fail(`status: "${s}" is not one of open, won, lost, deleted`);
    }
  }

  const optionLabels = endpoint.optionLabels ? booleanParam(params, 'include_option_labels') : false;
  if (optionLabels === 'invalid') return fail('include_option_labels: must be a boolean');
  const includeLabels = endpoint.optionLabels ? booleanParam(params, 'include_labels') : false;
  if (includeLabels === 'invalid') return fail('include_labels: must be a boolean');

  let customFieldKeys: Set<string> | undefined;
  if (endpoint.customFields && endpoint.version === 'v2') {
    const raw = params.get('custom_fields');
    if (raw !== null) {
      customFieldKeys = new Set(list(raw));
      if (customFieldKeys.size > MAX_CUSTOM_FIELD_KEYS) return fail(`custom_fields: at most ${MAX_CUSTOM_FIELD_KEYS} keys are allowed`);
    }
  }

  let ids: Set<string> | undefined;
  if (endpoint.ids) {
    const raw = params.get('ids');
    if (raw !== null) {
      ids = new Set(list(raw));
      if (ids.size > MAX_IDS) return fail(`ids: at most ${MAX_IDS} ids are allowed`);
    }
  }

  const namespaces = new Set<string>();
  if (endpoint.fieldNamespaces) {
    const allowed: readonly string[] = endpoint.fieldNamespaces;
    const raw = params.get('include_fields');
    if (raw !== null) {
      for (const ns of list(raw)) {
        if (!allowed.includes(ns)) return fail(`include_fields: "${ns}" is not one of ${allowed.join(', ')}`);
        namespaces.add(ns);
      }
    }
  }

  const equals: Array<readonly [string, string]> = [];
  for (const [param, field] of Object.entries(endpoint.equals ?? {})) {
    const value = params.get(param);
    if (value !== null) equals.push([field, value]);
  }

  return {
    ok: true,
    query: {
      limit,
      start,
      ...(cursor ? { cursor } : {}),
      sortField,
      direction,
      ...(updatedSince !== undefined ? { updatedSince } : {}),
      ...(updatedUntil !== undefined ? { updatedUntil } : {}),
      ...(statuses ? { statuses } : {}),
      equals,
      ...(ids ? { ids } : {}),
      optionLabels,
      includeLabels,
      ...(customFieldKeys ? { customFieldKeys } : {}),
      namespaces,
    },
  };
}
