import { afterEach, describe, expect, it } from 'vitest';
import type { PipedriveEvent } from '../../src/index.js';
import { startFake, type FakeSetup } from '../support/fake.js';

let setup: FakeSetup | undefined;
afterEach(async () => {
  await setup?.close();
  setup = undefined;
});

describe('pacing against the fake Pipedrive with a rate limit', () => {
  it('adapts from 2 requests/s up to the advertised limit without a 429', async () => {
    setup = await startFake({ seed: 5, counts: { deals: 400 } }, { rateLimit: { requestsPer2s: 20 } });
    const events: PipedriveEvent[] = [];
    const pd = setup.client({ rateLimit: undefined, onEvent: (e) => events.push(e) });
    expect(pd.requestsPerSecond).toBe(2);
    const deals = await pd.deals({ pageSize: 10, archived: 'exclude' }).toArray();
    const requests = setup.fake.requests;
    expect(deals.length).toBeGreaterThan(300);
    expect(requests.length).toBeGreaterThan(30);
    expect(requests.filter((r) => r.status === 429)).toHaveLength(0);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(0);
    // after the first response the pacer follows x-ratelimit-limit (20 per 2 s, 95% => 9.5/s), not the initial 2/s
    expect(pd.requestsPerSecond).toBeCloseTo(9.5, 5);
  });

  it('waits for x-ratelimit-reset after a burst 429 from a shared token, then goes on', async () => {
    setup = await startFake({ seed: 6, counts: { deals: 200 } }, { rateLimit: { requestsPer2s: 5 } });
    const events: PipedriveEvent[] = [];
    // a fixed rate above the limit, as when another integration shares the token
    const pd = setup.client({ rateLimit: { requestsPerSecond: 20 }, onEvent: (e) => events.push(e) });
    const deals = await pd.deals({ pageSize: 20, archived: 'exclude' }).toArray();
    expect(deals.length).toBeGreaterThan(150);
    const waits = events.filter((e) => e.type === 'rate_limit_wait');
    expect(waits.length).toBeGreaterThan(0);
    expect(setup.fake.requests.filter((r) => r.status === 429).length).toBeLessThanOrEqual(events.filter((e) => e.type === 'retry').length);
  });
});
