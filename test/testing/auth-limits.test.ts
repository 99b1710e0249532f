import { describe, expect, it } from 'vitest';
import { createDataset, createFakePipedrive } from '../../src/testing/index.js';
import { AUTH, get } from './helpers.js';

const dataset = createDataset({ seed: 5, now: '2025-06-01T00:00:00Z', counts: { deals: 50 } });
const UNAUTHORIZED = { success: false, error: 'unauthorized access', errorCode: 401, error_info: 'Please check developers.pipedrive.com' };

describe('authentication', () => {
  const fake = createFakePipedrive({ dataset });

  it('answers a missing or wrong token with Pipedrive\'s 401 body, on any path', () => {
    for (const [path, headers] of [
      ['/api/v2/deals', {}],
      ['/api/v2/deals', { 'x-api-token': 'wrong' }],
      ['/api/v1/users', { authorization: 'Bearer wrong' }],
      ['/api/v2/no-such-thing', {}],
      ['/api/v1/notes?api_token=wrong', {}],
    ] as const) {
      const answer = get(fake, path, headers);
      expect(answer.status, path).toBe(401);
      expect(answer.body).toEqual(UNAUTHORIZED);
    }
  });

  it('accepts the x-api-token header and OAuth bearer tokens, and logs which one was used', () => {
    fake.resetLog();
    expect(get(fake, '/api/v2/deals?limit=1', { 'X-Api-Token': 'test-token' }).status).toBe(200);
    expect(get(fake, '/api/v2/deals?limit=1', { Authorization: 'Bearer test-token' }).status).toBe(200);
    expect(fake.requests.map((r) => [r.authHeader, r.tokenInQuery])).toEqual([
      ['x-api-token', false],
      ['bearer', false],
    ]);
  });

  it('also accepts the legacy api_token query, flags it in the log and never stores the token', () => {
    fake.resetLog();
    expect(get(fake, '/api/v2/deals?limit=1&api_token=test-token', {}).status).toBe(200);
    const [entry] = fake.requests;
    expect(entry).toMatchObject({ method: 'GET', path: '/api/v2/deals', query: { limit: '1' }, status: 200, tokenCost: 10, tokenInQuery: true, authHeader: 'query' });
    expect(JSON.stringify(fake.requests)).not.toContain('test-token');
  });

  it('keeps a bounded log and can empty it', () => {
    const small = createFakePipedrive({ dataset, logLimit: 5 });
    for (let i = 0; i < 12; i++) get(small, `/api/v1/users?n=${i}`);
    expect(small.requests.map((r) => r.query['n'])).toEqual(['7', '8', '9', '10', '11']);
    expect(small.requests[0]?.time).toBeInstanceOf(Date);
    small.resetLog();
    expect(small.requests).toEqual([]);
  });

  it('refuses methods other than GET', () => {
    expect(get(fake, '/api/v2/deals', AUTH, 'POST').status).toBe(405);
  });
});

describe('burst rate limit', () => {
  it('sends x-ratelimit headers and answers 429 past the 2-second window, until the window frees', () => {
    const fake = createFakePipedrive({ dataset, rateLimit: { requestsPer2s: 3 }, clock: '2025-06-01T10:00:00Z' });
    const seen = [0, 1, 2].map(() => get(fake, '/api/v2/deals?limit=1'));
    expect(seen.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(seen.map((a) => a.headers['x-ratelimit-remaining'])).toEqual(['2', '1', '0']);
    expect(seen[0]?.headers).toMatchObject({ 'x-ratelimit-limit': '3', 'x-ratelimit-reset': '2' });
    fake.clock.advance(500);
    const limited = get(fake, '/api/v2/deals?limit=1');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ success: false, errorCode: 429 });
    expect(limited.headers).toMatchObject({ 'x-ratelimit-limit': '3', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2' });
    expect(limited.headers['retry-after']).toBeUndefined();
    expect(fake.requests.at(-1)?.tokenCost).toBe(0);
    fake.clock.advance(1500);
    expect(get(fake, '/api/v2/deals?limit=1').status).toBe(200);
  });

  it('adds Retry-After on 429 only when asked to', () => {
    const fake = createFakePipedrive({ dataset, rateLimit: { requestsPer2s: 1 }, retryAfterHeader: true, clock: '2025-06-01T10:00:00Z' });
    get(fake, '/api/v1/users');
    fake.clock.advance(800);
    expect(get(fake, '/api/v1/users').headers['retry-after']).toBe('2');
    const budget = createFakePipedrive({ dataset, dailyTokenBudget: 5, retryAfterHeader: true, clock: '2025-06-01T23:00:00Z' });
    get(budget, '/api/v1/users');
    const spent = get(budget, '/api/v1/users');
    expect(spent.status).toBe(429);
    expect(spent.headers['retry-after']).toBe('3600');
  });

  it('sends no rate-limit headers when limits are off', () => {
    const fake = createFakePipedrive({ dataset });
    expect(Object.keys(get(fake, '/api/v1/users').headers)).toEqual(['content-type']);
  });
});

describe('daily token budget', () => {
  it('charges each operation its token cost and answers 429 to everything once spent, while the burst window has room', () => {
    const fake = createFakePipedrive({ dataset, dailyTokenBudget: 45, rateLimit: { requestsPer2s: 100 }, clock: '2025-06-01T23:59:00Z' });
    expect(get(fake, '/api/v2/deals').status).toBe(200); // 10
    expect(get(fake, '/api/v2/deals/archived').status).toBe(200); // 20
    expect(get(fake, '/api/v1/leadLabels').status).toBe(200); // 10
    expect(get(fake, '/api/v2/pipelines').status).toBe(200); // 5
    expect(fake.tokensSpent()).toBe(45);
    const spent = get(fake, '/api/v2/stages');
    expect(spent.status).toBe(429);
    expect(spent.body).toEqual({ success: false, error: 'daily request budget exceeded', errorCode: 429 });
    expect(Number(spent.headers['x-ratelimit-remaining'])).toBeGreaterThan(0);
    expect(get(fake, '/api/v1/users').status).toBe(429);
    expect(fake.requests.map((r) => r.tokenCost)).toEqual([10, 20, 10, 5, 0, 0]);
    fake.clock.advance(60_000); // past UTC midnight
    expect(get(fake, '/api/v1/users').status).toBe(200);
    expect(fake.tokensSpent()).toBe(20);
  });
});

describe('Cloudflare block', () => {
  it('answers 403 with an HTML page after n 429s in a row, and lifts it later', () => {
    const fake = createFakePipedrive({ dataset, rateLimit: { requestsPer2s: 1 }, cloudflareBlockAfter: 3, clock: '2025-06-01T10:00:00Z' });
    expect(get(fake, '/api/v1/users').status).toBe(200);
    expect([1, 2, 3].map(() => get(fake, '/api/v1/users').status)).toEqual([429, 429, 429]);
    const blocked = get(fake, '/api/v1/users');
    expect(blocked.status).toBe(403);
    expect(blocked.headers['content-type']).toMatch(/^text\/html/);
    expect(blocked.body).toMatch(/^<!DOCTYPE html>/);
    expect(blocked.body).toContain('Cloudflare');
    expect(blocked.body).toContain('Access denied');
    fake.clock.advance(5_000);
    expect(get(fake, '/api/v1/users').status).toBe(403);
    fake.clock.advance(10 * 60_000);
    expect(get(fake, '/api/v1/users').status).toBe(200);
  });

  it('does not block when a success breaks the run of 429s', () => {
    const fake = createFakePipedrive({ dataset, rateLimit: { requestsPer2s: 1 }, cloudflareBlockAfter: 2, clock: '2025-06-01T10:00:00Z' });
    get(fake, '/api/v1/users');
    expect(get(fake, '/api/v1/users').status).toBe(429);
    fake.clock.advance(2000);
    expect(get(fake, '/api/v1/users').status).toBe(200);
    expect(get(fake, '/api/v1/users').status).toBe(429);
    fake.clock.advance(2000);
    expect(get(fake, '/api/v1/users').status).toBe(200);
  });
});
