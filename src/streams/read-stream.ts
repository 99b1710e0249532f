import type { z } from 'zod';
import { checkCustomFieldOptions } from '../custom-fields/check-custom-field-options.js';
import { createCustomFieldContext, type CustomFieldContext } from '../custom-fields/custom-field-context.js';
import type { CustomFieldStream } from '../custom-fields/custom-field-streams.js';
import { optionLabelsQuery } from '../custom-fields/option-labels.js';
import { createRecordDecoder, type RecordDecoder } from '../custom-fields/record-decoder.js';
import { ConfigError, ResponseValidationError } from '../errors.js';
import type { Meter, Query, Transport } from '../http/transport.js';
import { fetchPages, type KeysetOptions } from '../pagination/fetch-pages.js';
import type { Page } from '../pagination/page.js';
import { Paginator } from '../pagination/paginator.js';
import { paginationStrategies } from '../pagination/strategies.js';
import { compileCheck, returnsInput, type CompiledCheck } from '../schemas/compile-check.js';
import { parseTimestamp } from '../schemas/timestamp.js';
import { timestampMs } from '../schemas/timestamp-ms.js';
import type { AnyStreamOptions } from './options.js';
import type { EndpointSpec, StreamSpec } from './types.js';

/**
 * What the generic path needs from the client.
 *
 * @example
 * const context: StreamContext = { transport, validate: true, customFields: createCustomFieldContext(transport) };
 */
export interface StreamContext {
  transport: Transport;
  /** Client-wide default of `validate`. */
  validate: boolean;
  /** The client's field catalogs and custom-field names; a read without it caches catalogs for itself only. */
  customFields?: CustomFieldContext;
}

const RESERVED_PARAMS = new Set(['limit', 'start', 'cursor', 'api_token', 'updated_since', 'updated_until']);

/**
 * Turns an `updatedSince`/`updatedUntil`/`anchorDate` value into a UTC `Date`, or throws a {@link ConfigError}
 * naming the option.
 *
 * @example
 * toDate('2025-01-01', 'updatedSince').toISOString(); // '2025-01-01T00:00:00.000Z'
 */
export function toDate(value: string | Date, option: string): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new ConfigError(`${option} is an invalid Date (its time is NaN). Pass a valid Date, YYYY-MM-DD or an RFC 3339 timestamp such as 2025-01-01T10:20:00Z.`);
    return value;
  }
  try {
    return parseTimestamp(String(value).trim());
  } catch {
    throw new ConfigError(`${option} "${String(value)}" is not a date. Use YYYY-MM-DD, an RFC 3339 timestamp such as 2025-01-01T10:20:00Z, or a Date.`);
  }
}

/**
 * Formats a `Date` the way Pipedrive's `updated_since` expects: RFC 3339 in UTC, whole seconds.
 *
 * @example
 * toApiTime(new Date('2025-01-01T10:20:30.500Z'), 'floor'); // '2025-01-01T10:20:30Z'
 */
export function toApiTime(date: Date, round: 'floor' | 'ceil'): string {
  const ms = date.getTime();
  const seconds = round === 'floor' ? Math.floor(ms / 1000) : Math.ceil(ms / 1000);
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** Checks the options against the stream's table row before any request; returns the endpoints to read. */
function plan(spec: StreamSpec, options: AnyStreamOptions): { endpoint: EndpointSpec; archived: boolean }[] {
  const name = spec.name;
  if (options.pageSize !== undefined) {
    const max = spec.endpoint.maxPageSize ?? Number.POSITIVE_INFINITY;
    if (!Number.isInteger(options.pageSize) || options.pageSize < 1 || options.pageSize > max) {
      throw new ConfigError(`pageSize ${String(options.pageSize)} is out of range for ${name}: use an integer from 1 to ${max}.`);
    }
  }
  if (!spec.cursorField && (options.updatedSince !== undefined || options.updatedUntil !== undefined || options.order !== undefined)) {
    throw new ConfigError(`${name} has no change time, so updatedSince, updatedUntil and order are not available. Read it whole (it is reference data).`);
  }
  for (const key of Object.keys(options.params ?? {})) {
    if (RESERVED_PARAMS.has(key)) {
      throw new ConfigError(`params.${key} is not allowed for ${name}: paging and time filters have their own options, and the token goes only in a header.`);
    }
  }
  const archived = options.archived ?? 'include';
  if (options.archived !== undefined && !spec.archived) {
    throw new ConfigError(`${name} has no archived records; the archived option exists on deals and leads.`);
  }
  if (!['include', 'exclude', 'only'].includes(archived)) {
    throw new ConfigError(`archived "${String(archived)}" is not valid: use 'include', 'exclude' or 'only'.`);
  }
  const endpoints: { endpoint: EndpointSpec; archived: boolean }[] = [];
  if (archived !== 'only') endpoints.push({ endpoint: spec.endpoint, archived: false });
  if (spec.archived && archived !== 'exclude') endpoints.push({ endpoint: spec.archived, archived: true });
  if (options.order === 'updated-asc') {
    for (const { endpoint } of endpoints) {
      if (!endpoint.ascending) throw new ConfigError(`${name} cannot be listed in ascending update_time order (GET /api/${endpoint.api}${endpoint.path}).`);
    }
  }
  return endpoints;
}

/** The decoding step of a named read; undefined in raw mode. */
function customFieldDecoder(context: StreamContext, spec: StreamSpec, options: AnyStreamOptions, meter: Meter | undefined): RecordDecoder | undefined {
  if (options.customFields !== 'named') return undefined;
  const customFields = context.customFields ?? createCustomFieldContext(context.transport);
  const previous = options.customFieldNames?.[spec.name];
  return createRecordDecoder({
    customFields,
    stream: spec.name as CustomFieldStream,
    ...(previous ? { previous } : {}),
    ...(options.refreshCustomFieldNames ? { refreshNames: true } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(meter ? { meter } : {}),
  });
}

/** The parameters and the client-side filter of one endpoint for the given time options. */
function endpointQuery(
  endpoint: EndpointSpec,
  options: AnyStreamOptions,
  since: Date | undefined,
  until: Date | undefined,
): { query: Query; keepSince: boolean; stopBelowSince: boolean; keepUntil: boolean } {
  let query: Query = { ...options.params };
  let keepSince = false;
  let stopBelowSince = false;
  let keepUntil = false;
  if (options.order === 'updated-asc') query = { ...query, ...endpoint.ascending };
  if (since) {
    if (endpoint.since === 'server') {
      query['updated_since'] = toApiTime(since, 'floor');
      keepSince = since.getMilliseconds() !== 0;
    } else if (endpoint.since === 'desc-stop' && options.order !== 'updated-asc') {
      query = { ...query, ...endpoint.descending };
      stopBelowSince = true;
    } else {
      keepSince = true;
    }
  }
  if (until) {
    if (endpoint.until === 'server') {
      query['updated_until'] = toApiTime(until, 'ceil');
      keepUntil = until.getMilliseconds() !== 0;
    } else {
      keepUntil = true;
    }
  }
  return { query, keepSince, stopBelowSince, keepUntil };
}

/** Validates one record with zod; throws a {@link ResponseValidationError} naming the stream, record id and path. */
function validateRecord(schema: z.ZodType, item: unknown, stream: string, primaryKey: string): unknown {
  const result = schema.safeParse(item);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const id = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[primaryKey] : undefined;
  const recordId = typeof id === 'string' || typeof id === 'number' ? id : undefined;
  throw new ResponseValidationError(
    `${stream}: record ${recordId ?? '(no id)'} does not match its schema at "${path || '(root)'}": ${issue?.message ?? 'invalid'}. ` +
      'Pass validate: false to receive records as sent, and report the shape.',
    { stream, path, ...(recordId !== undefined ? { recordId } : {}) },
  );
}

/** Compiled tests of the record schemas, once per schema; null where zod's output can differ from its input. */
const compiledChecks = new WeakMap<z.ZodType, CompiledCheck | null>();

function compiledCheckOf(schema: z.ZodType): CompiledCheck | null {
  let check = compiledChecks.get(schema);
  if (check === undefined) {
    check = returnsInput(schema) ? compileCheck(schema) : null;
    compiledChecks.set(schema, check);
  }
  return check;
}

/**
 * The validation step of a read: a function from a record as received to the record to hand out. When
 * the schema returns its input unchanged (every record schema today: loose objects, nullable primitives,
 * refinements), a record that passes the test compiled from the schema ({@link compileCheck}) is handed
 * out as is, without zod's copy; one that fails goes through `schema.safeParse`, so the error (message,
 * path) is zod's. A schema with a transform, default or stripping object anywhere is always parsed by zod,
 * and its output handed out.
 *
 * @throws {ResponseValidationError} when a record does not match, naming the stream, record id and path.
 * @example
 * const validate = recordValidator(streamTable.deals);
 * validate(deal) === deal; // true for a valid deal
 */
export function recordValidator(spec: Pick<StreamSpec, 'schema' | 'name' | 'primaryKey'>): (item: unknown) => unknown {
  const { schema, name, primaryKey } = spec;
  const check = compiledCheckOf(schema);
  if (check === null) return (item) => validateRecord(schema, item, name, primaryKey);
  return (item) => (check(item) ? item : validateRecord(schema, item, name, primaryKey));
}

/** Keyset paging by change second for offset lists in ascending change order (see fetchPages). */
function keysetFor(cursorField: string, key: string): KeysetOptions {
  return {
    key,
    second(row) {
      const value = row[cursorField];
      return typeof value === 'string' ? Math.floor(timestampMs(value) / 1000) : undefined;
    },
    restart: (second) => ({ updated_since: toApiTime(new Date(second * 1000), 'floor'), start: 0 }),
  };
}

/**
 * The one generic path from a table row and options to a {@link Paginator}: checks options up front,
 * reads the main and archived endpoints in turn, applies time filters server- or client-side, validates
 * records, marks archived ones and, with `customFields: 'named'`, decodes custom fields (the catalog is
 * loaded at the first page, once per client).
 *
 * @example
 * const deals = readStream(context, streamTable.deals, { updatedSince: '2025-01-01' });
 */
export function readStream<T>(context: StreamContext, spec: StreamSpec, options: AnyStreamOptions = {}, meter?: Meter): Paginator<T> {
  const endpoints = plan(spec, options);
  const named = checkCustomFieldOptions(spec, options);
  const since = options.updatedSince === undefined ? undefined : toDate(options.updatedSince, 'updatedSince');
  const until = options.updatedUntil === undefined ? undefined : toDate(options.updatedUntil, 'updatedUntil');
  const validate = (options.validate ?? context.validate) ? recordValidator(spec) : undefined;
  const cursorField = spec.cursorField;

  async function* pages(): AsyncGenerator<Page<T>> {
    const decoder = named ? customFieldDecoder(context, spec, options, meter) : undefined;
    for (const { endpoint, archived } of endpoints) {
      const filters = endpointQuery(endpoint, options, since, until);
      const { keepSince, stopBelowSince, keepUntil } = filters;
      const query = decoder ? { ...optionLabelsQuery(endpoint), ...filters.query } : filters.query;
      const path = `/api/${endpoint.api}${endpoint.path}`;
      const raw = fetchPages({
        transport: context.transport,
        path,
        query,
        strategy: paginationStrategies[endpoint.pagination],
        pageSize: endpoint.pagination === 'none' ? undefined : (options.pageSize ?? endpoint.maxPageSize),
        tokenCost: endpoint.tokenCost,
        stream: spec.name,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(meter ? { meter } : {}),
        ...(cursorField && options.order === 'updated-asc' && endpoint.pagination === 'offset' && endpoint.since === 'server'
          ? { keyset: keysetFor(cursorField, spec.primaryKey) }
          : {}),
      });
      for await (const page of raw) {
        const items: T[] = [];
        let stop = false;
        for (const item of page.data) {
          const record = (validate ? validate(item) : item) as Record<string, unknown>;
          if (spec.archived && record !== null && typeof record === 'object') {
            record['is_archived'] = archived;
          }
          if (cursorField && (keepSince || stopBelowSince || keepUntil)) {
            const value = record[cursorField];
            const time = typeof value === 'string' ? timestampMs(value) : undefined;
            if (time !== undefined) {
              if ((keepSince || stopBelowSince) && time < since!.getTime()) {
                if (stopBelowSince) {
                  stop = true;
                  break;
                }
                continue;
              }
              if (keepUntil && time >= until!.getTime()) continue;
            }
          }
          items.push(record as T);
        }
        const decoded = decoder && items.length > 0 ? ((await decoder.decodePage(items)) as T[]) : items;
        yield { items: decoded, nextCursor: stop ? null : page.nextCursor, endpoint: path, archived };
        if (stop) break;
      }
    }
  }

  return new Paginator<T>(pages);
}
