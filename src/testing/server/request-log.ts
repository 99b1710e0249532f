/** The bounded log of requests the fake answered. */

/**
 * How a request authenticated.
 *
 * @example
 * fake.requests.filter((r) => r.authHeader === 'bearer');
 */
export type AuthKind = 'x-api-token' | 'bearer' | 'query' | 'none';

/**
 * One answered request.
 *
 * @example
 * expect(fake.requests.every((r) => !r.tokenInQuery)).toBe(true);
 */
export interface RequestLogEntry {
  method: string;
  /** Path without the query string, e.g. `/api/v2/deals`. */
  path: string;
  /** Query parameters (last value wins); `api_token` is never stored. */
  query: Record<string, string>;
  status: number;
  /** Tokens charged to the daily budget (0 for failed requests). */
  tokenCost: number;
  /** The token came in the `api_token` query parameter. */
  tokenInQuery: boolean;
  /** Which credential the request carried. */
  authHeader: AuthKind;
  /** Fake-clock time of the request. */
  time: Date;
  /** Injected fault, if any. */
  fault?: string;
}

/**
 * A ring buffer keeping the last `capacity` entries.
 *
 * @example
 * const log = new RequestLog(10_000);
 */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  constructor(private readonly capacity: number) {}

  /** Appends an entry, dropping the oldest beyond capacity. */
  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity * 2) this.entries = this.entries.slice(-this.capacity);
  }

  /** The retained entries, oldest first. */
  list(): RequestLogEntry[] {
    return this.entries.length > this.capacity ? this.entries.slice(-this.capacity) : this.entries.slice();
  }

  /** Forgets everything. */
  clear(): void {
    this.entries = [];
  }
}
