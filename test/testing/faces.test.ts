import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataset, createFakePipedrive, type FakePipedrive, type ListeningServer } from '../../src/testing/index.js';

const ORIGIN = 'https://acme.pipedrive.com';
const dataset = createDataset({ seed: 21, now: '2025-06-01T00:00:00Z', counts: { deals: 300 } });
const headers = { 'x-api-token': 'test-token' };

/** Two fakes over one dataset, so both faces see the same state and each its own limits. */
const httpFake = createFakePipedrive({ dataset, clock: '2025-06-01T12:00:00Z' });
const mswFake = createFakePipedrive({ dataset, clock: '2025-06-01T12:00:00Z' });
let server: ListeningServer;

beforeAll(async () => {
  server = await httpFake.listen();
});
afterAll(async () => {
  await server.close();
});

/** Runs `fn` with msw intercepting `handlers` (one msw server at a time; others bypass to the network). */
async function withMsw<T>(handlers: ReturnType<FakePipedrive['handlers']>, fn: () => Promise<T>): Promise<T> {
  const msw = setupServer(...handlers);
  msw.listen({ onUnhandledRequest: 'bypass' });
  try {
    return await fn();
  } finally {
    msw.close();
  }
}

describe('the two faces', () => {
  it('give identical statuses, headers and bodies', async () => {
    const paths = [
      '/api/v2/deals?limit=50',
      '/api/v2/deals?limit=3&sort_by=update_time&sort_direction=desc&include_option_labels=true',
      '/api/v2/deals/archived',
      '/api/v1/leads?limit=5&start=5',
      '/v1/notes?sort=update_time%20ASC&limit=3',
      '/api/v1/users',
      '/api/v2/dealFields?include_fields=ui_visibility',
      '/api/v2/deals?limit=1000',
      '/api/v2/nowhere',
    ];
    const answers = async (origin: string) => {
      const out: Array<[number, string | null, string]> = [];
      for (const path of paths) {
        const res = await fetch(`${origin}${path}`, { headers });
        out.push([res.status, res.headers.get('content-type'), await res.text()]);
      }
      return out;
    };
    const viaHttp = await answers(server.url);
    const viaMsw = await withMsw(mswFake.handlers(ORIGIN), () => answers(ORIGIN));
    expect(viaMsw).toEqual(viaHttp);
    expect(viaHttp.map(([status]) => status)).toEqual([200, 200, 200, 200, 200, 200, 200, 400, 404]);
    const unauthorised = await withMsw(mswFake.handlers(ORIGIN), () => fetch(`${ORIGIN}/api/v2/deals`));
    expect(unauthorised.status).toBe(401);
  });

  it('msw handlers without an origin match any host; with one, only that host', async () => {
    const anyHost = createFakePipedrive({ dataset });
    await withMsw(anyHost.handlers(), async () => {
      const res = await fetch('https://other-company.pipedrive.com/v1/users', { headers });
      expect(res.status).toBe(200);
      expect((await res.json()).data).toHaveLength(dataset.count('users'));
    });
    // A catch-all after the scoped handlers shows which requests they left alone (no network involved).
    const scoped = [...anyHost.handlers(ORIGIN), http.get('*', () => new Response('unmatched', { status: 599 }))];
    await withMsw(scoped, async () => {
      expect((await fetch(`${ORIGIN}/api/v1/users`, { headers })).status).toBe(200);
      expect((await fetch('https://other-company.pipedrive.com/api/v1/users', { headers })).status).toBe(599);
    });
  });

  it('listen() serves on 127.0.0.1 and close() stops it', async () => {
    const extra = await httpFake.listen();
    expect(extra.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${extra.url}/api/v1/currencies`, { headers })).status).toBe(200);
    await extra.close();
    await expect(fetch(`${extra.url}/api/v1/currencies`, { headers })).rejects.toThrow();
  });
});

describe('faults', () => {
  type Face = 'http' | 'msw';
  const faulty = (kinds: Array<'500' | '502' | '503' | 'reset' | 'truncated' | '429'>, extra: object = {}): FakePipedrive =>
    createFakePipedrive({ dataset, faults: { seed: 1, rate: 1, kinds, ...extra } });
  /** Reads the whole body now; a body that breaks off is reported as `failed` instead of thrown. */
  async function settle(res: Response): Promise<Response & { failed?: Error }> {
    try {
      return new Response(await res.arrayBuffer(), { status: res.status, headers: res.headers });
    } catch (error) {
      return Object.assign(res, { failed: error as Error });
    }
  }
  async function call(fake: FakePipedrive, face: Face, path: string): Promise<Response & { failed?: Error }> {
    if (face === 'msw') return withMsw(fake.handlers('https://faults.pipedrive.com'), async () => settle(await fetch(`https://faults.pipedrive.com${path}`, { headers })));
    const s = await fake.listen();
    try {
      return await settle(await fetch(`${s.url}${path}`, { headers }));
    } finally {
      await s.close();
    }
  }

  it.each(['http', 'msw'] as const)('%s: 500 and 503 are JSON errors, 502 an HTML page', async (face) => {
    for (const [kind, type] of [
      ['500', 'application/json'],
      ['503', 'application/json'],
      ['502', 'text/html'],
    ] as const) {
      const res = await call(faulty([kind]), face, '/api/v2/deals');
      expect(res.status).toBe(Number(kind));
      expect(res.headers.get('content-type')).toContain(type);
    }
  });

  it.each(['http', 'msw'] as const)('%s: reset sends headers and part of the body, then the body fails', async (face) => {
    const res = await call(faulty(['reset']), face, '/api/v2/deals?limit=100');
    expect(res.status).toBe(200);
    expect(res.failed).toBeInstanceOf(Error);
  });

  it.each(['http', 'msw'] as const)('%s: truncated is a complete-looking 200 whose JSON does not parse', async (face) => {
    const res = await call(faulty(['truncated']), face, '/api/v2/deals?limit=100');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.endsWith('}')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('429 faults come in bursts, then requests go through', () => {
    const fake = faulty(['429'], { burstLength: 3, paths: { '/api/v2/persons': { rate: 0 } } });
    const statuses = ['/api/v2/deals', '/api/v2/persons', '/api/v2/persons', '/api/v2/persons'].map(
      (path) => fake.handle({ method: 'GET', url: path, header: (n) => (n === 'x-api-token' ? 'test-token' : undefined) }).status,
    );
    expect(statuses).toEqual([429, 429, 429, 200]);
  });

  it('is seeded: same seed, same faults; skipFirst keeps the first requests clean; rules per path apply', () => {
    const sequence = (seed: number, extra: object = {}) => {
      const fake = createFakePipedrive({ dataset, faults: { seed, rate: 0.3, kinds: ['500', '503', 'truncated'], ...extra } });
      return Array.from({ length: 60 }, () => fake.handle({ method: 'GET', url: '/api/v1/users', header: () => 'test-token' })).map((r) => `${r.status}:${r.body.length}`);
    };
    expect(sequence(1)).toEqual(sequence(1));
    expect(sequence(1)).not.toEqual(sequence(2));
    expect(sequence(1).filter((s) => !s.startsWith('200')).length).toBeGreaterThan(5);
    expect(sequence(1, { skipFirst: 10 }).slice(0, 10).every((s) => s.startsWith('200'))).toBe(true);
    expect(sequence(1, { paths: { '/api/v1/users': { rate: 0 } } }).every((s) => s.startsWith('200'))).toBe(true);
    const log = createFakePipedrive({ dataset, faults: { rate: 1, kinds: ['503'] } });
    log.handle({ method: 'GET', url: '/api/v1/users', header: () => 'test-token' });
    expect(log.requests[0]).toMatchObject({ status: 503, fault: '503', tokenCost: 0 });
  });
});

describe('latency', () => {
  it('delays responses by ms plus seeded jitter, on both faces', async () => {
    const delays = (seed: number) => {
      const fake = createFakePipedrive({ dataset, latency: { ms: 20, jitterMs: 30, seed } });
      return Array.from({ length: 20 }, () => fake.handle({ method: 'GET', url: '/api/v1/users', header: () => 'test-token' }).delayMs);
    };
    expect(delays(3)).toEqual(delays(3));
    expect(delays(3).every((d) => d >= 20 && d <= 50)).toBe(true);
    expect(new Set(delays(3)).size).toBeGreaterThan(1);

    const slow = createFakePipedrive({ dataset, latency: { ms: 60 } });
    const timed = async (url: string) => {
      const started = performance.now();
      expect((await fetch(url, { headers })).status).toBe(200);
      return performance.now() - started;
    };
    const s = await slow.listen();
    try {
      // Generous sanity bounds only.
      expect(await timed(`${s.url}/api/v1/users`)).toBeGreaterThanOrEqual(50);
    } finally {
      await s.close();
    }
    expect(await withMsw(slow.handlers('https://slow.pipedrive.com'), () => timed('https://slow.pipedrive.com/api/v1/users'))).toBeGreaterThanOrEqual(50);
  });
});
