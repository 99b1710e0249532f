import ky, { type KyInstance } from 'ky';
import {
  DailyBudgetExceededError,
  NetworkError,
  PipedriveError,
  RateLimitError,
  ResponseValidationError,
  TimeoutError,
  type RequestInfo,
} from '../errors.js';
import { sleep } from './abortable-sleep.js';
import type { Auth } from './auth.js';
import { errorFromResponse, isHtml } from './error-from-response.js';
import type { EventListener, PipedriveEvent } from './events.js';
import type { Pacer } from './pacer.js';
import { readRateLimitHeaders } from './rate-limit-headers.js';
import { redact } from './redact.js';
import { backoffDelay, type ResolvedRetryOptions } from './retry-policy.js';
import type { TokenBudget } from './token-budget.js';

/** Query parameters of a request; `undefined` values are left out. */
export type Query = Record<string, string | number | boolean | undefined>;

/** Counts the requests and tokens of one consumer (a sync stream, say); the transport adds to it. */
export interface Meter {
  requests: number;
  tokens: number;
}

/** Per-call options of {@link Transport.get}. */
export interface CallOptions {
  /** Tokens one attempt costs. */
  tokenCost: number;
  signal?: AbortSignal;
  /** Counts this call's requests and tokens. */
  meter?: Meter;
  /**
   * Checks a parsed 2xx body; a returned message makes the attempt fail as retryable (a body cut short by
   * a proxy can still be valid JSON), and the last attempt's failure a ResponseValidationError with it.
   */
  check?: (body: unknown) => { message: string; path?: string } | undefined;
}

/** A successful response: status, headers and the parsed JSON body. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Everything a {@link Transport} needs; built by the client. */
export interface TransportOptions {
  /** Origin such as `https://mycompany.pipedrive.com`. */
  origin: string;
  auth: Auth;
  pacer: Pacer;
  budget: TokenBudget;
  retry: ResolvedRetryOptions;
  /** Per-attempt timeout in milliseconds, covering headers and body. */
  timeoutMs: number;
  fetch?: typeof globalThis.fetch;
  onEvent?: EventListener;
  /** The client-wide signal; combined with each call's own. */
  signal?: AbortSignal;
}

/** A failure that may go away when the request is tried again. */
interface Retryable {
  reason: string;
  /** The server's wait, when it gave one. */
  serverDelayMs?: number;
  /** The error to throw when no retry is left. */
  error: PipedriveError;
}

/**
 * Sends GET requests to Pipedrive: auth header, pacing, token accounting, timeouts, retries with
 * backoff, error mapping and redaction. One per client.
 *
 * @example
 * const { body } = await transport.get('/api/v2/deals', { limit: 500 }, { tokenCost: 10 });
 */
export class Transport {
  private readonly ky: KyInstance;

  constructor(private readonly options: TransportOptions) {
    this.ky = ky.create({
      prefixUrl: options.origin,
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      redirect: 'manual',
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  /** `text` with every secret of this client's credentials replaced by `[REDACTED]` (for messages built from response bodies). */
  redact(text: string): string {
    return redact(text, this.options.auth.secrets());
  }

  /** Tokens spent by this client so far. */
  get tokensSpent(): number {
    return this.options.budget.tokensSpent;
  }

  /** The pacer's current rate in requests per second. */
  get requestsPerSecond(): number {
    return this.options.pacer.requestsPerSecond;
  }

  /**
   * GETs `path` (such as `/api/v2/deals`) with `query`, retrying what can be retried.
   * Throws a {@link PipedriveError}, or the signal's reason when aborted.
   */
  async get(path: string, query: Query, call: CallOptions): Promise<ApiResponse> {
    const signal = combineSignals(this.options.signal, call.signal);
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
    const queryString = search.toString();
    const request: RequestInfo = { method: 'GET', path: queryString ? `${path}?${queryString}` : path };
    const { retry, pacer, budget } = this.options;
    let refreshed = false;

    for (let attempt = 1; ; attempt += 1) {
      budget.check(call.tokenCost);
      await pacer.acquire(signal);
      const outcome = await this.attempt(request, search, call, attempt, signal);
      if ('body' in outcome) return outcome;
      if ('fatal' in outcome) {
        if (outcome.fatal.status === 401 && !refreshed && (await this.options.auth.refresh())) {
          refreshed = true;
          continue;
        }
        throw outcome.fatal;
      }
      const failure = outcome.retryable;
      if (failure.serverDelayMs !== undefined && failure.serverDelayMs > retry.maxServerDelayMs) {
        throw new RateLimitError(
          `Pipedrive asked to wait ${Math.round(failure.serverDelayMs / 1000)} s before ${request.method} ${request.path}, longer than retry.maxServerDelayMs. Resume later from the last checkpoint.`,
          { status: failure.error.status, request, retryAfterMs: failure.serverDelayMs },
        );
      }
      if (attempt > retry.limit) throw failure.error;
      const delayMs = failure.serverDelayMs ?? backoffDelay(attempt, retry);
      if (failure.serverDelayMs !== undefined) pacer.pauseFor(delayMs, failure.reason);
      this.emit({ type: 'retry', method: 'GET', path: request.path, attempt, delayMs, reason: failure.reason });
      await sleep(delayMs, signal);
    }
  }

  private async attempt(
    request: RequestInfo,
    search: URLSearchParams,
    call: CallOptions,
    attempt: number,
    signal: AbortSignal | undefined,
  ): Promise<ApiResponse | { retryable: Retryable } | { fatal: PipedriveError }> {
    const { tokenCost, meter } = call;
    const secrets = this.options.auth.secrets();
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.options.timeoutMs);
    const attemptSignal = combineSignals(signal, timeout.signal)!;
    const started = Date.now();
    let status = 0;
    let emitted = false;
    try {
      const headers = await this.options.auth.headers();
      // Check and count the tokens in one synchronous step right before sending: Pipedrive charges a request
      // when it receives it, so streams sending side by side cannot overspend dailyTokenBudget together, and a
      // request aborted in flight (another stream hit an account error) still counts.
      this.options.budget.check(tokenCost);
      this.options.budget.spend(tokenCost);
      if (meter) {
        meter.requests += 1;
        meter.tokens += tokenCost;
      }
      const response = await this.ky.get(request.path.slice(1).split('?')[0]!, {
        searchParams: search,
        headers,
        signal: attemptSignal,
      });
      status = response.status;
      const info = readRateLimitHeaders(response.headers);
      this.options.pacer.observe(info, status);
      const text = await response.text();
      const spent = this.options.budget.noteStatus(status, info.remaining);
      this.emitRequest(request, status, started, tokenCost, attempt);
      emitted = true;

      if (status >= 200 && status < 300) {
        let body: unknown;
        try {
          body = JSON.parse(text) as unknown;
        } catch {
          const kind = isHtml(response.headers.get('content-type'), text) ? 'an HTML page' : 'a body that is not valid JSON';
          return {
            retryable: {
              reason: 'invalid JSON',
              error: new ResponseValidationError(
                `Pipedrive answered ${request.method} ${request.path} with ${kind} (status ${status}) on every attempt. Check baseUrl/domain; if it persists, the response was cut short by the network.`,
                { status, request },
              ),
            },
          };
        }
        const problem = call.check?.(body);
        if (problem !== undefined) {
          return {
            retryable: {
              reason: 'invalid response',
              error: new ResponseValidationError(`${request.method} ${request.path}: ${problem.message} on every attempt. Report this response; nothing after it was read.`, {
                status,
                request,
                ...(problem.path !== undefined ? { path: problem.path } : {}),
              }),
            },
          };
        }
        return { status, headers: response.headers, body };
      }
      if (status >= 300 && status < 400) {
        return {
          fatal: new NetworkError(
            `Pipedrive answered ${request.method} ${request.path} with a redirect (${status}); it is not followed so the token never reaches another host. Check the domain: use the company subdomain, e.g. "mycompany".`,
            { status, request },
          ),
        };
      }
      const error = errorFromResponse({
        status,
        body: text,
        contentType: response.headers.get('content-type'),
        request,
        secrets,
        ...(info.retryAfterMs !== undefined ? { retryAfterMs: info.retryAfterMs } : {}),
      });
      if (status === 429) {
        if (spent) {
          return {
            fatal: new DailyBudgetExceededError(
              `Pipedrive keeps answering 429 on ${request.method} ${request.path} although the burst window has requests left: the company's daily token budget is spent. It resets at midnight in the company's time zone; resume from the last checkpoint then.`,
              { status, request, tokensSpent: this.options.budget.tokensSpent },
            ),
          };
        }
        const serverDelayMs = info.retryAfterMs ?? info.resetMs;
        return { retryable: { reason: 'status 429', error, ...(serverDelayMs !== undefined ? { serverDelayMs } : {}) } };
      }
      if (status >= 500) {
        return {
          retryable: {
            reason: `status ${status}`,
            error,
            ...(info.retryAfterMs !== undefined ? { serverDelayMs: info.retryAfterMs } : {}),
          },
        };
      }
      return { fatal: error };
    } catch (caught) {
      if (signal?.aborted) throw signal.reason;
      // no request went out: the credential is unusable (an OAuth provider returned a malformed token) or the
      // client's dailyTokenBudget is reached; trying again cannot help
      if (caught instanceof PipedriveError) throw caught;
      if (!emitted) this.emitRequest(request, status, started, tokenCost, attempt);
      if (timeout.signal.aborted) {
        return {
          retryable: {
            reason: 'timeout',
            error: new TimeoutError(
              `${request.method} ${request.path} took longer than the timeout of ${this.options.timeoutMs} ms on every attempt. Raise the timeout option or lower pageSize.`,
              { request },
            ),
          },
        };
      }
      const what = caught instanceof Error ? caught.message : String(caught);
      return {
        retryable: {
          reason: 'network error',
          error: new NetworkError(
            redact(
              `${request.method} ${request.path} failed on every attempt: ${what}${status ? ` (status ${status}, body cut short)` : ''}. Check the network and the domain, then resume from the last checkpoint.`,
              secrets,
            ),
            { request, ...(status ? { status } : {}) },
          ),
        },
      };
    } finally {
      clearTimeout(timer);
    }
  }

  private emitRequest(request: RequestInfo, status: number, started: number, tokenCost: number, attempt: number): void {
    this.emit({
      type: 'request',
      method: request.method,
      path: request.path,
      status,
      durationMs: Date.now() - started,
      tokenCost,
      attempt,
    });
  }

  private emit(event: PipedriveEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // a listener's failure must not break the request
    }
  }
}

/**
 * One signal that aborts when any of the given ones does.
 *
 * @example
 * combineSignals(clientSignal, AbortSignal.timeout(1000));
 */
export function combineSignals(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}
