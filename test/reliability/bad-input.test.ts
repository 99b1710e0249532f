import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigError,
  ForbiddenError,
  Pipedrive,
  ResponseValidationError,
  ServerError,
  type PipedriveError,
  type PipedriveOptions,
  type SyncMessage,
  type SyncOptions,
} from '../../src/index.js';
import { testClient } from '../support/client.js';
import { ORIGIN, TOKEN } from '../support/list-server.js';

/**
 * Every bad input gets a typed error whose message says what to do, and nothing half-done: a bad option
 * sends no request, a bad response yields no record of the page it came in.
 */

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A client whose fetch counts calls and never reaches a network. */
function offline(options: Partial<PipedriveOptions> = {}) {
  const calls: string[] = [];
  const fetch: typeof globalThis.fetch = async (input) => {
    calls.push(String(input instanceof Request ? input.url : input));
    throw new Error('no request expected');
  };
  const make = () => new Pipedrive({ apiToken: TOKEN, domain: 'acme', fetch, retry: { limit: 0 }, ...options });
  return { calls, make };
}

function thrown(act: () => unknown): Error {
  try {
    act();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

async function rejected(act: () => Promise<unknown>): Promise<Error> {
  try {
    await act();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** Advice words: every message names the next step. */
const ADVICE = /\b(use|pass|check|copy|expected|restore|start without|leave it out|report|resume|raise|read it whole|valid|must be|stop|wait|exists on|have their own options)\b/i;

describe('bad client options: ConfigError before any request', () => {
  const tokenCases: [string, unknown][] = [
    ['missing', undefined],
    ['blank', ''],
    ['whitespace only', '   \t '],
    ['with a space inside', 'abcd efgh1234'],
    ['with a trailing newline', `${TOKEN}\n`],
    ['with a header injection', `${TOKEN}\r\nx-forwarded-host: evil.example.com`],
    ['with a tab', `${TOKEN}\t`],
    ['non-ASCII', `${TOKEN.slice(0, 10)}ö${TOKEN.slice(11)}`],
    ['not a string', 12345678],
  ];
  it.each(tokenCases)('token %s', (_, apiToken) => {
    const { calls, make } = offline({ apiToken: apiToken as string });
    const error = thrown(make);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(ADVICE);
    if (typeof apiToken === 'string' && apiToken.trim().length > 4) expect(error.message).not.toContain(apiToken.trim());
    expect(calls).toEqual([]);
  });

  it.each(tokenCases.filter(([, token]) => token !== undefined))('OAuth access token %s from the provider: ConfigError at the first page, no request, no retry', async (_, accessToken) => {
    const { calls, make } = offline({ apiToken: undefined, accessToken: async () => accessToken as string, retry: { limit: 3, baseDelayMs: 1, maxDelayMs: 1 } });
    const pd = make();
    const error = await rejected(() => pd.stages().toArray());
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(ADVICE);
    expect(calls).toEqual([]);
  });

  const domainCases: [string, unknown][] = [
    ['missing', undefined],
    ['blank', ''],
    ['whitespace only', '  '],
    ['with a newline inside', 'ac\nme'],
    ['with a header injection', 'acme\r\nx-evil: 1'],
    ['with a header injection in URL form', 'https://acme.pipedrive.com\r\nHost: evil.example.com'],
    ['with a space', 'ac me'],
    ['non-ASCII', 'açme'],
    ['non-ASCII in URL form (punycode look-alike)', 'https://аcme.pipedrive.com'],
    ['with a NUL', 'acme\u0000'],
    ['another host', 'evil.example.com'],
    ['a look-alike suffix', 'acme.pipedrive.com.evil.example.com'],
    ['plain http', 'http://acme.pipedrive.com'],
    ['with a path', 'https://acme.pipedrive.com/api/v1'],
    ['with credentials', 'https://user:pw@acme.pipedrive.com'],
    ['with a port', 'https://acme.pipedrive.com:8443'],
    ['with a query', 'https://acme.pipedrive.com/?x=1'],
    ['too long', `${'a'.repeat(64)}`],
    ['not a string', 42],
  ];
  it.each(domainCases)('domain %s', (_, domain) => {
    const { calls, make } = offline({ domain: domain as string });
    const error = thrown(make);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/domain: "mycompany"/);
    expect(error.message).not.toMatch(/[\r\n\u0000]/); // the caller's value is escaped, not pasted into logs
    expect(calls).toEqual([]);
  });

  it('accepts a domain with surrounding whitespace or a trailing newline (as pasted from a file): trimmed, nothing injected', () => {
    const seen: string[] = [];
    const pd = new Pipedrive({ apiToken: TOKEN, domain: ' acme.pipedrive.com\n', fetch: async (input) => {
      seen.push(input instanceof Request ? input.url : String(input));
      return HttpResponse.json({ success: true, data: [], additional_data: { next_cursor: null } });
    } });
    return pd.stages().toArray().then(() => expect(seen).toEqual(['https://acme.pipedrive.com/api/v2/stages?limit=500']));
  });

  it.each([
    ['plain http to a remote host', 'http://10.0.0.5:4010'],
    ['another host over https', 'https://evil.example.com'],
    ['with a path', 'http://127.0.0.1:4010/api'],
    ['with a newline inside', 'http://127.0.0.1:40\n10'],
    ['non-ASCII', 'https://açme.pipedrive.com'],
    ['another scheme', 'file:///etc/passwd'],
    ['not a URL', 'not a url'],
  ])('baseUrl %s', (_, baseUrl) => {
    const { calls, make } = offline({ domain: undefined, baseUrl });
    const error = thrown(make);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/Expected an origin such as/);
    expect(calls).toEqual([]);
  });

  it.each([
    ['timeout 0', { timeout: 0 }],
    ['a negative rate', { rateLimit: { requestsPerSecond: -1 } }],
    ['a negative retry limit', { retry: { limit: -1 } }],
    ['a negative daily budget', { dailyTokenBudget: -5 }],
    ['apiToken and accessToken together', { accessToken: 'x'.repeat(20) }],
  ] as const)('numeric and auth options: %s', (_, options) => {
    const { calls, make } = offline(options as Partial<PipedriveOptions>);
    const error = thrown(make);
    expect(error).toBeInstanceOf(ConfigError);
    expect(calls).toEqual([]);
  });
});

describe('bad stream options: ConfigError before any request', () => {
  it.each([
    ['pageSize 0', () => offline().make().deals({ pageSize: 0 })],
    ['pageSize -1', () => offline().make().persons({ pageSize: -1 })],
    ['pageSize 2.5', () => offline().make().notes({ pageSize: 2.5 })],
    ['pageSize NaN', () => offline().make().stages({ pageSize: Number.NaN })],
    ['pageSize 501 on a v2 list', () => offline().make().deals({ pageSize: 501 })],
    ['pageSize 101 on files', () => offline().make().files({ pageSize: 101 })],
    ['an unknown stream', () => offline().make().stream('contacts' as never)],
    ['updatedSince not a date', () => offline().make().deals({ updatedSince: 'yesterday' })],
    ['updatedSince on a stream without a change time', () => offline().make().stages({ updatedSince: '2025-01-01' } as never)],
    ['archived on a stream without archived records', () => offline().make().persons({ archived: 'only' } as never)],
    ['archived with an unknown value', () => offline().make().deals({ archived: 'sometimes' as never })],
    ['api_token in params', () => offline().make().deals({ params: { api_token: 'x' } })],
    ['paging in params', () => offline().make().deals({ params: { cursor: 'x' } })],
  ])('%s', (_, act) => {
    const error = thrown(act);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(ADVICE);
  });

  it('updatedSince an invalid Date', () => {
    const error = thrown(() => offline().make().deals({ updatedSince: new Date('nope') }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/updatedSince is an invalid Date.*Pass a valid Date, YYYY-MM-DD or an RFC 3339 timestamp/);
  });

  it('sends no request for any of them', () => {
    const { calls, make } = offline();
    const pd = make();
    for (const act of [() => pd.deals({ pageSize: 0 }), () => pd.stream('contacts' as never), () => pd.deals({ updatedSince: 'yesterday' })]) expect(act).toThrow(ConfigError);
    expect(calls).toEqual([]);
  });
});

describe('bad sync options: ConfigError when sync() is called, before any request', () => {
  const future = new Date(Date.now() + 3600_000);
  const cases: [string, SyncOptions][] = [
    ['an unknown stream', { streams: { contacts: {} } }],
    ['an unknown mode', { streams: { deals: { mode: 'append' as never } } }],
    ['an unknown default mode', { defaultMode: 'everything' as never }],
    ['incremental on a reference stream', { streams: { pipelines: { mode: 'incremental' } } }],
    ['stream settings that are not an object', { streams: { deals: 'full-refresh' as never } }],
    ['no stream at all', { streams: {} }],
    ['anchorDate not a date', { anchorDate: 'last tuesday' }],
    ['anchorDate an impossible day', { anchorDate: '2025-02-30' }],
    ['anchorDate an impossible month', { anchorDate: '2025-13-01' }],
    ['anchorDate an invalid Date', { anchorDate: new Date('nope') }],
    ['anchorDate blank', { anchorDate: '' }],
    ['anchorDate in the future', { anchorDate: '2999-01-01' }],
    ['anchorDate an hour ahead', { anchorDate: future }],
    ['pageSize 0', { pageSize: 0 }],
    ['pageSize -3', { pageSize: -3 }],
    ['pageSize 10.5', { pageSize: 10.5 }],
    ['pageSize 501', { pageSize: 501 }],
    ['concurrency 0', { concurrency: 0 }],
    ['slices 1.5', { slices: 1.5 }],
    ['lookback -1', { lookback: -1 }],
    ['lookback NaN', { lookback: Number.NaN }],
    ['state that is not JSON', { state: '{"version":1,' }],
    ['state of another version', { state: { version: 2, streams: {} } as never }],
    ['state without a version (another tool)', { state: { bookmarks: { deals: { update_time: '2025-01-01' } } } as never }],
    ['state as a list (another tool)', { state: '[{"type":"STREAM","stream":{"stream_descriptor":{"name":"deals"}}}]' }],
    ['state with a watermark that is not a time', { state: { version: 1, streams: { deals: { watermark: 'yesterday', idsAtWatermark: [] } } } }],
    ['state with ids that are not a list', { state: { version: 1, streams: { deals: { watermark: '2025-01-01T00:00:00Z', idsAtWatermark: 5 } } } as never }],
    ['state with a stream this SDK does not know', { state: { version: 1, streams: { contacts: { watermark: '2025-01-01T00:00:00Z', idsAtWatermark: [] } } } }],
    ['state as a number', { state: '42' }],
  ];
  it.each(cases)('%s', (_, options) => {
    const { calls, make } = offline();
    const error = thrown(() => make().sync(options));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(ADVICE);
    expect(calls).toEqual([]);
  });
});

const STAGES = `${ORIGIN}/api/v2/stages`;
const NOTES = `${ORIGIN}/api/v1/notes`;
const stage = (id: number) => ({ id, name: `Stage ${id}`, pipeline_id: 1, order_nr: id, deal_probability: 50, is_deal_rot_enabled: false, days_to_rotten: null, add_time: '2025-01-01T00:00:00Z', update_time: '2025-01-01T00:00:00Z', is_deleted: false });

/** Serves `bodies` in turn on one endpoint (the last one repeats); counts the requests. */
function serve(url: string, ...bodies: (() => Response)[]) {
  const state = { calls: 0 };
  server.use(http.get(url, () => bodies[Math.min(state.calls++, bodies.length - 1)]!()));
  return state;
}

/** Reads every record of a paginator, keeping what arrived before an error. */
async function readAll<T>(iterable: AsyncIterable<T>): Promise<{ records: T[]; error: PipedriveError | undefined }> {
  const records: T[] = [];
  try {
    for await (const record of iterable) records.push(record);
  } catch (error) {
    return { records, error: error as PipedriveError };
  }
  return { records, error: undefined };
}

const json = (body: unknown) => () => HttpResponse.json(body as object);
const html = (status: number, body: string) => () => new HttpResponse(body, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
const text = (body: string) => () => new HttpResponse(body, { status: 200, headers: { 'content-type': 'application/json' } });

describe('bad responses: a typed error, no record of the bad page, no endless loop', () => {
  const retry = { limit: 2, baseDelayMs: 1, maxDelayMs: 1 };
  it.each([
    ['a body that is not JSON', [text('Service temporarily unavailable')], ResponseValidationError, /not valid JSON/, 3],
    ['an HTML page with status 200 (a proxy or captive portal)', [html(200, '<!DOCTYPE html><html><body>Sign in to the Wi-Fi</body></html>')], ResponseValidationError, /an HTML page/, 3],
    ['an HTML error page with status 500', [html(500, '<html><body><h1>500 Internal Server Error</h1></body></html>')], ServerError, /500 on GET \/api\/v2\/stages/, 3],
    ['an HTML 403 page (Cloudflare block)', [html(403, '<!DOCTYPE html><title>Access denied | Cloudflare</title>')], ForbiddenError, /Cloudflare/, 1],
    ['JSON that is not an envelope', [json({ hello: 'world' })], ResponseValidationError, /no data array/, 3],
    ['a JSON array instead of an object', [json([stage(1)])], ResponseValidationError, /not a JSON object/, 3],
    ['a response without data', [json({ success: true, additional_data: { next_cursor: null } })], ResponseValidationError, /no data array/, 3],
    ['data that is an object', [json({ success: true, data: { id: 1 }, additional_data: { next_cursor: null } })], ResponseValidationError, /no data array/, 3],
    ['success: false with status 200', [json({ success: false, error: 'Something broke', data: null })], ResponseValidationError, /success: false/, 1],
    ['a next_cursor that is a number', [json({ success: true, data: [stage(1)], additional_data: { next_cursor: 7 } })], ResponseValidationError, /next_cursor is number/, 1],
    ['an empty page that says more follow', [json({ success: true, data: [], additional_data: { next_cursor: 'more' } })], ResponseValidationError, /empty page says more pages follow/, 1],
  ] as const)('%s', async (_, bodies, type, message, requests) => {
    const state = serve(STAGES, ...bodies);
    const { records, error } = await readAll(testClient({ retry }).stages());
    expect(error).toBeInstanceOf(type);
    expect(error!.message).toMatch(message);
    expect(error!.message).toMatch(ADVICE);
    expect(records).toEqual([]);
    expect(state.calls).toBe(requests);
  });

  it('a record with a wrong type: ResponseValidationError naming stream, record and field; none of its page is yielded', async () => {
    serve(STAGES, json({ success: true, data: [stage(1), { ...stage(2), order_nr: 'second' }, stage(3)], additional_data: { next_cursor: null } }));
    const { records, error } = await readAll(testClient().stages());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ stream: 'stages', recordId: 2, path: 'order_nr' });
    expect(error!.message).toMatch(/validate: false/);
    expect(records).toEqual([]);
  });

  it('a record without its id: ResponseValidationError', async () => {
    const { id: _, ...noId } = stage(4);
    serve(STAGES, json({ success: true, data: [noId], additional_data: { next_cursor: null } }));
    const { records, error } = await readAll(testClient().stages());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ stream: 'stages', path: 'id' });
    expect(records).toEqual([]);
  });

  it('a cursor that repeats at once: ResponseValidationError after the pages before it', async () => {
    const state = serve(STAGES, json({ success: true, data: [stage(1)], additional_data: { next_cursor: 'abc' } }));
    const { records, error } = await readAll(testClient().stages());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error!.message).toMatch(/cursor/);
    expect(records.map((r) => r.id)).toEqual([1]);
    expect(state.calls).toBe(2);
  });

  it('a cursor that comes back after other cursors (a cycle): ResponseValidationError, not an endless loop', async () => {
    let calls = 0;
    server.use(
      http.get(STAGES, ({ request }) => {
        calls += 1;
        const cursor = new URL(request.url).searchParams.get('cursor');
        const next = cursor === null ? 'A' : cursor === 'A' ? 'B' : 'A';
        return HttpResponse.json({ success: true, data: [stage(calls)], additional_data: { next_cursor: next } });
      }),
    );
    const { records, error } = await readAll(testClient().stages());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error!.message).toMatch(/already returned by an earlier page/);
    expect(calls).toBe(3);
    expect(records).toHaveLength(2);
  });

  it('a v1 next_start that does not advance: ResponseValidationError', async () => {
    const state = serve(NOTES, json({ success: true, data: [{ id: 1, content: 'x' }], additional_data: { pagination: { start: 0, limit: 1, more_items_in_collection: true, next_start: 0 } } }));
    const { error } = await readAll(testClient().notes({ validate: false }));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error!.message).toMatch(/does not advance/);
    expect(state.calls).toBe(1);
  });
});

describe('bad responses inside a sync', () => {
  it('ends only the affected stream with the error and yields none of its bad page; the other streams go on', async () => {
    serve(STAGES, json({ success: true, data: [stage(1), { ...stage(2), name: 42 }], additional_data: { next_cursor: null } }));
    server.use(http.get(`${ORIGIN}/api/v1/currencies`, () => HttpResponse.json({ success: true, data: [{ id: 1, code: 'EUR', name: 'Euro', decimal_points: 2, symbol: '€', active_flag: true, is_custom_flag: false }] })));
    const messages: SyncMessage[] = [];
    for await (const message of testClient().sync({ streams: { stages: {}, currencies: {} }, concurrency: 1 })) messages.push(message);
    const stagesEnd = messages.find((m) => m.type === 'stream_end' && m.stream === 'stages');
    expect(stagesEnd?.type === 'stream_end' && stagesEnd.error).toBeInstanceOf(ResponseValidationError);
    expect(messages.filter((m) => m.type === 'record' && m.stream === 'stages')).toEqual([]);
    expect(messages.filter((m) => m.type === 'record' && m.stream === 'currencies')).toHaveLength(1);
  });
});
