import type { z } from 'zod';
import { checkToken, originFromBaseUrl, originFromDomain } from './config/resolve-origin.js';
import { ConfigError } from './errors.js';
import { apiTokenAuth, oauthAuth, type Auth } from './http/auth.js';
import type { EventListener } from './http/events.js';
import { Pacer, type RateLimitOptions } from './http/pacer.js';
import { resolveRetryOptions, type RetryOptions } from './http/retry-policy.js';
import { TokenBudget } from './http/token-budget.js';
import { Transport } from './http/transport.js';
import type { Paginator } from './pagination/paginator.js';
import { buildCatalog, methodName, type StreamInfo } from './streams/catalog.js';
import { createCustomFieldContext, type CustomFieldContext } from './custom-fields/custom-field-context.js';
import { customFieldsOf, type CustomFieldStream } from './custom-fields/custom-field-streams.js';
import { discoverStreams, type DiscoveredStream, type DiscoverOptions } from './custom-fields/discover.js';
import type { FieldCatalog } from './custom-fields/field-catalog.js';
import type { NameMap } from './custom-fields/name-map.js';
import type { CustomFieldStreamMethod, NamedRecord } from './custom-fields/named-record.js';
import type { AnyStreamOptions, StreamOptions } from './streams/options.js';
import type { SyncMessage } from './incremental/messages.js';
import { runSync, type SyncOptions } from './incremental/sync.js';
import { readStream, type StreamContext } from './streams/read-stream.js';
import { streamNames, streamTable, type StreamName, type StreamTable } from './streams/table.js';
import type { StreamSpec } from './streams/types.js';

/**
 * Options of {@link Pipedrive}.
 *
 * @example
 * const pd = new Pipedrive({ apiToken: process.env.PIPEDRIVE_API_TOKEN!, domain: 'mycompany' });
 */
export interface PipedriveOptions {
  /** API token, sent in the `x-api-token` header only. Either this or `accessToken`. */
  apiToken?: string;
  /** OAuth access token, or a function that returns a fresh one (called again after a 401). Sent as `Authorization: Bearer`. */
  accessToken?: string | (() => string | Promise<string>);
  /** Company subdomain: `mycompany`, `mycompany.pipedrive.com` or `https://mycompany.pipedrive.com`. */
  domain?: string;
  /** Origin that replaces `https://{domain}.pipedrive.com`: a `*.pipedrive.com` host, or loopback for the fake server. */
  baseUrl?: string;
  /** Pacing. @default adaptive, starting at 2 requests/s and following `x-ratelimit-limit` */
  rateLimit?: RateLimitOptions;
  /** Retries. @default { limit: 5, baseDelayMs: 1000, maxDelayMs: 30000, maxServerDelayMs: 300000 } */
  retry?: RetryOptions;
  /** Per-attempt timeout in ms, covering headers and body. @default 30000 */
  timeout?: number;
  /** Tokens this client may spend; it stops with DailyBudgetExceededError before overspending. @default no limit of its own */
  dailyTokenBudget?: number;
  /** Validate every record against its schema. @default true */
  validate?: boolean;
  /** The fetch implementation. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Aborts everything this client does. */
  signal?: AbortSignal;
  /** Receives request, retry and rate-limit-wait events. */
  onEvent?: EventListener;
}

type RecordOf<S> = S extends { schema: infer Schema extends z.ZodType } ? z.infer<Schema> : never;

/**
 * One method per stream, camelCase of its name, each returning a lazy {@link Paginator}:
 * `deals persons organizations activities leads notes products files pipelines stages users dealFields
 * personFields organizationFields activityTypes leadLabels filters currencies`.
 *
 * @example
 * for await (const deal of pd.deals({ updatedSince: '2025-01-01' })) console.log(deal.title);
 * const fields = await pd.dealFields().toArray();
 * // Streams with custom fields: readable names, typed through the type parameter (docs/custom-fields.md).
 * for await (const deal of pd.deals<{ deal_source: string | null }>({ customFields: 'named' })) console.log(deal.deal_source);
 */
export type StreamMethods = {
  [K in StreamName as CamelCase<K>]: StreamMethod<StreamTable[K]>;
};

/** One stream method, from its table row: streams with custom fields take the `customFields` option and a type parameter. */
type StreamMethod<S extends StreamSpec> = S extends { customFields: object }
  ? CustomFieldStreamMethod<RecordOf<S>, StreamOptions<S>>
  : (options?: StreamOptions<S>) => Paginator<RecordOf<S>>;

/**
 * Options of `pd.fields()`.
 *
 * @example
 * await pd.fields('deals', { refresh: true });
 */
export interface FieldsOptions {
  /** Read the catalog again; later named reads of the client use the new one. @default false */
  refresh?: boolean;
  signal?: AbortSignal;
}

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

function resolveAuth(options: PipedriveOptions): Auth {
  if (options.apiToken !== undefined && options.accessToken !== undefined) {
    throw new ConfigError('Pass either apiToken or accessToken, not both.');
  }
  if (options.accessToken !== undefined) {
    const provider = options.accessToken;
    return oauthAuth(typeof provider === 'string' ? () => checkToken(provider, 'accessToken') : async () => checkToken(await provider(), 'accessToken'));
  }
  return apiTokenAuth(checkToken(options.apiToken));
}

function resolveOrigin(options: PipedriveOptions): string {
  const secrets = [options.apiToken, typeof options.accessToken === 'string' ? options.accessToken : undefined];
  if (options.baseUrl !== undefined) return originFromBaseUrl(options.baseUrl, secrets);
  return originFromDomain(options.domain, secrets);
}

function checkNumber(value: number | undefined, name: string, min: number): void {
  if (value !== undefined && (!Number.isFinite(value) || value < min)) {
    throw new ConfigError(`${name} must be a number >= ${min}, got ${String(value)}.`);
  }
}

/**
 * A Pipedrive account, read through typed async iterators. One pacer, one retry policy and one token
 * budget per client, shared by every stream.
 *
 * @example
 * const pd = new Pipedrive({ apiToken: process.env.PIPEDRIVE_API_TOKEN!, domain: 'mycompany' });
 * for await (const deal of pd.deals()) console.log(deal.id, deal.title);
 */
export class Pipedrive {
  /**
   * The catalog: every stream with its endpoints, incremental support, primary key, cursor field and token cost.
   *
   * @example
   * Pipedrive.streams.filter((s) => s.incremental).map((s) => s.name);
   */
  static readonly streams: readonly StreamInfo[] = buildCatalog();

  /** @internal the generic stream path's context. */
  protected readonly context: StreamContext & { customFields: CustomFieldContext };

  constructor(options: PipedriveOptions) {
    if (options === null || typeof options !== 'object') {
      throw new ConfigError('new Pipedrive(options) needs an options object: { apiToken, domain }.');
    }
    const auth = resolveAuth(options);
    const origin = resolveOrigin(options);
    checkNumber(options.timeout, 'timeout', 1);
    checkNumber(options.dailyTokenBudget, 'dailyTokenBudget', 0);
    checkNumber(options.rateLimit?.requestsPerSecond, 'rateLimit.requestsPerSecond', 0.001);
    checkNumber(options.retry?.limit, 'retry.limit', 0);
    const transport = new Transport({
      origin,
      auth,
      pacer: new Pacer(options.rateLimit, options.onEvent),
      budget: new TokenBudget(options.dailyTokenBudget),
      retry: resolveRetryOptions(options.retry),
      timeoutMs: options.timeout ?? 30_000,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    this.context = { transport, validate: options.validate ?? true, customFields: createCustomFieldContext(transport) };
  }

  /** Tokens this client has spent against the daily budget. */
  get tokensSpent(): number {
    return this.context.transport.tokensSpent;
  }

  /**
   * The pacer's current rate in requests per second: 2 at first, then what `x-ratelimit-limit` allows
   * (with headroom), or the forced `rateLimit.requestsPerSecond`.
   *
   * @example
   * console.log(`pacing at ${pd.requestsPerSecond.toFixed(1)} requests/s`);
   */
  get requestsPerSecond(): number {
    return this.context.transport.requestsPerSecond;
  }

  /**
   * Any stream by its snake_case name.
   *
   * @example
   * for await (const field of pd.stream('deal_fields')) console.log(field.field_name);
   * for await (const lead of pd.stream<'leads', { priority: string | number | null }>('leads', { customFields: 'named' })) console.log(lead.priority);
   */
  stream<K extends CustomFieldStream, C extends object = {}>(
    name: K,
    options: StreamOptions<StreamTable[K]> & { customFields: 'named' },
  ): Paginator<NamedRecord<RecordOf<StreamTable[K]>, C>>;
  stream<K extends StreamName>(name: K, options?: StreamOptions<StreamTable[K]>): Paginator<RecordOf<StreamTable[K]>>;
  stream<K extends StreamName>(name: K, options?: StreamOptions<StreamTable[K]>): Paginator<unknown> {
    if (!Object.hasOwn(streamTable, name)) {
      throw new ConfigError(`Unknown stream "${String(name)}". Valid streams: ${streamNames.join(', ')}.`);
    }
    return readStream(this.context, streamTable[name], (options ?? {}) as AnyStreamOptions);
  }

  /**
   * Incremental sync with resumable state: records, deletes and checkpoints of the selected streams.
   * Options are checked at once (a ConfigError is thrown before any request); persist each checkpoint's
   * state once every message before it is stored, and pass it back next time.
   *
   * @example
   * for await (const msg of pd.sync({ streams: { '*': {}, pipelines: { mode: 'full-refresh' } }, state })) {
   *   if (msg.type === 'record') await db.upsert(msg.stream, msg.record);
   *   if (msg.type === 'checkpoint') await saveState(msg.state);
   * }
   */
  sync(options: SyncOptions = {}): AsyncGenerator<SyncMessage> {
    return runSync(this.context, options);
  }

  /**
   * The field catalog that decodes a stream's custom fields (leads use the deal fields; products read
   * `/productFields`): every field with key, name, type, options and subfields. Loaded once per client and
   * shared with named reads; `refresh` reads it again.
   *
   * @example
   * const catalog = await pd.fields('deals');
   * catalog.fields.filter((f) => f.isCustom).map((f) => `${f.key} = ${f.name}`);
   */
  fields(stream: CustomFieldStream, options: FieldsOptions = {}): Promise<FieldCatalog> {
    const { catalog } = customFieldsOf(stream);
    return this.context.customFields.catalogs.get(catalog, options);
  }

  /**
   * The custom-field names the named reads of this client used, per stream (the last read of a stream
   * wins). Save it (sync keeps it in its state as `customFieldNames`) and pass it back as the
   * `customFieldNames` option so renamed fields keep their names.
   *
   * @example
   * await pd.deals({ customFields: 'named', customFieldNames: saved }).toArray();
   * saved = pd.customFieldNames();
   */
  customFieldNames(): NameMap {
    return this.context.customFields.names.snapshot();
  }

  /**
   * Every stream with its columns: built-in ones from the schema and catalog, custom ones by the names a
   * named read gives them, with types and, for enum and set fields, their options.
   *
   * @example
   * const deals = (await pd.discover()).find((s) => s.name === 'deals')!;
   * deals.columns.filter((c) => c.origin === 'custom').map((c) => [c.name, c.type]);
   */
  discover(options: DiscoverOptions = {}): Promise<DiscoveredStream[]> {
    return discoverStreams(this.context, options);
  }
}

// The stream methods are derived from the table, so adding a stream touches only the table and a schema.
for (const name of streamNames) {
  Object.defineProperty(Pipedrive.prototype, methodName(name), {
    value: function (this: Pipedrive, options?: AnyStreamOptions) {
      return this.stream(name, options as never);
    },
    writable: true,
    configurable: true,
  });
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface Pipedrive extends StreamMethods {}
