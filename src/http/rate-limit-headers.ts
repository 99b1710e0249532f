/** What a response's headers say about the rate limit. Every field is absent when the header was. */
export interface RateLimitInfo {
  /** `x-ratelimit-limit`: requests allowed per 2-second window. */
  limit?: number;
  /** `x-ratelimit-remaining`: requests left in the current window. */
  remaining?: number;
  /** `x-ratelimit-reset`: milliseconds until the window frees (the header is in seconds). */
  resetMs?: number;
  /** `Retry-After` in milliseconds, from seconds or an HTTP date. */
  retryAfterMs?: number;
}

function numberHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Parses `Retry-After` (seconds or an HTTP date) into milliseconds from `now`.
 *
 * @example
 * parseRetryAfter('2', Date.now()); // 2000
 */
export function parseRetryAfter(raw: string | null, now: number): number | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Reads Pipedrive's rate-limit headers from a response.
 *
 * @example
 * const info = readRateLimitHeaders(response.headers); // { limit: 20, remaining: 3, resetMs: 1000 }
 */
export function readRateLimitHeaders(headers: Headers, now = Date.now()): RateLimitInfo {
  const info: RateLimitInfo = {};
  const limit = numberHeader(headers, 'x-ratelimit-limit');
  const remaining = numberHeader(headers, 'x-ratelimit-remaining');
  const reset = numberHeader(headers, 'x-ratelimit-reset');
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
  if (limit !== undefined && limit > 0) info.limit = limit;
  if (remaining !== undefined) info.remaining = remaining;
  if (reset !== undefined) info.resetMs = reset * 1000;
  if (retryAfter !== undefined) info.retryAfterMs = retryAfter;
  return info;
}
