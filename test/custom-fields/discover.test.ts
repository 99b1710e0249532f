import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Pipedrive, type DiscoveredColumn, type DiscoveredStream } from '../../src/index.js';
import { testClient } from '../support/client.js';
import { count, dealFields, field, K, key, serve, type Seen } from './fixtures.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function serveCatalogs(seen: Seen[]) {
  server.use(
    serve('v2', '/dealFields', () => dealFields(), seen),
    serve('v2', '/personFields', () => [field('name', 'Name', 'varchar'), field(key(500), 'Seniority', 'enum', { options: [{ id: 1, label: 'Junior' }, { id: 2, label: 'Senior' }] })], seen),
    serve('v2', '/organizationFields', () => [field('name', 'Name', 'varchar'), field('industry', 'Industry', 'enum', { options: [{ id: 5, label: 'Retail' }] })], seen),
    serve('v2', '/productFields', () => [field('name', 'Name', 'varchar'), field(key(501), 'Compatible with', 'set', { options: [{ id: 1, label: 'Linux' }] })], seen),
  );
}

const byName = (streams: DiscoveredStream[], name: string) => streams.find((s) => s.name === name)!;
const column = (stream: DiscoveredStream, name: string): DiscoveredColumn | undefined => stream.columns.find((c) => c.name === name);

describe('pd.discover()', () => {
  it('lists every stream of the table with its columns', async () => {
    const seen: Seen[] = [];
    serveCatalogs(seen);
    const streams = await testClient().discover();
    expect(streams.map((s) => s.name)).toEqual(Pipedrive.streams.map((s) => s.name));
    for (const stream of streams) expect(stream.columns.length).toBeGreaterThan(0);
    // Each catalog once: deals and leads share the deal fields.
    for (const path of ['/api/v2/dealFields', '/api/v2/personFields', '/api/v2/organizationFields', '/api/v2/productFields']) expect(count(seen, path)).toBe(1);

    const stages = byName(streams, 'stages');
    expect(stages.customFields).toBeNull();
    expect(column(stages, 'id')).toEqual({ name: 'id', key: 'id', origin: 'builtin', type: 'integer' });
    expect(column(stages, 'update_time')?.type).toBe('timestamp');
  });

  it('gives custom columns their named-mode names, types and options, next to built-ins typed by schema and catalog', async () => {
    serveCatalogs([]);
    const streams = await testClient().discover();
    const deals = byName(streams, 'deals');
    expect(deals.customFields).toEqual({ catalog: 'deal_fields', shape: 'v2' });
    expect(column(deals, 'custom_fields')).toBeUndefined();
    expect(column(deals, 'title')).toEqual({ name: 'title', key: 'title', origin: 'builtin', type: 'string', fieldType: 'varchar', label: 'Title' });
    expect(column(deals, 'status')).toMatchObject({ origin: 'builtin', type: 'string', options: [{ id: 'open', label: 'Open' }, { id: 'won', label: 'Won' }] });
    expect(column(deals, 'deal_source')).toEqual({
      name: 'deal_source',
      key: K.enum,
      origin: 'custom',
      type: 'string',
      fieldType: 'enum',
      label: 'Deal source',
      options: [{ id: 1, label: 'Web' }, { id: 2, label: 'Referral' }, { id: 3, label: 'Event' }],
    });
    expect(column(deals, 'interests')).toMatchObject({ type: 'array', fieldType: 'set', options: [{ id: 11, label: 'CRM' }, { id: 12, label: 'Analytics' }, { id: 13, label: 'Support' }] });
    expect(column(deals, 'budget')).toMatchObject({ type: 'object', fieldType: 'monetary' });
    expect(column(deals, 'discount')).toMatchObject({ type: 'number', fieldType: 'double' });
    expect(column(deals, 'title_2')).toMatchObject({ key: K.title, origin: 'custom' });
    expect(column(deals, 'custom_fields_raw')).toMatchObject({ origin: 'meta', type: 'object' });

    const leads = byName(streams, 'leads');
    expect(column(leads, 'deal_source')?.key).toBe(K.enum);
    expect(column(leads, 'stage_id')).toBeUndefined();
    expect(column(leads, 'is_archived')?.type).toBe('boolean');

    const organizations = byName(streams, 'organizations');
    expect(column(organizations, 'industry')).toMatchObject({ origin: 'builtin', options: [{ id: 5, label: 'Retail' }] });
    expect(column(byName(streams, 'persons'), 'seniority')?.options).toEqual([{ id: 1, label: 'Junior' }, { id: 2, label: 'Senior' }]);
    expect(column(byName(streams, 'products'), 'compatible_with')?.type).toBe('array');
  });

  it('names custom columns with the map a named read would use', async () => {
    serveCatalogs([]);
    const streams = await testClient().discover({ customFieldNames: { deals: { [K.enum]: 'source' } } });
    expect(column(byName(streams, 'deals'), 'source')?.key).toBe(K.enum);
    expect(column(byName(streams, 'leads'), 'deal_source')?.key).toBe(K.enum);
  });
});
