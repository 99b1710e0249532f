import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  DailyBudgetExceededError,
  ForbiddenError,
  NetworkError,
  ServerError,
  TimeoutError,
  type PipedriveEvent,
} from '../../src/index.js';
import { testClient } from '../support/client.js';
import { ORIGIN, TOKEN } from '../support/list-server.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const STAGES = `${ORIGIN}/api/v2/stages`;
const ok = () => HttpResponse.json({ success: true, data: [{ id: 1, name: 'Lead in' }], additional_data: { next_cursor: null } });

/** Answers each request with the next responder; the last one repeats. Counts calls. */
function sequence(...responders: (() => Response | Promise<Response>)[]) {
  const state = { calls: 0 };
  server.use(
    http.get(STAGES, () => {
      const responder = responders[Math.min(state.calls, responders.length - 1)]!;
      state.calls += 1;
      return responder();
    }),
  );
  return state;
}

function collect() {
  const events: PipedriveEvent[] = [];
  return { events, onEvent: (event: PipedriveEvent) => events.push(event) };
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function expectNoToken(error: Error) {
  for (const text of [error.message, error.stack ?? '', JSON.stringify(error), String(error.cause ?? '')]) {
    expect(text).not.toContain(TOKEN);
  }
}

describe('retries', () => {
  it('retries a 429 after Retry-After seconds', async () => {
    const state = sequence(() => new HttpResponse(null, { status: 429, headers: { 'retry-after': '1' } }), ok);
    const { events, onEvent } = collect();
    const stages = await testClient({ onEvent }).stages().toArray();
    expect(stages).toHaveLength(1);
    expect(state.calls).toBe(2);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ delayMs: 1000, reason: 'status 429', attempt: 1 });
  });

  it('retries a 429 after x-ratelimit-reset seconds when there is no Retry-After', async () => {
    const state = sequence(() => new HttpResponse(null, { status: 429, headers: { 'x-ratelimit-reset': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '20' } }), ok);
    const { events, onEvent } = collect();
    await testClient({ onEvent }).stages().toArray();
    expect(state.calls).toBe(2);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ delayMs: 1000 });
    expect(events.find((e) => e.type === 'rate_limit_wait')).toMatchObject({ waitMs: 1000 });
  });

  it('reads Retry-After given as an HTTP date', async () => {
    sequence(() => new HttpResponse(null, { status: 429, headers: { 'retry-after': new Date(Date.now() + 1000).toUTCString() } }), ok);
    const { events, onEvent } = collect();
    await testClient({ onEvent }).stages().toArray();
    const retry = events.find((e) => e.type === 'retry');
    expect(retry?.type === 'retry' && retry.delayMs).toBeGreaterThan(0);
    expect(retry?.type === 'retry' && retry.delayMs).toBeLessThanOrEqual(1000);
  });

  it('retries a 503, then succeeds', async () => {
    const state = sequence(() => HttpResponse.json({ success: false, error: 'unavailable' }, { status: 503 }), ok);
    expect(await testClient().stages().toArray()).toHaveLength(1);
    expect(state.calls).toBe(2);
  });

  it('retries a network error, then succeeds', async () => {
    const state = sequence(() => HttpResponse.error(), ok);
    const { events, onEvent } = collect();
    expect(await testClient({ onEvent }).stages().toArray()).toHaveLength(1);
    expect(state.calls).toBe(2);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ reason: 'network error' });
  });

  it('retries a body that is cut short, then succeeds', async () => {
    const state = sequence(() => new HttpResponse('{"success":true,"data":[{"id":1,', { status: 200, headers: { 'content-type': 'application/json' } }), ok);
    expect(await testClient().stages().toArray()).toHaveLength(1);
    expect(state.calls).toBe(2);
  });

  it('gives up after retry.limit retries with a ServerError', async () => {
    const state = sequence(() => HttpResponse.json({ success: false, error: 'boom' }, { status: 502 }));
    const error = await caught(testClient({ retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2 } }).stages().toArray());
    expect(error).toBeInstanceOf(ServerError);
    expect(state.calls).toBe(3);
    expect(error.message).toMatch(/502 on GET \/api\/v2\/stages/);
  });

  it('does not retry a 400', async () => {
    const state = sequence(() => HttpResponse.json({ success: false, error: 'Invalid sort' }, { status: 400 }));
    const error = await caught(testClient().stages().toArray());
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toContain('Invalid sort');
    expect(state.calls).toBe(1);
  });

  it('stops at once on a Cloudflare 403 HTML page and says why', async () => {
    const state = sequence(() => new HttpResponse('<!DOCTYPE html><html><title>Attention Required! | Cloudflare</title></html>', { status: 403, headers: { 'content-type': 'text/html' } }));
    const error = await caught(testClient().stages().toArray());
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).code).toBe('blocked');
    expect(error.message).toMatch(/Cloudflare/);
    expect(state.calls).toBe(1);
  });

  it('times out a slow request and retries it, then gives a TimeoutError', async () => {
    const state = sequence(async () => {
      await delay(2000);
      return ok();
    });
    const error = await caught(testClient({ timeout: 50, retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1 } }).stages().toArray());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(state.calls).toBe(2);
  });
});

describe('authentication and secrets', () => {
  it('maps a 401 to AuthenticationError whose message, stack and JSON hold no token', async () => {
    sequence(() => HttpResponse.json({ success: false, error: `unauthorized access for token ${TOKEN}`, errorCode: 401 }, { status: 401 }));
    const error = await caught(testClient().stages().toArray());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/refused the token/);
    expect(error.message).toContain('[REDACTED]');
    expectNoToken(error);
  });

  it('never puts the token in a URL, an event or an error', async () => {
    sequence(() => HttpResponse.json({ success: false, error: 'nope' }, { status: 500 }));
    const { events, onEvent } = collect();
    const error = await caught(testClient({ onEvent, retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1 } }).stages().toArray());
    expectNoToken(error);
    expect(JSON.stringify(events)).not.toContain(TOKEN);
    expect(events.filter((e) => e.type === 'request')).toHaveLength(2);
  });

  it('does not follow a redirect, so the token never reaches another host', async () => {
    let otherHostCalls = 0;
    server.use(
      http.get(STAGES, () => new HttpResponse(null, { status: 302, headers: { location: 'https://evil.example.com/steal' } })),
      http.get('https://evil.example.com/steal', () => {
        otherHostCalls += 1;
        return ok();
      }),
    );
    const error = await caught(testClient().stages().toArray());
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toMatch(/redirect/);
    expect(otherHostCalls).toBe(0);
  });

  it('sends an OAuth access token as a Bearer header and asks for a new one after a 401', async () => {
    const seen: string[] = [];
    server.use(
      http.get(STAGES, ({ request }) => {
        seen.push(request.headers.get('authorization') ?? '');
        return seen.length === 1 ? HttpResponse.json({ success: false }, { status: 401 }) : ok();
      }),
    );
    let n = 0;
    const client = testClient({ apiToken: undefined, accessToken: () => `oauth-token-${++n}` });
    expect(await client.stages().toArray()).toHaveLength(1);
    expect(seen).toEqual(['Bearer oauth-token-1', 'Bearer oauth-token-2']);
  });
});

describe('daily budget', () => {
  it('stops before dailyTokenBudget is overspent', async () => {
    let calls = 0;
    server.use(
      http.get(STAGES, ({ request }) => {
        calls += 1;
        const cursor = Number(new URL(request.url).searchParams.get('cursor') ?? 0);
        return HttpResponse.json({ success: true, data: [{ id: cursor + 1 }], additional_data: { next_cursor: String(cursor + 1) } });
      }),
    );
    const client = testClient({ dailyTokenBudget: 12 });
    const error = await caught(client.stages().toArray());
    expect(error).toBeInstanceOf(DailyBudgetExceededError);
    expect(calls).toBe(2); // stages cost 5 each: 5 + 5 = 10, a third would make 15 > 12
    expect(client.tokensSpent).toBe(10);
  });

  it('treats repeated 429s with room left in the window as a spent daily budget', async () => {
    const state = sequence(() => HttpResponse.json({ success: false, error: 'Too many requests' }, { status: 429, headers: { 'x-ratelimit-remaining': '15', 'x-ratelimit-limit': '20', 'x-ratelimit-reset': '0' } }));
    const error = await caught(testClient().stages().toArray());
    expect(error).toBeInstanceOf(DailyBudgetExceededError);
    expect(error.message).toMatch(/daily token budget/);
    expect(state.calls).toBe(2);
  });

  it('sends nothing more once the daily budget is known to be spent, whichever stream asks', async () => {
    const state = sequence(() => HttpResponse.json({ success: false, error: 'Too many requests' }, { status: 429, headers: { 'x-ratelimit-remaining': '15', 'x-ratelimit-limit': '20', 'x-ratelimit-reset': '0' } }));
    const client = testClient();
    expect(await caught(client.stages().toArray())).toBeInstanceOf(DailyBudgetExceededError);
    const again = await caught(client.pipelines().toArray());
    expect(again).toBeInstanceOf(DailyBudgetExceededError);
    expect(again.message).toMatch(/sends no more requests.*resume from the last checkpoint/);
    expect(state.calls).toBe(2);
  });
});

describe('abort', () => {
  it('cancels a request in flight', async () => {
    sequence(async () => {
      await delay(10_000);
      return ok();
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop now')), 30);
    const error = await caught(testClient().stages({ signal: controller.signal }).toArray());
    expect(error.message).toBe('stop now');
  });

  it('cancels a backoff sleep', async () => {
    const state = sequence(() => new HttpResponse(null, { status: 503, headers: { 'retry-after': '60' } }));
    const controller = new AbortController();
    const client = testClient({ onEvent: (e) => e.type === 'retry' && controller.abort(new Error('cancelled in backoff')) });
    const error = await caught(client.stages({ signal: controller.signal }).toArray());
    expect(error.message).toBe('cancelled in backoff');
    expect(state.calls).toBe(1);
  });

  it('cancels a wait in the pacing queue', async () => {
    const state = sequence(ok);
    const client = testClient({ rateLimit: { requestsPerSecond: 0.01 } });
    await client.stages().toArray(); // takes the first slot; the next is 100 s away
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('cancelled while paced')), 30);
    const error = await caught(client.stages({ signal: controller.signal }).toArray());
    expect(error.message).toBe('cancelled while paced');
    expect(state.calls).toBe(1);
  });

  it('honours the client-wide signal', async () => {
    sequence(ok);
    const controller = new AbortController();
    controller.abort(new Error('client stopped'));
    const error = await caught(testClient({ signal: controller.signal }).stages().toArray());
    expect(error.message).toBe('client stopped');
  });
});
