/**
 * The error tree of pipedrive-extract. Every error the SDK throws is a {@link PipedriveError} with a
 * string `code`, so callers can `switch (error.code)` without `instanceof`. No message, `cause`,
 * property or `JSON.stringify` output of these errors contains the API token.
 */

/**
 * The string tag of every {@link PipedriveError} subclass.
 *
 * @example
 * switch ((error as PipedriveError).code) { case 'authentication': break; case 'daily_budget_exceeded': break; }
 */
export type PipedriveErrorCode =
  | 'authentication'
  | 'forbidden'
  | 'blocked'
  | 'not_found'
  | 'bad_request'
  | 'rate_limited'
  | 'daily_budget_exceeded'
  | 'server_error'
  | 'network_error'
  | 'timeout'
  | 'config'
  | 'response_validation';

/**
 * What an error knows about the request that caused it. The path never contains a secret.
 *
 * @example
 * console.error(error.request?.method, error.request?.path); // GET /api/v2/deals?limit=500
 */
export interface RequestInfo {
  /** HTTP method, e.g. `GET`. */
  method: string;
  /** Path and query, e.g. `/api/v2/deals?limit=500`. The token is never part of it. */
  path: string;
}

/**
 * Options shared by every {@link PipedriveError} constructor.
 *
 * @example
 * new ServerError('Pipedrive failed', { status: 503, request: { method: 'GET', path: '/api/v2/deals' } });
 */
export interface PipedriveErrorOptions {
  /** HTTP status of the response, when there was one. */
  status?: number;
  /** The request, without secrets. */
  request?: RequestInfo;
  /** The underlying error, already free of secrets. */
  cause?: unknown;
}

/**
 * Base class of every error the SDK throws.
 *
 * @example
 * try { await pd.deals().toArray(); }
 * catch (error) { if (error instanceof PipedriveError) console.error(error.code, error.message); }
 */
export class PipedriveError extends Error {
  /** A stable string tag for the kind of failure. */
  readonly code: PipedriveErrorCode;
  /** HTTP status, when the error comes from a response. */
  readonly status: number | undefined;
  /** Method and path of the failed request, without secrets. */
  readonly request: RequestInfo | undefined;

  constructor(code: PipedriveErrorCode, message: string, options: PipedriveErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status;
    this.request = options.request;
  }

  /** A plain, secret-free object for logs: `JSON.stringify(error)` gives it. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, status: this.status, request: this.request };
  }
}

/**
 * The token was refused (401). Check `apiToken`; OAuth tokens expire after 60 minutes.
 *
 * @example
 * if (error instanceof AuthenticationError) askForANewToken();
 */
export class AuthenticationError extends PipedriveError {
  constructor(message: string, options?: PipedriveErrorOptions) {
    super('authentication', message, options);
  }
}

/**
 * The token may not read this resource (403), or (with `code: 'blocked'`) Cloudflare blocked the token.
 *
 * @example
 * if (error instanceof ForbiddenError && error.code === 'blocked') stopAllJobsForThisToken();
 */
export class ForbiddenError extends PipedriveError {
  constructor(message: string, options?: PipedriveErrorOptions & { blocked?: boolean }) {
    super(options?.blocked ? 'blocked' : 'forbidden', message, options);
  }
}

/**
 * The endpoint or record does not exist (404 or 410).
 *
 * @example
 * if (error instanceof NotFoundError) console.error('Check the domain:', error.message);
 */
export class NotFoundError extends PipedriveError {
  constructor(message: string, options?: PipedriveErrorOptions) {
    super('not_found', message, options);
  }
}

/**
 * Pipedrive rejected the request as malformed or not allowed (400, 402, 422 and other 4xx). Not retried.
 *
 * @example
 * if (error instanceof BadRequestError) console.error(error.status, error.message);
 */
export class BadRequestError extends PipedriveError {
  constructor(message: string, options?: PipedriveErrorOptions) {
    super('bad_request', message, options);
  }
}

/**
 * Still rate limited (429) after every retry allowed by `retry.limit`.
 *
 * @example
 * if (error instanceof RateLimitError) setTimeout(run, error.retryAfterMs ?? 60_000);
 */
export class RateLimitError extends PipedriveError {
  /** How long the server asked to wait, when it said so. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options?: PipedriveErrorOptions & { retryAfterMs?: number }) {
    super('rate_limited', message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/**
 * The company's daily token budget is spent (or `dailyTokenBudget` would be overspent). Resume after the reset.
 *
 * @example
 * if (error instanceof DailyBudgetExceededError) console.log('resume after', error.resetsAt ?? 'midnight');
 */
export class DailyBudgetExceededError extends PipedriveError {
  /** Tokens this client spent before it stopped. */
  readonly tokensSpent: number;
  /** When the budget resets, if known. */
  readonly resetsAt: Date | undefined;

  constructor(message: string, options: PipedriveErrorOptions & { tokensSpent: number; resetsAt?: Date }) {
    super('daily_budget_exceeded', message, options);
    this.tokensSpent = options.tokensSpent;
    this.resetsAt = options.resetsAt;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), tokensSpent: this.tokensSpent, resetsAt: this.resetsAt?.toISOString() };
  }
}

/**
 * Pipedrive failed (5xx) on every attempt.
 *
 * @example
 * if (error instanceof ServerError) retryTheWholeJobLater();
 */
export class ServerError extends PipedriveError {
  constructor(message: string, options?: PipedriveErrorOptions) {
    super('server_error', message, options);
  }
}

/**
 * The connection failed, or the body was cut short, on every attempt.
 *
 * @example
 * if (error instanceof NetworkError) console.error('network:', error.message);
 */
export class NetworkError extends PipedriveError {
  constructor(message: string, options?: PipedriveErrorOptions) {
    super('network_error', message, options);
  }
}

/**
 * A request took longer than `timeout` on every attempt.
 *
 * @example
 * new Pipedrive({ apiToken, domain, timeout: 120_000 }); // allow slower pages
 */
export class TimeoutError extends PipedriveError {
  constructor(message: string, options?: PipedriveErrorOptions) {
    super('timeout', message, options);
  }
}

/**
 * The caller's options are invalid. Raised before any request is sent.
 *
 * @example
 * try { new Pipedrive({ apiToken: '', domain: 'x' }); } catch (e) { if (e instanceof ConfigError) usage(); }
 */
export class ConfigError extends PipedriveError {
  constructor(message: string) {
    super('config', message);
  }
}

/**
 * A response or a record does not have the shape Pipedrive documents.
 *
 * @example
 * if (error instanceof ResponseValidationError) console.error(error.stream, error.recordId, error.path);
 */
export class ResponseValidationError extends PipedriveError {
  /** Stream being read. */
  readonly stream: string | undefined;
  /** Primary key of the offending record, when the record has one. */
  readonly recordId: string | number | undefined;
  /** Path of the first offending value inside the record, e.g. `custom_fields.abc`. */
  readonly path: string | undefined;

  constructor(
    message: string,
    options: PipedriveErrorOptions & { stream?: string; recordId?: string | number; path?: string } = {},
  ) {
    super('response_validation', message, options);
    this.stream = options.stream;
    this.recordId = options.recordId;
    this.path = options.path;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), stream: this.stream, recordId: this.recordId, path: this.path };
  }
}

/**
 * True when `value` is a {@link PipedriveError}, optionally of the given code.
 *
 * @example
 * if (isPipedriveError(error, 'authentication')) refreshToken();
 */
export function isPipedriveError(value: unknown, code?: PipedriveErrorCode): value is PipedriveError {
  return value instanceof PipedriveError && (code === undefined || value.code === code);
}
