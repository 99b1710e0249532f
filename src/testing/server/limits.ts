/**
 * Pipedrive's limits: a rolling 2-second burst window per token (with its headers), the company's daily token
 * budget, and the Cloudflare block of a token that keeps calling after 429s. All off unless configured.
 */
import { DAY_MS } from '../internal/time.js';

/**
 * The burst limit.
 *
 * @example
 * createFakePipedrive({ dataset, rateLimit: { requestsPer2s: 20 } });
 */
export interface RateLimitOptions {
  /** Requests allowed per token in any rolling 2-second window (Pipedrive: 20 / 40 / 100 / 120 by plan). */
  requestsPer2s: number;
}

/**
 * All limit options.
 *
 * @example
 * new Limiter({ rateLimit: { requestsPer2s: 20 }, dailyTokenBudget: 30_000, cloudflareBlockAfter: 10 });
 */
export interface LimitOptions {
  /**
   * Burst window.
   * @default undefined (off)
   */
  rateLimit?: RateLimitOptions;
  /**
   * Tokens per UTC day.
   * @default undefined (off)
   */
  dailyTokenBudget?: number;
  /**
   * Send `Retry-After` (seconds) on rate-limit and budget 429s. Pipedrive does not document it.
   * @default false
   */
  retryAfterHeader?: boolean;
  /**
   * Block a token with a Cloudflare 403 after this many 429s in a row.
   * @default undefined (off)
   */
  cloudflareBlockAfter?: number;
  /**
   * How long a Cloudflare block lasts (fake-clock ms). Pipedrive does not say; ten minutes here.
   * @default 600000
   */
  cloudflareBlockMs?: number;
}

/**
 * What the limiter decided for a request.
 *
 * @example
 * if (limiter.admit(token, now).kind === 'burst') return burstLimited();
 */
export type Admission =
  | { kind: 'ok'; headers: Record<string, string> }
  | { kind: 'burst'; headers: Record<string, string> }
  | { kind: 'daily'; headers: Record<string, string> }
  | { kind: 'blocked' };

/**
 * Length of the burst window.
 *
 * @example
 * const frees = oldest + WINDOW_MS;
 */
export const WINDOW_MS = 2000;

interface TokenState {
  window: number[];
  consecutive429: number;
  blockedUntil: number;
}

/**
 * Tracks the limits of one fake server.
 *
 * @example
 * const limiter = new Limiter({ rateLimit: { requestsPer2s: 2 } });
 * limiter.admit('t', Date.now()).kind; // 'ok'
 */
export class Limiter {
  private readonly tokens = new Map<string, TokenState>();
  private budgetDay = Number.NaN;
  private spentToday = 0;

  constructor(private readonly options: LimitOptions) {}

  /** Decides whether a request of `token` at `now` goes through. Admitted requests take a slot in the window. */
  admit(token: string, now: number): Admission {
    const state = this.state(token);
    if (state.blockedUntil > now) return { kind: 'blocked' };
    const rate = this.options.rateLimit;
    if (rate) {
      while (state.window.length > 0 && (state.window[0] as number) <= now - WINDOW_MS) state.window.shift();
      if (state.window.length >= rate.requestsPer2s) {
        const headers = this.rateHeaders(state, rate.requestsPer2s, now);
        if (this.options.retryAfterHeader) headers['retry-after'] = headers['x-ratelimit-reset'] as string;
        return { kind: 'burst', headers };
      }
      state.window.push(now);
    }
    const headers = rate ? this.rateHeaders(state, rate.requestsPer2s, now) : {};
    const budget = this.options.dailyTokenBudget;
    if (budget !== undefined) {
      this.rollDay(now);
      if (this.spentToday >= budget) {
        if (this.options.retryAfterHeader) headers['retry-after'] = String(Math.ceil(((Math.floor(now / DAY_MS) + 1) * DAY_MS - now) / 1000));
        return { kind: 'daily', headers };
      }
    }
    return { kind: 'ok', headers };
  }

  /** Charges an answered request's token cost to the daily budget. */
  charge(cost: number, now: number): void {
    this.rollDay(now);
    this.spentToday += cost;
  }

  /** Tokens spent today (resets at UTC midnight of the fake clock). */
  spent(now: number): number {
    this.rollDay(now);
    return this.spentToday;
  }

  /** Records the status a token got; too many 429s in a row block it. */
  settle(token: string, status: number, now: number): void {
    const state = this.state(token);
    if (status !== 429) {
      state.consecutive429 = 0;
      return;
    }
    state.consecutive429++;
    const after = this.options.cloudflareBlockAfter;
    if (after !== undefined && state.consecutive429 >= after) {
      state.blockedUntil = now + (this.options.cloudflareBlockMs ?? 600_000);
      state.consecutive429 = 0;
    }
  }

  private state(token: string): TokenState {
    let state = this.tokens.get(token);
    if (!state) {
      state = { window: [], consecutive429: 0, blockedUntil: Number.NEGATIVE_INFINITY };
      this.tokens.set(token, state);
    }
    return state;
  }

  private rollDay(now: number): void {
    const day = Math.floor(now / DAY_MS);
    if (day !== this.budgetDay) {
      this.budgetDay = day;
      this.spentToday = 0;
    }
  }

  private rateHeaders(state: TokenState, limit: number, now: number): Record<string, string> {
    const oldest = state.window[0];
    const reset = oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - state.window.length)),
      'x-ratelimit-reset': String(reset),
    };
  }
}
