import pThrottle from 'p-throttle';
import { sleep } from './abortable-sleep.js';
import type { EventListener } from './events.js';
import type { RateLimitInfo } from './rate-limit-headers.js';

/**
 * How the client paces its requests.
 *
 * @example
 * new Pipedrive({ apiToken, domain, rateLimit: { requestsPerSecond: 2 } }); // fixed, like Sling
 */
export interface RateLimitOptions {
  /**
   * Force a fixed rate in requests per second; the pacer then no longer adapts to the headers
   * (it still waits when the server answers 429).
   */
  requestsPerSecond?: number;
  /**
   * Rate used until the first response tells the real limit.
   * @default 2
   */
  initialRequestsPerSecond?: number;
  /**
   * Share of the advertised limit (`x-ratelimit-limit` per 2 s) the pacer may use.
   * @default 0.95
   */
  headroom?: number;
  /**
   * Never go faster than this, whatever the server advertises.
   * @default 50
   */
  maxRequestsPerSecond?: number;
}

/** Burst windows of Pipedrive's rate limit are 2 seconds long. */
const WINDOW_MS = 2000;

/**
 * Margin on the server's window for this pacer's own bookkeeping: requests reach the server a little
 * bunched up (network, a busy server), so the pacer counts its sends over a slightly longer window. A burst
 * 429 doubles the margin (up to {@link MAX_SLACK_MS}); every answer that leaves room in the window takes a
 * millisecond off again.
 */
const WINDOW_SLACK_MS = 150;
const MAX_SLACK_MS = 1000;

/** Why a waiter of a replaced throttle is released: it queues again at the new rate. */
const RATE_CHANGED = Symbol('rate changed');

/**
 * One pacer per client, shared by every stream and page: requests are spaced evenly at the current rate,
 * the rate follows `x-ratelimit-limit` (waiting requests move to the new rate at once), no more than the
 * limit of this pacer's own requests go out within one window (plus a margin), and everyone waits when
 * someone else spent the window or the server said 429.
 *
 * @example
 * const pacer = new Pacer({ requestsPerSecond: 2 });
 * await pacer.acquire(signal); // resolves when the next request may go
 */
export class Pacer {
  private readonly fixed: boolean;
  private readonly headroom: number;
  private readonly maxRate: number;
  private rate: number;
  private throttled: () => Promise<void>;
  /** Releases the waiters of the current throttle (when the rate changes). */
  private release: AbortController;
  private pauseUntil = 0;
  /** When this pacer let its recent requests go, oldest first (the last two windows' worth). */
  private readonly sent: number[] = [];
  /** The last `x-ratelimit-limit` seen (requests per 2 s window), 0 until one is. */
  private windowLimit = 0;
  /** The current margin on the window (see {@link WINDOW_SLACK_MS}). */
  private slackMs = WINDOW_SLACK_MS;
  private readonly onEvent: EventListener | undefined;

  constructor(options: RateLimitOptions = {}, onEvent?: EventListener) {
    this.fixed = options.requestsPerSecond !== undefined;
    this.headroom = options.headroom ?? 0.95;
    this.maxRate = options.maxRequestsPerSecond ?? 50;
    this.rate = options.requestsPerSecond ?? options.initialRequestsPerSecond ?? 2;
    this.release = new AbortController();
    this.throttled = this.makeThrottle(this.rate, this.release.signal);
    this.onEvent = onEvent;
  }

  /** The current rate in requests per second. */
  get requestsPerSecond(): number {
    return this.rate;
  }

  /**
   * Waits until the next request may be sent: after any pause, in its turn at the current rate, and (when
   * the rate follows the headers) never as the (limit + 1)th request of this pacer inside one window: timers
   * that fire late can release two turns at once, and this keeps such a bunch from overfilling the server's
   * window. Rejects with the signal's reason when it aborts.
   */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      for (let wait = this.pauseUntil - Date.now(); wait > 0; wait = this.pauseUntil - Date.now()) {
        await sleep(wait, signal);
      }
      if (signal?.aborted) throw signal.reason;
      try {
        await this.slot(signal);
      } catch (error) {
        // the rate changed while this request waited: queue again at the new rate
        if (error === RATE_CHANGED) continue;
        throw error;
      }
      for (let wait = this.windowWait(Date.now()); wait > 0; wait = this.windowWait(Date.now())) {
        await sleep(wait, signal);
      }
      // a pause may have begun while this request waited
      if (this.pauseUntil > Date.now()) continue;
      this.noteSent(Date.now());
      return;
    }
  }

  /** Milliseconds until one more request keeps this pacer's own sends within the window's limit. */
  private windowWait(now: number): number {
    const limit = this.windowLimit;
    if (this.fixed || limit < 1 || this.sent.length < limit) return 0;
    return this.sent[this.sent.length - limit]! + WINDOW_MS + this.slackMs - now;
  }

  private slot(signal: AbortSignal | undefined): Promise<void> {
    const slot = this.throttled();
    if (!signal) return slot;
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      slot.then(
        () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  private noteSent(now: number): void {
    this.sent.push(now);
    const keep = Math.max(1, 2 * this.windowLimit);
    if (this.sent.length > keep) this.sent.splice(0, this.sent.length - keep);
  }

  /**
   * Feeds the rate-limit headers of a response into the pacer. When `x-ratelimit-remaining` reaches 0 because
   * this pacer's own requests filled the window (its last `limit` sends went out within one window), the
   * window guard of {@link acquire} already holds the next request until the oldest of them has left, usually
   * a fraction of a second; otherwise (someone else uses the same token, or the rate is fixed) everyone waits
   * for `x-ratelimit-reset`.
   */
  observe(info: RateLimitInfo, status: number): void {
    if (info.limit !== undefined && info.limit >= 1) this.windowLimit = Math.floor(info.limit);
    if (status === 429 && info.remaining === 0) this.slackMs = Math.min(MAX_SLACK_MS, this.slackMs * 2);
    else if (info.remaining !== undefined && info.remaining > 0) this.slackMs = Math.max(WINDOW_SLACK_MS, this.slackMs - 1);
    if (!this.fixed && info.limit !== undefined) {
      const target = Math.min(this.maxRate, (info.limit / (WINDOW_MS / 1000)) * this.headroom);
      if (Math.abs(target - this.rate) > 1e-9) {
        this.rate = target;
        const previous = this.release;
        this.release = new AbortController();
        this.throttled = this.makeThrottle(target, this.release.signal);
        previous.abort(RATE_CHANGED);
      }
    }
    if (status !== 429 && info.remaining === 0 && !this.filledWindow()) {
      this.pauseFor(info.resetMs ?? WINDOW_MS / Math.max(1, info.limit ?? 1), 'window spent');
    }
  }

  /** Whether `windowLimit` of this pacer's recent sends went out within one window (slack included). */
  private filledWindow(): boolean {
    const limit = this.windowLimit;
    if (this.fixed || limit < 1) return false;
    for (let last = this.sent.length - 1; last >= limit - 1; last -= 1) {
      if (this.sent[last]! - this.sent[last - limit + 1]! <= WINDOW_MS + this.slackMs) return true;
    }
    return false;
  }

  /** Holds every request of the client back for `ms` (after a 429, for example). */
  pauseFor(ms: number, reason: string): void {
    if (!(ms > 0)) return;
    const until = Date.now() + ms;
    if (until <= this.pauseUntil) return;
    this.pauseUntil = until;
    try {
      this.onEvent?.({ type: 'rate_limit_wait', waitMs: ms, reason, requestsPerSecond: this.rate });
    } catch {
      // listeners must not break the pacer
    }
  }

  private makeThrottle(rate: number, signal: AbortSignal): () => Promise<void> {
    const throttled = pThrottle({ limit: 1, interval: 1000 / rate, strict: true, signal })(async () => undefined);
    return () => throttled();
  }
}
