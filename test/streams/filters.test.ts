import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/index.js';
import { streamTable } from '../../src/streams/table.js';
import { testClient } from '../support/client.js';
import { listHandler, makeRecords, type SeenRequest } from '../support/list-server.js';
import { exampleItems } from '../support/openapi.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const v1Time = (day: number) => `2025-01-${String(day).padStart(2, '0')} 10:00:00`;
const v2Time = (day: number) => `2025-01-${String(day).padStart(2, '0')}T10:00:00Z`;

describe('time filters', () => {
  it('sends updated_since and updated_until to v2 deals and /deals/archived in RFC 3339', async () => {
    const seen: SeenRequest[] = [];
    server.use(listHandler(streamTable.deals.endpoint, [], seen), listHandler(streamTable.deals.archived, [], seen));
    await testClient().deals({ updatedSince: '2025-01-01', updatedUntil: new Date('2025-02-01T00:00:00Z') }).toArray();
    for (const request of seen) {
      expect(request.url.searchParams.get('updated_since')).toBe('2025-01-01T00:00:00Z');
      expect(request.url.searchParams.get('updated_until')).toBe('2025-02-01T00:00:00Z');
    }
    expect(seen).toHaveLength(2);
  });

  it("orders by ascending update_time with order: 'updated-asc'", async () => {
    const seen: SeenRequest[] = [];
    server.use(listHandler(streamTable.persons.endpoint, [], seen), listHandler(streamTable.notes.endpoint, [], seen));
    await testClient().persons({ order: 'updated-asc' }).toArray();
    await testClient().notes({ order: 'updated-asc' }).toArray();
    expect(seen[0]!.url.searchParams.get('sort_by')).toBe('update_time');
    expect(seen[0]!.url.searchParams.get('sort_direction')).toBe('asc');
    expect(seen[1]!.url.searchParams.get('sort')).toBe('update_time ASC');
  });

  it('cuts products at updatedUntil client-side, since /v2/products has no updated_until', async () => {
    const template = exampleItems('v2', '/products')[0] as Record<string, unknown>;
    const records = makeRecords(template, 5).map((r, i) => ({ ...r, update_time: v2Time(i + 1) }));
    const seen: SeenRequest[] = [];
    server.use(listHandler(streamTable.products.endpoint, records, seen));
    const got = await testClient().products({ updatedSince: v2Time(1), updatedUntil: v2Time(4) }).toArray();
    expect(got.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(seen[0]!.url.searchParams.get('updated_since')).toBe('2025-01-01T10:00:00Z');
    expect(seen[0]!.url.searchParams.has('updated_until')).toBe(false);
  });

  it('reads files newest first and stops paging at updatedSince', async () => {
    const template = exampleItems('v1', '/files')[0] as Record<string, unknown>;
    const records = makeRecords(template, 30).map((r, i) => ({ ...r, update_time: v1Time(30 - i) }));
    const seen: SeenRequest[] = [];
    server.use(listHandler(streamTable.files.endpoint, records, seen));
    const got = await testClient().files({ updatedSince: '2025-01-25', pageSize: 3 }).toArray();
    expect(got.map((r) => r.update_time)).toEqual([30, 29, 28, 27, 26, 25].map(v1Time));
    // pages of 3: 30-28, 27-25, then 24 ends it; the remaining seven pages are never requested
    expect(seen).toHaveLength(3);
    expect(seen[0]!.url.searchParams.get('sort')).toBe('update_time DESC');
  });

  it("filters users on 'modified' client-side", async () => {
    const template = exampleItems('v1', '/users')[0] as Record<string, unknown>;
    const records = makeRecords(template, 4).map((r, i) => ({ ...r, modified: v1Time(i + 1) }));
    server.use(listHandler(streamTable.users.endpoint, records));
    const got = await testClient().users({ updatedSince: v1Time(2), updatedUntil: v1Time(4) }).toArray();
    expect(got.map((r) => r.id)).toEqual([2, 3]);
  });

  it('sends updated_since to leads and cuts /leads/archived client-side by update_time', async () => {
    const template = exampleItems('v1', '/leads')[0] as Record<string, unknown>;
    const active = makeRecords(template, 3, 'uuid').map((r, i) => ({ ...r, update_time: `2025-01-0${i + 1}T10:00:00.000Z` }));
    const archived = makeRecords(template, 4, 'uuid').map((r, i) => ({ ...r, id: `a${i}`.padEnd(8, '0') + '-0000-4000-8000-000000000000', update_time: `2025-01-0${4 - i}T10:00:00.000Z` }));
    const seen: SeenRequest[] = [];
    server.use(listHandler(streamTable.leads.endpoint, active, seen), listHandler(streamTable.leads.archived, archived, seen));
    const got = await testClient().leads({ updatedSince: '2025-01-02T10:00:00Z' }).toArray();
    expect(seen[0]!.url.searchParams.get('updated_since')).toBe('2025-01-02T10:00:00Z');
    expect(seen[1]!.url.searchParams.has('updated_since')).toBe(false);
    expect(seen[1]!.url.searchParams.get('sort')).toBe('update_time DESC');
    // the fake answers every active lead; the SDK trusts the server for /leads and cuts /leads/archived itself
    expect(got.filter((r) => r.is_archived).map((r) => r.update_time)).toEqual(['2025-01-04T10:00:00.000Z', '2025-01-03T10:00:00.000Z', '2025-01-02T10:00:00.000Z']);
  });

  it('refuses time filters on streams without a change time, before any request', () => {
    const client = testClient();
    expect(() => client.stream('currencies', { updatedSince: '2025-01-01' } as never)).toThrow(ConfigError);
    expect(() => client.pipelines({ order: 'updated-asc' } as never)).toThrow(/no change time/);
  });

  it('refuses a date it cannot read, an out-of-range page size, reserved params and an unknown stream', () => {
    const client = testClient();
    expect(() => client.deals({ updatedSince: 'yesterday' })).toThrow(/not a date/);
    expect(() => client.deals({ pageSize: 501 })).toThrow(/1 to 500/);
    expect(() => client.files({ pageSize: 101 })).toThrow(/1 to 100/);
    expect(() => client.deals({ pageSize: 0 })).toThrow(ConfigError);
    expect(() => client.deals({ params: { api_token: 'x' } })).toThrow(/header/);
    expect(() => client.persons({ archived: 'only' } as never)).toThrow(/deals and leads/);
    expect(() => client.stream('contacts' as never)).toThrow(/Valid streams: deals, persons/);
  });

  it('passes extra params through, e.g. status=deleted on deals', async () => {
    const seen: SeenRequest[] = [];
    server.use(listHandler(streamTable.deals.endpoint, [], seen));
    await testClient().deals({ params: { status: 'deleted' }, archived: 'exclude' }).toArray();
    expect(seen[0]!.url.searchParams.get('status')).toBe('deleted');
  });
});
