import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Pacer } from '../../src/http/pacer.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Acquires `count` slots one after another; returns when each was granted, relative to the start. */
async function grantTimes(pacer: Pacer, count: number): Promise<number[]> {
  const start = Date.now();
  const times: number[] = [];
  const run = (async () => {
    for (let i = 0; i < count; i += 1) {
      await pacer.acquire();
      times.push(Date.now() - start);
    }
  })();
  await vi.runAllTimersAsync();
  await run;
  return times;
}

/** Largest number of grants inside any window of `windowMs`. */
function busiestWindow(times: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0; i < times.length; i += 1) {
    best = Math.max(best, times.filter((t) => t >= times[i]! && t < times[i]! + windowMs).length);
  }
  return best;
}

describe('Pacer', () => {
  it('keeps a forced 2 requests/s over 10 requests', async () => {
    const pacer = new Pacer({ requestsPerSecond: 2 });
    const times = await grantTimes(pacer, 10);
    expect(times[0]).toBe(0);
    for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(500);
    expect(times.at(-1)).toBeLessThanOrEqual(4600);
    expect(busiestWindow(times, 1000)).toBeLessThanOrEqual(2);
  });

  it('ignores advertised limits when the rate is forced', async () => {
    const pacer = new Pacer({ requestsPerSecond: 2 });
    pacer.observe({ limit: 100, remaining: 99, resetMs: 2000 }, 200);
    expect(pacer.requestsPerSecond).toBe(2);
  });

  it('starts at 2 requests/s and adapts up to the advertised x-ratelimit-limit with headroom', async () => {
    const pacer = new Pacer();
    expect(pacer.requestsPerSecond).toBe(2);
    pacer.observe({ limit: 40, remaining: 39, resetMs: 2000 }, 200);
    expect(pacer.requestsPerSecond).toBeCloseTo(19, 5);
    const times = await grantTimes(pacer, 60);
    expect(busiestWindow(times, 2000)).toBeLessThanOrEqual(39);
    expect(busiestWindow(times, 2000)).toBeGreaterThanOrEqual(36);
  });

  it('adapts down when the advertised limit is lower', async () => {
    const pacer = new Pacer({ initialRequestsPerSecond: 20 });
    pacer.observe({ limit: 20, remaining: 19 }, 200);
    expect(pacer.requestsPerSecond).toBeCloseTo(9.5, 5);
  });

  it('holds every request until the window resets when x-ratelimit-remaining reaches 0', async () => {
    const waits: number[] = [];
    const pacer = new Pacer({ requestsPerSecond: 100 }, (e) => e.type === 'rate_limit_wait' && waits.push(e.waitMs));
    await grantTimes(pacer, 1);
    pacer.observe({ limit: 20, remaining: 0, resetMs: 1500 }, 200);
    const times = await grantTimes(pacer, 1);
    expect(times[0]).toBeGreaterThanOrEqual(1500);
    expect(waits).toEqual([1500]);
  });

  it('rejects a pacing wait with the signal reason', async () => {
    const pacer = new Pacer({ requestsPerSecond: 0.1 });
    await grantTimes(pacer, 1);
    const controller = new AbortController();
    const pending = pacer.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
