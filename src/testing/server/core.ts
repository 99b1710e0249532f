/**
 * The fake's core: maps a request (method, URL, headers) to a response description. Both faces (node:http and msw)
 * are thin adapters over it, so they answer byte for byte the same.
 */
import { DATASET_INTERNALS, type DatasetInternals } from '../dataset/generated-dataset.js';
import type { Dataset } from '../dataset/types.js';
import { hash32, Rng, seedToInt } from '../internal/rng.js';
import { Lru } from '../internal/lru.js';
import { readCredential } from './auth.js';
import type { FakeClock } from './clock.js';
import { matchEndpoint } from './endpoints.js';
import { badGateway, burstLimited, cloudflareBlocked, dailyBudgetSpent, methodNotAllowed, notFound, serverError, unauthorized, type ErrorResponse } from './errors.js';
import type { FaultInjector, FaultKind } from './faults.js';
import type { Limiter } from './limits.js';
import { writeListBody } from './list-response.js';
import { WriterPool } from '../internal/json-writer.js';
import { parseListQuery } from './query.js';
import type { RequestLog } from './request-log.js';
import { ViewCache } from './views.js';

/** Bodies up to this size are copied out of the page writer instead of lent with `release`. */
const SMALL_BODY = 64 * 1024;

/**
 * A request as the faces hand it over.
 *
 * @example
 * core.handle({ method: 'GET', url: 'http://x/api/v2/deals', header: (n) => headers.get(n) ?? undefined });
 */
export interface FakeRequest {
  method: string;
  /** Absolute URL, or a path with query. */
  url: string;
  /** Reads a request header (case-insensitive name, lower-case given). */
  header(name: string): string | undefined;
}

/**
 * What to send back.
 *
 * @example
 * const res = core.handle(req); res.status; // 200
 */
export interface FakeResponse {
  status: number;
  headers: Record<string, string>;
  /** The body as UTF-8 bytes: what the faces send. */
  bytes: Uint8Array<ArrayBuffer>;
  /** The body as text (decoded from `bytes` when first read). */
  readonly body: string;
  /**
   * Call once `bytes` has been sent and nothing reads it any more: the fake then writes its next page into the
   * same memory. Optional; without it the memory is simply garbage collected.
   */
  release?(): void;
  /** `reset`: send the headers and `resetAfterBytes` bytes of the body, then drop the connection. */
  delivery: 'normal' | 'reset';
  resetAfterBytes: number;
  /** Latency to add before answering. */
  delayMs: number;
}

/**
 * Per-response latency.
 *
 * @example
 * createFakePipedrive({ dataset, latency: { ms: 20, jitterMs: 10 } });
 */
export interface LatencyOptions {
  /** Fixed delay per response. */
  ms: number;
  /**
   * Extra uniform random delay in [0, jitterMs), seeded.
   * @default 0
   */
  jitterMs?: number;
  /**
   * Seed of the jitter.
   * @default 0
   */
  seed?: number | string;
}

/**
 * Everything the core needs.
 *
 * @example
 * new FakeCore({ dataset, apiToken: 'test-token', clock: createClock(), limiter: new Limiter({}), log: new RequestLog(100) });
 */
export interface CoreOptions {
  dataset: Dataset;
  apiToken: string;
  clock: FakeClock;
  limiter: Limiter;
  log: RequestLog;
  faults?: FaultInjector;
  latency?: LatencyOptions;
}

/**
 * Handles requests against one dataset with the configured limits and faults.
 *
 * @example
 * const core = new FakeCore({ dataset, apiToken: 'test-token', clock, limiter, log });
 */
export class FakeCore {
  private readonly internals: DatasetInternals;
  private readonly views = new ViewCache();
  private readonly pages = new Lru<string, Uint8Array<ArrayBuffer>>(64);
  private readonly writers = new WriterPool();
  private readonly jitter: Rng;

  constructor(private readonly options: CoreOptions) {
    const internals = (options.dataset as unknown as Record<symbol, DatasetInternals | undefined>)[DATASET_INTERNALS];
    if (!internals) throw new TypeError('createFakePipedrive: dataset must come from createDataset()');
    this.internals = internals;
    this.jitter = new Rng(hash32(seedToInt(options.latency?.seed ?? 0), 0x1a7));
  }

  /** Answers one request. */
  handle(request: FakeRequest): FakeResponse {
    const { clock, limiter, log, apiToken } = this.options;
    const time = clock.now();
    const now = time.getTime();
    const url = new URL(request.url, 'http://fake.pipedrive.local');
    const credential = readCredential((n) => request.header(n), url.searchParams);
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) if (k !== 'api_token') query[k] = v;
    let tokenCost = 0;
    let fault: FaultKind | undefined;

    const finish = (status: number, headers: Record<string, string>, body: string | Uint8Array<ArrayBuffer>, delivery: 'normal' | 'reset' = 'normal', release?: () => void): FakeResponse => {
      log.add({
        method: request.method,
        path: url.pathname,
        query,
        status,
        tokenCost,
        tokenInQuery: credential.kind === 'query',
        authHeader: credential.kind,
        time,
        ...(fault ? { fault } : {}),
      });
      if (credential.token === apiToken) limiter.settle(apiToken, status, now);
      const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
      return response(status, headers, bytes, delivery, delivery === 'reset' ? Math.floor(bytes.length / 2) : 0, this.delay(), release);
    };
    const error = (e: ErrorResponse, headers: Record<string, string> = {}): FakeResponse => finish(e.status, { 'content-type': e.contentType, ...headers }, e.body);

    if (credential.token !== apiToken) return error(unauthorized());
    const admission = limiter.admit(apiToken, now);
    if (admission.kind === 'blocked') return error(cloudflareBlocked());
    if (admission.kind === 'burst') return error(burstLimited(), admission.headers);
    if (admission.kind === 'daily') return error(dailyBudgetSpent(), admission.headers);
    const rateHeaders = admission.headers;
    if (request.method !== 'GET') return error(methodNotAllowed(request.method), rateHeaders);
    const endpoint = matchEndpoint(url.pathname);
    if (!endpoint) return error(notFound(), rateHeaders);

    fault = this.options.faults?.pick(url.pathname);
    if (fault === '500' || fault === '503') return error(serverError(Number(fault) as 500 | 503), rateHeaders);
    if (fault === '502') return error(badGateway(), rateHeaders);
    if (fault === '429') return error(burstLimited(), rateHeaders['x-ratelimit-limit'] ? { ...rateHeaders, 'x-ratelimit-remaining': '0' } : rateHeaders);

    const parsed = parseListQuery(endpoint, url.searchParams);
    if (!parsed.ok) return error(parsed.error, rateHeaders);

    const model = this.internals.models[endpoint.stream];
    let body: Uint8Array<ArrayBuffer> | undefined;
    let release: (() => void) | undefined;
    // Reference lists never change: their serialised pages are cached per query.
    const cacheKey = !model.mutable ? `${endpoint.version}${endpoint.path}?${[...url.searchParams].filter(([k]) => k !== 'api_token').sort().join('&')}` : undefined;
    if (cacheKey !== undefined) body = this.pages.get(cacheKey);
    if (body === undefined) {
      const view = this.views.get(model, endpoint, parsed.query, now);
      const writer = this.writers.take();
      writeListBody(writer, model, endpoint, parsed.query, view, this.internals.ctx);
      if (cacheKey !== undefined || writer.length <= SMALL_BODY) {
        // Cached pages and small ones get memory of their own, and the writer is free again at once.
        body = writer.bytes();
        this.writers.give(writer);
        if (cacheKey !== undefined) this.pages.set(cacheKey, body);
      } else {
        body = writer.view();
        release = () => this.writers.give(writer);
      }
    }

    tokenCost = endpoint.tokenCost;
    limiter.charge(tokenCost, now);
    const headers = { 'content-type': 'application/json', ...rateHeaders };
    if (fault === 'truncated') {
      const cut = truncate(body);
      release?.();
      return finish(200, headers, cut);
    }
    // A reset body is sent only in part: its writer is left to the garbage collector.
    if (fault === 'reset') return finish(200, headers, body, 'reset');
    return finish(200, headers, body, 'normal', release);
  }

  private delay(): number {
    const latency = this.options.latency;
    if (!latency) return 0;
    return Math.max(0, Math.round(latency.ms + (latency.jitterMs ? this.jitter.next() * latency.jitterMs : 0)));
  }
}

/** Cuts a JSON body in half and glues on its real ending, so it looks complete but does not parse. */
function truncate(bytes: Uint8Array<ArrayBuffer>): string {
  const body = new TextDecoder().decode(bytes);
  const tail = body.slice(-24);
  return body.slice(0, Math.max(1, Math.floor(body.length / 2) - tail.length)) + tail;
}

/** A `FakeResponse` whose `body` text is decoded from its bytes only when read. */
function response(
  status: number,
  headers: Record<string, string>,
  bytes: Uint8Array<ArrayBuffer>,
  delivery: 'normal' | 'reset',
  resetAfterBytes: number,
  delayMs: number,
  release?: () => void,
): FakeResponse {
  let text: string | undefined;
  let released = false;
  return {
    status,
    headers,
    bytes,
    get body(): string {
      if (text === undefined && released) throw new Error('fake Pipedrive: the body was read after release(); read it before releasing');
      text ??= new TextDecoder().decode(bytes);
      return text;
    },
    ...(release
      ? {
          release: () => {
            if (released) return;
            released = true;
            release();
          },
        }
      : {}),
    delivery,
    resetAfterBytes,
    delayMs,
  };
}
