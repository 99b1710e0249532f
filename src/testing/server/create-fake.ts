/** `createFakePipedrive`: one core with two faces (node:http and msw), limits, faults, a clock and a request log. */
import type { HttpHandler } from 'msw';
import type { Dataset, MutationResult, MutationSpec } from '../dataset/types.js';
import { createClock, type FakeClock } from './clock.js';
import { FakeCore, type FakeRequest, type FakeResponse, type LatencyOptions } from './core.js';
import { FaultInjector, type FaultOptions } from './faults.js';
import { listenHttp, type ListenOptions, type ListeningServer } from './http-face.js';
import { Limiter, type RateLimitOptions } from './limits.js';
import { mswHandlers } from './msw-face.js';
import { RequestLog, type RequestLogEntry } from './request-log.js';

/**
 * Options of `createFakePipedrive`. Every limit and fault is off unless set.
 *
 * @example
 * createFakePipedrive({ dataset, rateLimit: { requestsPer2s: 20 }, dailyTokenBudget: 30_000, faults: { rate: 0.05 } });
 */
export interface FakePipedriveOptions {
  /** The account to serve (from `createDataset`). */
  dataset: Dataset;
  /**
   * The only token accepted (in `x-api-token`, `Authorization: Bearer`, or the `api_token` query).
   * @default 'test-token'
   */
  apiToken?: string;
  /**
   * Rolling 2-second burst window per token, with `x-ratelimit-*` headers.
   * @default undefined (off)
   */
  rateLimit?: RateLimitOptions;
  /**
   * Daily token budget (each operation costs its `x-token-cost`); 429 for everything once spent.
   * @default undefined (off)
   */
  dailyTokenBudget?: number;
  /**
   * Add `Retry-After` (seconds until the window frees, or until the budget resets) to rate-limit 429s.
   * @default false
   */
  retryAfterHeader?: boolean;
  /**
   * After this many 429s in a row, the token gets Cloudflare's HTML 403 for ten minutes.
   * @default undefined (off)
   */
  cloudflareBlockAfter?: number;
  /**
   * Seeded fault injection.
   * @default undefined (off)
   */
  faults?: FaultOptions;
  /**
   * Latency added per response.
   * @default undefined (none)
   */
  latency?: LatencyOptions;
  /**
   * The clock: a `FakeClock`, or a date to start a frozen clock at.
   * @default real time
   */
  clock?: FakeClock | Date | string | number;
  /**
   * How many requests the log keeps.
   * @default 10000
   */
  logLimit?: number;
}

/**
 * A fake Pipedrive: serve it over HTTP (`listen`) or through msw (`handlers`), change its data (`mutate`), move
 * its time (`clock`) and inspect what it was asked (`requests`).
 *
 * @example
 * const fake = createFakePipedrive({ dataset: createDataset({ seed: 1 }) });
 * const { url, close } = await fake.listen();
 */
export interface FakePipedrive {
  /** The served dataset. */
  readonly dataset: Dataset;
  /** The accepted token. */
  readonly apiToken: string;
  /** The fake's clock (rate windows, daily budget, 30-day deleted window, `mutate` times). */
  readonly clock: FakeClock;
  /** The last `logLimit` requests, oldest first. */
  readonly requests: readonly RequestLogEntry[];
  /** Empties the request log. */
  resetLog(): void;
  /** Tokens charged to today's budget so far. */
  tokensSpent(): number;
  /** Starts a node:http server on 127.0.0.1. */
  listen(options?: ListenOptions): Promise<ListeningServer>;
  /** msw 2 handlers for `origin`, or for any origin when omitted. */
  handlers(origin?: string): HttpHandler[];
  /** Answers one request directly, without a transport (what both faces call). */
  handle(request: FakeRequest): FakeResponse;
  /** Applies changes as Pipedrive would, at the fake clock's time. */
  mutate(spec: MutationSpec): MutationResult;
}

/**
 * Creates a fake Pipedrive over a dataset.
 *
 * @example
 * const fake = createFakePipedrive({ dataset: createDataset({ seed: 1 }), rateLimit: { requestsPer2s: 20 } });
 * setupServer(...fake.handlers());
 */
export function createFakePipedrive(options: FakePipedriveOptions): FakePipedrive {
  const apiToken = options.apiToken ?? 'test-token';
  const clock = options.clock !== undefined && typeof options.clock === 'object' && 'now' in options.clock ? options.clock : createClock(options.clock);
  const limiter = new Limiter({
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.dailyTokenBudget !== undefined ? { dailyTokenBudget: options.dailyTokenBudget } : {}),
    ...(options.cloudflareBlockAfter !== undefined ? { cloudflareBlockAfter: options.cloudflareBlockAfter } : {}),
    ...(options.retryAfterHeader ? { retryAfterHeader: true } : {}),
  });
  const log = new RequestLog(options.logLimit ?? 10_000);
  const core = new FakeCore({
    dataset: options.dataset,
    apiToken,
    clock,
    limiter,
    log,
    ...(options.faults ? { faults: new FaultInjector(options.faults) } : {}),
    ...(options.latency ? { latency: options.latency } : {}),
  });
  return {
    dataset: options.dataset,
    apiToken,
    clock,
    get requests() {
      return log.list();
    },
    resetLog: () => log.clear(),
    tokensSpent: () => limiter.spent(clock.now().getTime()),
    listen: (listenOptions) => listenHttp(core, listenOptions),
    handlers: (origin) => mswHandlers(core, origin),
    handle: (request) => core.handle(request),
    mutate: (spec) => options.dataset.mutate(spec, clock.now()),
  };
}
