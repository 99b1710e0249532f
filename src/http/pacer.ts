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
 * One pacer per client, shared by every stream and page: requests are spaced evenly at the current rate,
 * the rate follows `x-ratelimit-limit`, and everyone waits when the window is spent or the server said 429.
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
  private pauseUntil = 0;
  private readonly onEvent: EventListener | undefined;

  constructor(options: RateLimitOptions = {}, onEvent?: EventListener) {
    this.fixed = options.requestsPerSecond !== undefined;
    this.headroom = options.headroom ?? 0.95;
    this.maxRate = options.maxRequestsPerSecond ?? 50;
    this.rate = options.requestsPerSecond ?? options.initialRequestsPerSecond ?? 2;
    this.throttled = this.makeThrottle(this.rate);
    this.onEvent = onEvent;
  }

  /** The current rate in requests per second. */
  get requestsPerSecond(): number {
    return this.rate;
  }

  /** Waits until the next request may be sent. Rejects with the signal's reason when it aborts. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (let wait = this.pauseUntil - Date.now(); wait > 0; wait = this.pauseUntil - Date.now()) {
      await sleep(wait, signal);
    }
    if (signal?.aborted) throw signal.reason;
    const slot = this.throttled();
    if (!signal) return slot;
    await new Promise<void>((resolve, reject) => {
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

  /** Feeds the rate-limit headers of a response into the pacer. */
  observe(info: RateLimitInfo, status: number): void {
    if (!this.fixed && info.limit !== undefined) {
      const target = Math.min(this.maxRate, (info.limit / (WINDOW_MS / 1000)) * this.headroom);
      if (Math.abs(target - this.rate) > 1e-9) {
        this.rate = target;
        this.throttled = this.makeThrottle(target);
      }
    }
    if (status !== 429 && info.remaining === 0) {
      this.pauseFor(info.resetMs ?? WINDOW_MS / Math.max(1, info.limit ?? 1), 'window spent');
    }
  }

  /** Holds every request of the client back for `ms` (after a 429, for example). */
  pauseFor(ms: number, reason: string): void {
    const until = Date.now() + ms;
    if (until <= this.pauseUntil) return;
    this.pauseUntil = until;
    try {
      this.onEvent?.({ type: 'rate_limit_wait', waitMs: ms, reason, requestsPerSecond: this.rate });
    } catch {
      // listeners must not break the pacer
    }
  }

  private makeThrottle(rate: number): () => Promise<void> {
    const throttled = pThrottle({ limit: 1, interval: 1000 / rate, strict: true })(async () => undefined);
    return () => throttled();
  }
}
