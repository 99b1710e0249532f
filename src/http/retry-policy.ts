/**
 * When and how long to retry.
 *
 * @example
 * new Pipedrive({ apiToken, domain, retry: { limit: 8, maxDelayMs: 120_000 } });
 */
export interface RetryOptions {
  /**
   * Retries after the first attempt, for 429, 5xx, network errors, timeouts and cut-off bodies.
   * @default 5
   */
  limit?: number;
  /**
   * First backoff delay; doubles with each attempt, with jitter.
   * @default 1000
   */
  baseDelayMs?: number;
  /**
   * Longest backoff delay the client picks itself.
   * @default 30000
   */
  maxDelayMs?: number;
  /**
   * Longest wait the client accepts from the server (`Retry-After`, `x-ratelimit-reset`); a longer one
   * ends the request with a RateLimitError that carries the wait.
   * @default 300000
   */
  maxServerDelayMs?: number;
}

/** {@link RetryOptions} with every default filled in. */
export type ResolvedRetryOptions = Required<RetryOptions>;

/**
 * Fills in the defaults of {@link RetryOptions}.
 *
 * @example
 * resolveRetryOptions({ limit: 2 }).baseDelayMs; // 1000
 */
export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  return {
    limit: options.limit ?? 5,
    baseDelayMs: options.baseDelayMs ?? 1000,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    maxServerDelayMs: options.maxServerDelayMs ?? 300_000,
  };
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random.
 *
 * @example
 * backoffDelay(3, resolveRetryOptions()); // between 2000 and 4000 ms
 */
export function backoffDelay(attempt: number, options: ResolvedRetryOptions, random = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
