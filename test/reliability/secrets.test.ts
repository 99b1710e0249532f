import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  ConfigError,
  DailyBudgetExceededError,
  ForbiddenError,
  NetworkError,
  NotFoundError,
  Pipedrive,
  PipedriveError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
  type PipedriveEvent,
  type PipedriveOptions,
  type SyncMessage,
} from '../../src/index.js';
import { createDataset, createFakePipedrive } from '../../src/testing/index.js';
import { ORIGIN, TOKEN } from '../support/list-server.js';
import { EVERYTHING, writeSummary } from './support.js';

/**
 * The token appears in no error (message, stack, cause chain, JSON, inspection), no event, no sync message
 * and no checkpoint state, and travels only in the `x-api-token` header to the configured origin: never in
 * a URL, never to another host, not even when Pipedrive (or a proxy) answers with a redirect.
 */

const OAUTH = 'oauth-access-token-0123456789abcdef';
const STAGES = `${ORIGIN}/api/v2/stages`;

/** Every request that reached a host other than the configured origin, with the credentials it carried. */
const elsewhere: { url: string; credentials: string }[] = [];
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** The catch-all for every other host; registered after each test's own handlers. */
function catchOtherHosts() {
  server.use(
    http.all(/^https?:\/\/(?!acme\.pipedrive\.com\/).*/, ({ request }) => {
      elsewhere.push({ url: request.url, credentials: `${request.headers.get('x-api-token') ?? ''} ${request.headers.get('authorization') ?? ''}` });
      return HttpResponse.json({ success: true, data: [], additional_data: { next_cursor: null } });
    }),
  );
}

const events: PipedriveEvent[] = [];
const seenUrls: string[] = [];
const caughtErrors: { scenario: string; error: unknown }[] = [];

function client(options: Partial<PipedriveOptions> = {}): Pipedrive {
  return new Pipedrive({
    apiToken: TOKEN,
    baseUrl: ORIGIN,
    rateLimit: { requestsPerSecond: 1000 },
    retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1 },
    onEvent: (event) => events.push(event),
    ...options,
  });
}

/** Every text an error exposes: message, stack, JSON, String, inspection, and the same for each cause. */
function exposed(error: unknown): string[] {
  const out: string[] = [];
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 10; depth += 1) {
    if (current instanceof Error) out.push(current.message, current.stack ?? '', String(current));
    out.push(JSON.stringify(current) ?? '', inspect(current, { depth: 8, showHidden: true }));
    current = current instanceof Error ? current.cause : undefined;
  }
  return out;
}

function expectClean(texts: string[], secrets: string[] = [TOKEN, OAUTH]) {
  for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
}

/** Answers every GET on /api/v2/stages with `respond`, and records the URL each request used. */
function stages(respond: (request: Request) => Response | Promise<Response>) {
  server.use(
    http.get(STAGES, ({ request }) => {
      seenUrls.push(request.url);
      return respond(request);
    }),
  );
  catchOtherHosts();
}

async function failure(scenario: string, act: () => Promise<unknown>): Promise<PipedriveError> {
  try {
    await act();
  } catch (error) {
    caughtErrors.push({ scenario, error });
    return error as PipedriveError;
  }
  throw new Error(`${scenario}: expected an error`);
}

/** An error body that echoes the credential back (as some proxies and old endpoints do). */
const echo = (status: number, extra: Record<string, string> = {}, secret = TOKEN) => () =>
  HttpResponse.json({ success: false, error: `token ${secret} rejected`, error_info: `api_token=${secret}` }, { status, headers: extra });

describe('the token in errors', () => {
  it.each([
    ['401', echo(401), AuthenticationError, 'authentication'],
    ['403 JSON', echo(403), ForbiddenError, 'forbidden'],
    ['403 Cloudflare page', () => new HttpResponse(`<!DOCTYPE html><title>Access denied</title><p>${TOKEN}</p>`, { status: 403, headers: { 'content-type': 'text/html' } }), ForbiddenError, 'blocked'],
    ['404', echo(404), NotFoundError, 'not_found'],
    ['410', echo(410), NotFoundError, 'not_found'],
    ['400', echo(400), BadRequestError, 'bad_request'],
    ['402', echo(402), BadRequestError, 'bad_request'],
    ['429 until retries run out', echo(429, { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '20', 'retry-after': '1' }), RateLimitError, 'rate_limited'],
    ['429 asking for a wait too long', echo(429, { 'retry-after': '86400' }), RateLimitError, 'rate_limited'],
    ['429 with room in the window (daily budget spent)', echo(429, { 'x-ratelimit-remaining': '15', 'x-ratelimit-limit': '20', 'x-ratelimit-reset': '0' }), DailyBudgetExceededError, 'daily_budget_exceeded'],
    ['500', echo(500), ServerError, 'server_error'],
    ['503', echo(503), ServerError, 'server_error'],
    ['a connection error', () => HttpResponse.error(), NetworkError, 'network_error'],
    ['a redirect to another host', () => new HttpResponse(null, { status: 302, headers: { location: `https://evil.example.com/steal?api_token=${TOKEN}` } }), NetworkError, 'network_error'],
    ['a 307 redirect to another host', () => new HttpResponse(null, { status: 307, headers: { location: 'https://evil.example.com/steal' } }), NetworkError, 'network_error'],
    ['a body that is not JSON', () => new HttpResponse(`oops ${TOKEN}`, { status: 200 }), ResponseValidationError, 'response_validation'],
    ['success: false with status 200', () => HttpResponse.json({ success: false, error: `bad token ${TOKEN}`, data: null }), ResponseValidationError, 'response_validation'],
    ['a record that breaks its schema', () => HttpResponse.json({ success: true, data: [{ id: 1, name: 7, note: TOKEN }], additional_data: { next_cursor: null } }), ResponseValidationError, 'response_validation'],
  ] as const)('%s: the error holds no token', async (scenario, respond, type, code) => {
    stages(respond);
    const error = await failure(scenario, () => client().stages().toArray());
    expect(error).toBeInstanceOf(type);
    expect(error.code).toBe(code);
    expectClean(exposed(error));
    expect(elsewhere).toEqual([]);
  });

  it('a timeout holds no token', async () => {
    stages(() => new Promise<Response>(() => undefined));
    const error = await failure('timeout', () => client({ timeout: 30 }).stages().toArray());
    expect(error).toBeInstanceOf(TimeoutError);
    expectClean(exposed(error));
  });

  it('a network error whose text carries the token (a proxy echoing headers) is redacted', async () => {
    catchOtherHosts();
    const fetch: typeof globalThis.fetch = async () => {
      throw new TypeError(`fetch failed: proxy refused headers x-api-token: ${TOKEN}`, { cause: new Error(`socket: ${TOKEN}`) });
    };
    const error = await failure('proxy echo', () => client({ fetch }).stages().toArray());
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toContain('[REDACTED]');
    expectClean(exposed(error));
  });

  it('an OAuth access token is redacted like an API token', async () => {
    stages(echo(401, {}, OAUTH));
    const error = await failure('oauth 401', () => client({ apiToken: undefined, accessToken: async () => OAUTH }).stages().toArray());
    expect(error).toBeInstanceOf(AuthenticationError);
    expectClean(exposed(error));
  });

  it('a daily budget of the client, a config error and a malformed token hold no token', async () => {
    stages(() => HttpResponse.json({ success: true, data: [{ id: 1 }], additional_data: { next_cursor: 'x' } }));
    const budget = await failure('dailyTokenBudget', () => client({ dailyTokenBudget: 7, validate: false }).stages().toArray());
    expect(budget).toBeInstanceOf(DailyBudgetExceededError);
    expectClean(exposed(budget));
    for (const bad of [`${TOKEN} `, `${TOKEN}\n`, `${TOKEN}\r\nx: y`, `ü${TOKEN}`]) {
      const error = await failure('malformed token', async () => client({ apiToken: bad }));
      expect(error).toBeInstanceOf(ConfigError);
      expectClean(exposed(error));
    }
    const config = await failure('config', async () => client().deals({ pageSize: 0 }));
    expect(config).toBeInstanceOf(ConfigError);
    expectClean(exposed(config));
  });

  it('covers every error class of the SDK', () => {
    const classes = new Set(caughtErrors.map(({ error }) => (error as Error).constructor.name));
    expect([...classes].sort()).toEqual(
      ['AuthenticationError', 'BadRequestError', 'ConfigError', 'DailyBudgetExceededError', 'ForbiddenError', 'NetworkError', 'NotFoundError', 'RateLimitError', 'ResponseValidationError', 'ServerError', 'TimeoutError'].sort(),
    );
    expect(caughtErrors.every(({ error }) => error instanceof PipedriveError)).toBe(true);
  });
});

describe('the token in events, sync messages, state and URLs', () => {
  it('sync against the fake (through msw) with faults: no token in any event, message or checkpoint; header only; one origin', async () => {
    const fake = createFakePipedrive({
      dataset: createDataset({ seed: 99, counts: { deals: 40, persons: 30, notes: 30, leads: 20, files: 20, activities: 30 } }),
      apiToken: TOKEN,
      rateLimit: { requestsPer2s: 60 }, // the client runs into the window: rate_limit_wait events
      faults: { seed: 5, rate: 0.15, kinds: ['500', '502', '429', 'truncated'] },
    });
    server.use(...fake.handlers(ORIGIN));
    catchOtherHosts();
    const syncEvents: PipedriveEvent[] = [];
    const pd = client({ retry: { limit: 10, baseDelayMs: 1, maxDelayMs: 2 }, onEvent: (event) => syncEvents.push(event) });
    const messages: SyncMessage[] = [];
    for await (const message of pd.sync({ anchorDate: EVERYTHING, pageSize: 10 })) messages.push(message);
    expect(messages.filter((m) => m.type === 'stream_end' && m.error)).toEqual([]);

    // a second, failing sync (bad token) for error-carrying messages
    const bad = client({ apiToken: `${TOKEN.slice(0, -4)}0000`, onEvent: (event) => syncEvents.push(event) });
    const failed: SyncMessage[] = [];
    const error = await failure('sync with a refused token', async () => {
      for await (const message of bad.sync({ anchorDate: EVERYTHING, streams: { deals: {}, stages: {} } })) failed.push(message);
    });
    expect(error).toBeInstanceOf(AuthenticationError);

    const kinds = new Set(syncEvents.map((e) => e.type));
    expect(syncEvents.filter((e) => e.type === 'request').length).toBeGreaterThan(50);
    expect(kinds).toEqual(new Set(['request', 'retry', 'rate_limit_wait']));
    expectClean([JSON.stringify(syncEvents), inspect(syncEvents, { depth: 6 })]);
    const texts = [...messages, ...failed].map((message) => (message.type === 'stream_end' && message.error ? exposed(message.error).join('\n') + JSON.stringify(message) : JSON.stringify(message)));
    expectClean(texts);
    const states = messages.filter((m) => m.type === 'checkpoint');
    expect(states.length).toBeGreaterThan(0);
    expectClean(states.map((m) => JSON.stringify(m)));
    expectClean(exposed(error));

    // the fake's log: every request carried the token in the x-api-token header, none in a URL
    const log = fake.requests;
    expect(log.length).toBeGreaterThan(50);
    expect(log.filter((r) => r.tokenInQuery)).toEqual([]);
    expect(new Set(log.map((r) => r.authHeader))).toEqual(new Set(['x-api-token']));
    expectClean(log.map((r) => JSON.stringify(r.query) + r.path));
    expect(elsewhere).toEqual([]);
    writeSummary('secrets', {
      errorScenarios: caughtErrors.length,
      errorClasses: new Set(caughtErrors.map(({ error }) => (error as Error).constructor.name)).size,
      events: syncEvents.length + events.length,
      eventKinds: [...kinds].sort(),
      syncMessages: messages.length + failed.length,
      checkpoints: states.length,
      fakeRequests: log.length,
      tokenInQuery: 0,
      requestsToOtherHosts: elsewhere.length,
    });
  });

  it('never puts the token in a URL of any request, event or error path', () => {
    expect(seenUrls.length).toBeGreaterThan(10);
    expectClean(seenUrls);
    for (const url of seenUrls) expect(new URL(url).searchParams.has('api_token')).toBe(false);
    expectClean(events.map((e) => JSON.stringify(e)));
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['request', 'retry', 'rate_limit_wait']));
    for (const { error } of caughtErrors) if (error instanceof PipedriveError && error.request) expect(error.request.path).not.toContain(TOKEN);
  });

  it('sends the token to no other host, whatever redirect Pipedrive or a proxy answers with', async () => {
    for (const status of [301, 302, 303, 307, 308]) {
      for (const location of ['https://evil.example.com/api/v2/stages', 'http://acme.pipedrive.com/api/v2/stages', '//evil.example.com/x', 'https://acme.pipedrive.com.evil.example.com/']) {
        stages(() => new HttpResponse(null, { status, headers: { location } }));
        const error = await failure(`redirect ${status}`, () => client({ retry: { limit: 0 } }).stages().toArray());
        expect(error).toBeInstanceOf(NetworkError);
        expect(error.message).toMatch(/redirect/);
      }
    }
    expect(elsewhere).toEqual([]);
  });

  it('leaves no token in the client object itself when inspected or serialised', () => {
    const pd = client();
    expect(JSON.stringify(Object.keys(pd))).not.toContain(TOKEN);
    expect(inspect(pd, { depth: 3 })).not.toContain(TOKEN);
  });
});
