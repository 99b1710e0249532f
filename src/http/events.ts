/**
 * A request finished (any status), or failed without a response (`status` 0).
 *
 * @example
 * onEvent: (e) => { if (e.type === 'request') metrics.observe(e.path, e.durationMs); }
 */
export interface RequestEvent {
  type: 'request';
  method: string;
  /** Path and query, without secrets. */
  path: string;
  status: number;
  durationMs: number;
  /** Tokens this request costs against the daily budget. */
  tokenCost: number;
  /** 1 for the first try, 2 for the first retry, ... */
  attempt: number;
}

/**
 * A request will be tried again after `delayMs`.
 *
 * @example
 * onEvent: (e) => { if (e.type === 'retry') console.warn(`retry ${e.attempt} in ${e.delayMs} ms: ${e.reason}`); }
 */
export interface RetryEvent {
  type: 'retry';
  method: string;
  path: string;
  /** The attempt that failed (1-based). */
  attempt: number;
  delayMs: number;
  /** Why: `status 429`, `status 503`, `network error`, `timeout`, `invalid JSON`, ... */
  reason: string;
}

/**
 * The pacer holds requests back to stay under Pipedrive's rate limit.
 *
 * @example
 * onEvent: (e) => { if (e.type === 'rate_limit_wait') console.log(`waiting ${e.waitMs} ms (${e.reason})`); }
 */
export interface RateLimitWaitEvent {
  type: 'rate_limit_wait';
  waitMs: number;
  /** `window low` (few requests left), `429` (server asked to wait) or `rate change`. */
  reason: string;
  /** The pacer's current rate in requests per second. */
  requestsPerSecond: number;
}

/**
 * Everything `onEvent` receives.
 *
 * @example
 * new Pipedrive({ apiToken, domain, onEvent: (e) => { if (e.type === 'retry') console.warn(e.reason); } });
 */
export type PipedriveEvent = RequestEvent | RetryEvent | RateLimitWaitEvent;

/**
 * Receives {@link PipedriveEvent}s. Must not throw; exceptions are ignored.
 *
 * @example
 * const log: EventListener = (e) => console.log(JSON.stringify(e));
 */
export type EventListener = (event: PipedriveEvent) => void;
